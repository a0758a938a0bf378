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
 * Reads an RPC request's parameters: the query string and the body together (the Java SDKs send the query, other
 * clients a form body, some a JSON body). A parameter given in both places with two different values is refused
 * rather than silently picked.
 *
 * <p>The body is read as Jetty delivers it, without holding a thread while the client is silent: a stalled body
 * costs no worker, and the connector's idle timeout ends it.
 */
final class RpcRequestReader {
    static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper
            .builder().enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();
    /** An oversized body is read and dropped up to this much, so that the client is still reading when we answer. */
    private static final long MAX_DRAIN_BYTES = 16L * 1024 * 1024;

    /**
     * One request as read: its query parameters alone (signature V3 signs them, not the body's), its body as sent
     * (V3 signs its hash) and the parameters of both together.
     */
    record Read(Map<String, String> query, byte[] body, RpcParams params) {
    }

    /** What became of reading one request: its parameters or a caller's mistake. */
    interface Outcome {
        void parameters(Read read);

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
        Read read;
        try {
            read = read(request.getHttpURI().getQuery(), request.getHeaders().get(HttpHeader.CONTENT_TYPE),
                    body.toByteArray());
        } catch (ApiException e) {
            outcome.refused(e);
            return;
        }
        outcome.parameters(read);
    }

    /**
     * The query's parameters and the body's merged as the gateway merges them: a form body's fields, or a JSON
     * object body's members (a string, number or boolean as its text, an object or array as its JSON, as a JSON
     * parameter such as EncryptionContext is sent). A parameter given twice with two values is refused, and so is a
     * body of another type: its parameters would otherwise be dropped without a word.
     */
    static Read read(String rawQuery, String contentType, byte[] body) {
        Map<String, String> query = new LinkedHashMap<>();
        addForm(query, rawQuery);
        Map<String, String> params = new LinkedHashMap<>(query);
        if (body.length > 0) {
            String type = contentType == null ? "" : contentType.strip().toLowerCase(Locale.ROOT);
            if (type.isEmpty() || type.startsWith("application/x-www-form-urlencoded")) {
                addForm(params, new String(body, StandardCharsets.UTF_8));
            } else if (type.startsWith("application/json")) {
                addJson(params, body);
            } else {
                throw new ApiException("InvalidParameter", 400, "The request body's Content-Type \"" + contentType
                        + "\" is not supported: send the parameters in the query, as a form"
                        + " (application/x-www-form-urlencoded) or as a JSON object (application/json).");
            }
        }
        return new Read(query, body, new RpcParams(params));
    }

    private static void addJson(Map<String, String> params, byte[] body) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new ApiException("InvalidParameter", 400, "The request body is not valid JSON.");
        }
        if (root == null || !root.isObject()) {
            throw new ApiException("InvalidParameter", 400,
                    "The request body must be a JSON object of parameters, e.g. {\"KeyId\":\"…\"}.");
        }
        for (Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> field : root.properties()) {
            com.fasterxml.jackson.databind.JsonNode node = field.getValue();
            if (node.isNull()) {
                continue;
            }
            String value = node.isValueNode() ? node.asText() : node.toString();
            put(params, field.getKey(), value);
        }
    }

    private static void put(Map<String, String> params, String name, String value) {
        String previous = params.putIfAbsent(name, value);
        if (previous != null && !previous.equals(value)) {
            throw ApiException.invalid(name, "it is given more than once with different values.");
        }
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
            put(params, name, value);
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
