package com.opulenthorizons.gateway.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.net.Proxy;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends the delivery POSTs: blocking {@link HttpURLConnection} exchanges on up to
 * {@code concurrency} threads of its own, with connections reused by the JDK's keep-alive cache.
 * Not {@code java.net.http.HttpClient}: on this path its asynchronous pipeline, which hands every
 * exchange between threads several times, cost about three times the CPU per request, and at
 * 1,000 events/s that was most of the gateway's CPU (bench/README.md, "Workflow delivery").
 * <p>
 * Each exchange is bounded as a whole: {@code timeout} after it starts, a watchdog closes its
 * connection, so a receiver that sends its headers and then stalls or dribbles its body fails the
 * attempt (a {@link TimeoutException}) instead of holding a thread.
 */
final class DeliveryTransport implements AutoCloseable {

    private final URL url;
    private final int timeoutMillis;
    private final ThreadPoolExecutor senders;
    private final ScheduledThreadPoolExecutor watchdog;

    DeliveryTransport(URI url, int concurrency, Duration timeout) {
        try {
            this.url = url.toURL();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("the workflow webhook URL is not an http(s) URL", e);
        }
        this.timeoutMillis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        senders = new ThreadPoolExecutor(concurrency, concurrency, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                daemons("workflow-delivery-"));
        senders.allowCoreThreadTimeOut(true);
        watchdog = new ScheduledThreadPoolExecutor(1, daemons("workflow-delivery-watchdog-"));
        watchdog.setRemoveOnCancelPolicy(true);
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * POSTs {@code body}; completes with the answer's status once the whole answer is read, or
     * exceptionally: with a {@link TimeoutException} at the deadline, else with the I/O failure.
     */
    CompletableFuture<Integer> post(Map<String, String> headers, byte[] body) {
        CompletableFuture<Integer> answer = new CompletableFuture<>();
        senders.execute(() -> exchange(headers, body, answer));
        return answer;
    }

    private void exchange(Map<String, String> headers, byte[] body, CompletableFuture<Integer> answer) {
        AtomicBoolean late = new AtomicBoolean();
        ScheduledFuture<?> deadline = null;
        try {
            // No proxy, as the HttpClient this replaced (which had no proxy selector set).
            HttpURLConnection connection = (HttpURLConnection) url.openConnection(Proxy.NO_PROXY);
            deadline = watchdog.schedule(() -> {
                late.set(true);
                connection.disconnect();
            }, timeoutMillis, TimeUnit.MILLISECONDS);
            connection.setConnectTimeout(timeoutMillis);
            connection.setReadTimeout(timeoutMillis);
            connection.setInstanceFollowRedirects(false);
            connection.setUseCaches(false);
            connection.setRequestMethod("POST");
            // Not in streaming mode: the request line, headers and body then go out in one write.
            connection.setDoOutput(true);
            headers.forEach(connection::setRequestProperty);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            // Read to the end, so that the connection goes back to the keep-alive cache.
            try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
                if (in != null) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
            if (late.get()) {
                answer.completeExceptionally(new TimeoutException());
            } else {
                answer.complete(status);
            }
        } catch (IOException | RuntimeException e) {
            answer.completeExceptionally(late.get() ? new TimeoutException() : e);
        } finally {
            if (deadline != null) {
                deadline.cancel(false);
            }
        }
    }

    @Override
    public void close() {
        senders.shutdownNow();
        watchdog.shutdownNow();
    }
}
