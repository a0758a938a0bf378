package dev.ecskms.api;

import com.sun.net.httpserver.HttpExchange;
import dev.ecskms.sim.common.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an RPC request's parameters: the query string and an application/x-www-form-urlencoded body together (the
 * Java SDK sends the query, other clients a form body). The signature covers the union, so a parameter given in
 * both places with two different values is refused rather than silently picked.
 */
final class RpcRequestReader {
    static final int MAX_BODY_BYTES = 1024 * 1024;
    /** An oversized body is read and dropped up to this much, so that the client is still reading when we answer. */
    private static final long MAX_DRAIN_BYTES = 16L * 1024 * 1024;

    private RpcRequestReader() {
    }

    static RpcParams read(HttpExchange exchange) throws IOException {
        Map<String, String> params = new LinkedHashMap<>();
        addForm(params, exchange.getRequestURI().getRawQuery());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        byte[] body = readBody(exchange.getRequestBody());
        if (body.length > 0 && isForm(contentType)) {
            addForm(params, new String(body, StandardCharsets.UTF_8));
        }
        return new RpcParams(params);
    }

    private static boolean isForm(String contentType) {
        return contentType == null
                || contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded");
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            drain(in);
            throw ApiErrors.requestTooLarge(MAX_BODY_BYTES);
        }
        return body;
    }

    private static void drain(InputStream in) throws IOException {
        long skipped = 0;
        byte[] buffer = new byte[64 * 1024];
        int n;
        while (skipped < MAX_DRAIN_BYTES && (n = in.read(buffer)) > 0) {
            skipped += n;
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
