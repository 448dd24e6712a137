package com.opulenthorizons.gateway.lead;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

import com.opulenthorizons.gateway.common.InvalidArgumentException;
import com.opulenthorizons.gateway.common.WireJson;

import tools.jackson.core.JacksonException;

/**
 * The bound on a lead's {@code raw_payload}, measured as the JSON that is stored. The payload is kept
 * for reference, not read by the gateway, so a source that sends megabytes gains nothing and every
 * later read of the lead (get_person, Zoho sync, replays) would pay for it.
 */
public record RawPayloadLimit(int maxBytes) {

    /** RAW_PAYLOAD_MAX_BYTES's default (128 KiB): Meta, CloudTalk and Notion payloads are a few KiB. */
    public static final RawPayloadLimit DEFAULT = new RawPayloadLimit(131_072);

    public RawPayloadLimit {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("RAW_PAYLOAD_MAX_BYTES must be at least 1");
        }
    }

    /** @throws InvalidArgumentException naming {@code raw_payload} when its JSON is longer than the limit */
    public void check(Map<String, Object> rawPayload) {
        if (rawPayload == null) {
            return;
        }
        try {
            WireJson.PLAIN.writeValue(new Counter(maxBytes), rawPayload);
        } catch (JacksonException e) {
            // Jackson wraps the counter's IOException; any other failure is not about the size
            if (e.getCause() instanceof Counter.Exceeded) {
                throw new InvalidArgumentException("raw_payload", "must be at most " + maxBytes + " bytes of JSON (RAW_PAYLOAD_MAX_BYTES)");
            }
            throw e;
        }
    }

    /** Counts what Jackson writes and stops it as soon as the limit is passed, so nothing large is built. */
    private static final class Counter extends OutputStream {

        static final class Exceeded extends IOException {
            private static final long serialVersionUID = 1L;

            Exceeded() {
                super("raw_payload over the limit", null);
            }
        }

        private final long limit;
        private long count;

        Counter(long limit) {
            this.limit = limit;
        }

        @Override
        public void write(int b) throws IOException {
            add(1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            add(len);
        }

        private void add(long n) throws Exceeded {
            count += n;
            if (count > limit) {
                throw new Exceeded();
            }
        }
    }
}
