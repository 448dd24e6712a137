package com.opulenthorizons.gateway.auth;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.eclipse.microprofile.jwt.JsonWebToken;

import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Verifies a request's bearer token with the server's MicroProfile JWT runtime (Liberty's
 * {@code mpJwt-2.1}): signature against the issuer's keys, {@code exp}/{@code nbf}, {@code iss} and
 * {@code aud}, all as the {@code mp.jwt.verify.*} settings say. The MCP endpoints are not protected
 * by the container (API keys and open modes share them), so the check is asked for per request with
 * {@link HttpServletRequest#authenticate}; whatever the container would answer on failure is
 * discarded, and the caller's filter answers instead, with the MCP specification's challenge.
 */
final class ContainerTokenVerifier {

    private static final Logger LOG = Logger.getLogger(ContainerTokenVerifier.class.getName());

    private ContainerTokenVerifier() {
    }

    static Optional<JsonWebToken> verify(HttpServletRequest request, HttpServletResponse response) {
        try {
            if (request.authenticate(new Discarding(response)) && request.getUserPrincipal() instanceof JsonWebToken token) {
                return Optional.of(token);
            }
        } catch (ServletException | IOException e) {
            // The reason (expired, wrong audience, ...) is in the runtime's own CWWKS message, which names no token.
            LOG.log(Level.FINE, "bearer token refused by the MicroProfile JWT runtime: {0}", e.getClass().getName());
        }
        if (!response.isCommitted()) {
            response.reset();
        }
        return Optional.empty();
    }

    /** Swallows the container's own refusal: status, headers and body. */
    private static final class Discarding extends HttpServletResponseWrapper {

        Discarding(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void setStatus(int sc) {
            // discarded
        }

        @Override
        public void sendError(int sc) {
            // discarded
        }

        @Override
        public void sendError(int sc, String msg) {
            // discarded
        }

        @Override
        public void setHeader(String name, String value) {
            // discarded
        }

        @Override
        public void addHeader(String name, String value) {
            // discarded
        }

        @Override
        public PrintWriter getWriter() {
            return new PrintWriter(OutputStream.nullOutputStream());
        }

        @Override
        public ServletOutputStream getOutputStream() {
            return new ServletOutputStream() {
                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    // nothing is written
                }

                @Override
                public void write(int b) {
                    // discarded
                }
            };
        }
    }
}
