package dev.ecskms.api;

import dev.ecskms.sim.common.ApiException;
import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads an RPC request's parameters: the query string and an application/x-www-form-urlencoded body together (the
 * Java SDK sends the query, other clients a form body). The signature covers the union, so a parameter given in
 * both places with two different values is refused rather than silently picked.
 *
 * <p>The body is read as Jetty delivers it, without holding a thread while the client is silent: a stalled body
 * costs no worker, and the connector's idle timeout ends it.
 */
final class RpcRequestReader {
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** An oversized body is read and dropped up to this much, so that the client is still reading when we answer. */
    private static final long MAX_DRAIN_BYTES = 16L * 1024 * 1024;

    /** What became of reading one request: its parameters or a caller's mistake. */
    interface Outcome {
        void parameters(RpcParams params);

        /** Also a body cut short or a client gone silent; if the connection is gone, the answer is simply lost. */
        void refused(ApiException e);
    }

    private final Request request;
    private final Outcome outcome;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private long total;

    private RpcRequestReader(Request request, Outcome outcome) {
        this.request = request;
        this.outcome = outcome;
    }

    /**
     * Reads the request and reports to {@code outcome} exactly once: at once when the body is already here (the
     * usual case), otherwise on the Jetty thread that delivers its last bytes.
     */
    static void read(Request request, Outcome outcome) {
        new RpcRequestReader(request, outcome).readAvailable();
    }

    private void readAvailable() {
        while (true) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this::readAvailable);
                return;
            }
            if (Content.Chunk.isFailure(chunk)) {
                outcome.refused(chunk.getFailure() instanceof TimeoutException ? ApiErrors.requestTimeout()
                        : ApiErrors.transportError(400));
                return;
            }
            ByteBuffer buffer = chunk.getByteBuffer();
            int n = buffer.remaining();
            if (total + n <= MAX_BODY_BYTES) {
                if (buffer.hasArray()) {
                    body.write(buffer.array(), buffer.arrayOffset() + buffer.position(), n);
                } else {
                    byte[] copy = new byte[n];
                    buffer.get(copy);
                    body.write(copy, 0, n);
                }
            }
            total += n;
            chunk.release();
            if (chunk.isLast() || total > MAX_BODY_BYTES + MAX_DRAIN_BYTES) {
                finish();
                return;
            }
        }
    }

    private void finish() {
        if (total > MAX_BODY_BYTES) {
            outcome.refused(ApiErrors.requestTooLarge(MAX_BODY_BYTES));
            return;
        }
        RpcParams params;
        try {
            params = parameters(request.getHttpURI().getQuery(), request.getHeaders().get(HttpHeader.CONTENT_TYPE),
                    body.toByteArray());
        } catch (ApiException e) {
            outcome.refused(e);
            return;
        }
        outcome.parameters(params);
    }

    static RpcParams parameters(String rawQuery, String contentType, byte[] body) {
        Map<String, String> params = new LinkedHashMap<>();
        addForm(params, rawQuery);
        if (body.length > 0 && isForm(contentType)) {
            addForm(params, new String(body, StandardCharsets.UTF_8));
        }
        return new RpcParams(params);
    }

    private static boolean isForm(String contentType) {
        return contentType == null
                || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static void addForm(Map<String, String> params, String form) {
        if (form == null || form.isEmpty()) {
            return;
        }
        for (String pair : form.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq), pair);
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1), name);
            String previous = params.putIfAbsent(name, value);
            if (previous != null && !previous.equals(value)) {
                throw ApiException.invalid(name, "it is given more than once with different values.");
            }
        }
    }

    private static String decode(String encoded, String parameter) {
        try {
            return URLDecoder.decode(encoded, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(parameter, "it is not correctly percent-encoded (" + e.getMessage() + ").");
        }
    }
}
