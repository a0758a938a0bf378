package dev.ecskms.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A hand-made signature V3 request, sent over a plain socket so that every header (Host included) is exactly what
 * the test says: sign it, then change any part of it to see the server refuse the change.
 */
final class V3Request {
    private static final ObjectMapper JSON = new ObjectMapper();

    String method = "POST";
    final Map<String, String> query = new LinkedHashMap<>();
    /** Lower-case names; signed unless listed in {@link #unsigned}. */
    final Map<String, String> headers = new LinkedHashMap<>();
    final List<String> unsigned = new ArrayList<>();
    byte[] body = new byte[0];
    String authorization;

    static V3Request of(String host, String version, String action) {
        V3Request r = new V3Request();
        r.headers.put("host", host);
        r.headers.put("x-acs-action", action);
        r.headers.put("x-acs-version", version);
        r.headers.put("x-acs-date", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        r.headers.put("x-acs-signature-nonce", UUID.randomUUID().toString().replace("-", ""));
        return r;
    }

    V3Request param(String name, String value) {
        query.put(name, value);
        return this;
    }

    V3Request formBody(Map<String, String> form) {
        body = ApiTestBase.form(form).getBytes(StandardCharsets.UTF_8);
        headers.put("content-type", "application/x-www-form-urlencoded");
        return this;
    }

    V3Request jsonBody(String json) {
        body = json.getBytes(StandardCharsets.UTF_8);
        headers.put("content-type", "application/json; charset=utf-8");
        return this;
    }

    /** Sets x-acs-content-sha256 from the body and the Authorization header, as the SDK does. */
    V3Request sign(String accessKeyId, String secret) {
        headers.put("x-acs-content-sha256", SignatureV3.hexHash(body));
        List<String> signed = headers.keySet().stream().filter(n -> !unsigned.contains(n)).sorted().toList();
        String canonical = SignatureV3.canonicalRequest(method, "/", query, headers, signed,
                headers.get("x-acs-content-sha256"));
        String signature = SignatureV3.sign(secret, SignatureV3.stringToSign(canonical));
        authorization = new SignatureV3.Authorization(SignatureV3.ALGORITHM, accessKeyId, signed, signature).header();
        return this;
    }

    record Answer(int status, String contentType, JsonNode body) {
        String code() {
            return body.path("Code").asText(null);
        }

        String message() {
            return body.path("Message").asText("");
        }
    }

    Answer send(String endpoint) throws IOException {
        String q = query.entrySet().stream()
                .map(e -> SignatureV1.percentEncode(e.getKey()) + "=" + SignatureV1.percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
        StringBuilder head = new StringBuilder(method + " /" + (q.isEmpty() ? "" : "?" + q) + " HTTP/1.1\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        if (authorization != null) {
            head.append("Authorization: ").append(authorization).append("\r\n");
        }
        head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
        String[] hostPort = endpoint.split(":");
        try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            String text = bytes.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            int status = Integer.parseInt(text.substring(9, 12));
            String contentType = "";
            for (String line : text.substring(0, end).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                }
            }
            return new Answer(status, contentType, JSON.readTree(text.substring(end + 4)));
        }
    }
}
