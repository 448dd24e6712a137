package com.opulenthorizons.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.opulenthorizons.gateway.common.WireJson;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP receiver on a free loopback port, for the workflow-delivery tests: each path answers
 * as the test says. One thread per exchange, so that an answer a test holds back cannot hold the
 * others.
 */
public final class LocalReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();

    private LocalReceiver(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("no loopback port for the test receiver", e);
        }
        server.setExecutor(threads);
        server.start();
    }

    public static LocalReceiver start() {
        return new LocalReceiver(0);
    }

    /** On this port: for a test that stops a receiver and brings it back where senders expect it. */
    public static LocalReceiver start(int port) {
        return new LocalReceiver(port);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Answers requests to {@code path} with {@code handler}. */
    public LocalReceiver on(String path, HttpHandler handler) {
        server.createContext(path, handler);
        return this;
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** The request's body, read whole, as a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> json(HttpExchange exchange) throws IOException {
        return WireJson.MAPPER.readValue(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8), Map.class);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
