package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyuncs.kms.model.v20160120.ListKeysRequest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The endpoint as a raw HTTP server: stalled and slow clients never hold up the others, and every answer to a
 * malformed request is the gateway's JSON error with a 4xx status, never an HTML page, a 500 or a reset.
 */
class ApiTransportTest extends ApiTestBase {

    @Test
    void stalledConnectionsDoNotHoldUpOtherClients() throws Exception {
        call(new ListKeysRequest()); // the SDK's own first-call set-up is not what is measured
        List<Socket> stalled = new ArrayList<>();
        try {
            // More than the server has worker threads: half stop in the body, half in the request line.
            for (int i = 0; i < 20; i++) {
                stalled.add(send("POST /?Action=Describe HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"));
                stalled.add(send("POST /?Action=Desc"));
            }
            assertTimeoutPreemptively(Duration.ofSeconds(1), () -> call(new ListKeysRequest()),
                    "a signed request waits behind stalled connections");
        } finally {
            for (Socket s : stalled) {
                s.close();
            }
        }
    }

    @Test
    void stalledConnectionIsClosedAfterTheIdleTimeout() throws Exception {
        server.stop();
        server.idleTimeout(Duration.ofMillis(500));
        server.start("127.0.0.1", 0);
        for (String partial : new String[] {
                "POST /?Action=Describe HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nAction=",
                "POST /?Action=Describe HTTP/1.1\r\nHost: x\r\n",
                "POST /?Acti"}) {
            try (Socket socket = send(partial)) {
                long started = System.nanoTime();
                byte[] rest = readToEnd(socket.getInputStream());
                long elapsedMs = (System.nanoTime() - started) / 1_000_000;
                assertTrue(elapsedMs >= 300 && elapsedMs < 4000, partial + ": closed after " + elapsedMs + " ms");
                if (rest.length > 0) { // an answer before closing must be the JSON error too
                    Answer a = Answer.parse(rest);
                    assertTrue(a.status >= 400 && a.status < 500, a.toString());
                    assertJsonError(a);
                }
            }
        }
        assertEquals(0, keyCount(), "the server still answers");
    }

    /** The timeout is for silent clients: an action that takes longer than it still answers. */
    @Test
    void actionLongerThanTheIdleTimeoutStillAnswers() throws Exception {
        ActionRegistry registry = new ActionRegistry()
                .product(new ActionRegistry.Product("Test", "2000-01-01", false))
                .action("2000-01-01", "Ponder", (ctx, p) -> {
                    try {
                        Thread.sleep(1200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return JsonObject.of().put("Done", true);
                });
        ApiServer slow = new ApiServer(registry, simulator.accounts(), java.time.Clock.systemUTC());
        slow.idleTimeout(Duration.ofMillis(400));
        ApiServer original = server;
        try {
            slow.start("127.0.0.1", 0);
            server = slow;
            java.util.Map<String, String> params = rpcRequest("2000-01-01", "Ponder");
            params.remove("RegionId");
            RawResponse r = getSigned(params);
            assertEquals(200, r.status(), () -> r.body().toString());
            assertTrue(r.body().path("Done").asBoolean(), r.body()::toString);
        } finally {
            server = original;
            slow.stop();
        }
    }

    @Test
    void badPercentEncodingInThePathOrQueryIsJson400() throws Exception {
        assertJsonError(exchange("GET /%ZZ?Action=ListKeys HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
        assertJsonError(exchange("GET /?Action=%ZZ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 400);
    }

    @Test
    void rawEightBitBytesInTheRequestLineAreJson400() throws Exception {
        byte[] line = "GET /?Action=\u00ff\u00fe\u0080 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertJsonError(exchange(line), 400);
        byte[] path = "GET /\u00e9\u00ff HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertJsonError(exchange(path), 400);
    }

    @Test
    void garbageRequestLineIsJson400() throws Exception {
        assertJsonError(exchange("this is not http\r\n\r\n"), 400);
        assertJsonError(exchange("GET\r\n\r\n"), 400);
    }

    @Test
    void bodyCutShortIsJson400() throws Exception {
        try (Socket socket = send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nAction=List")) {
            socket.shutdownOutput();
            assertJsonError(Answer.parse(readToEnd(socket.getInputStream())), 400);
        }
    }

    @Test
    void unknownMethodIsJsonUnsupportedHttpMethod() throws Exception {
        Answer a = exchange("BREW /?Action=ListKeys HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertJsonError(a, 403);
        assertEquals("UnsupportedHTTPMethod", a.json.path("Code").asText());
    }

    @Test
    void urlOverTheLimitIsJson414() throws Exception {
        Answer a = exchange("GET /?Action=" + "a".repeat(500 * 1024) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertJsonError(a, 414);
    }

    @Test
    void headersOverTheLimitAreJson431() throws Exception {
        Answer a = exchange("GET /?Action=ListKeys HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(500 * 1024)
                + "\r\nConnection: close\r\n\r\n");
        assertJsonError(a, 431);
    }

    @Test
    void bodyOverOneMebibyteIsJsonInvalidParameter() throws Exception {
        int length = RpcRequestReader.MAX_BODY_BYTES + 1;
        Answer a = exchange("POST / HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "Content-Length: " + length + "\r\nConnection: close\r\n\r\nDescription=" + "x".repeat(length - 12));
        assertJsonError(a, 400);
        assertEquals("InvalidParameter", a.json.path("Code").asText());
    }

    @Test
    void headRequestGetsNoBody() throws Exception {
        try (Socket socket = send("HEAD / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")) {
            String answer = new String(readToEnd(socket.getInputStream()), StandardCharsets.ISO_8859_1);
            assertTrue(answer.startsWith("HTTP/1.1 403 "), answer);
            assertTrue(answer.endsWith("\r\n\r\n"), "no body after the headers: " + answer);
        }
    }

    /** The console falls back to a free port when its port is taken; it recognises the case by this cause. */
    @Test
    void portInUseIsReportedWithItsBindException() {
        ApiServer second = new ApiServer(simulator.kms(), simulator.accounts());
        int port = Integer.parseInt(server.endpoint().split(":")[1]);
        RuntimeException e = assertThrows(RuntimeException.class, () -> second.start("127.0.0.1", port));
        assertTrue(e.getCause() instanceof BindException, () -> "cause: " + e.getCause());
        second.stop();
    }

    // ---- raw sockets ----

    record Answer(int status, String contentType, JsonNode json, String raw) {
        static Answer parse(byte[] bytes) throws IOException {
            String text = new String(bytes, StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            assertTrue(text.startsWith("HTTP/1.1 ") && end > 0, "not an HTTP response: " + abbreviate(text));
            int status = Integer.parseInt(text.substring(9, 12));
            String contentType = "";
            for (String line : text.substring(0, end).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                    contentType = line.substring("content-type:".length()).trim();
                }
            }
            String body = text.substring(end + 4);
            return new Answer(status, contentType, body.isEmpty() ? null : JSON.readTree(body), abbreviate(text));
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 600 ? text.substring(0, 600) + "…" : text;
    }

    private static void assertJsonError(Answer a, int status) {
        assertEquals(status, a.status, a::raw);
        assertJsonError(a);
    }

    private static void assertJsonError(Answer a) {
        assertEquals(RpcEndpoint.CONTENT_TYPE, a.contentType, a::raw);
        assertTrue(a.json != null, () -> "no body: " + a.raw);
        for (String field : new String[] {"RequestId", "HostId", "Code", "Message", "Recommend"}) {
            assertTrue(!a.json.path(field).asText("").isEmpty(), () -> field + " missing: " + a.raw);
        }
        assertTrue(!a.raw.contains("org.eclipse.jetty") && !a.raw.contains("Exception"), a::raw);
    }

    private Socket send(String request) throws IOException {
        return send(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    private Socket send(byte[] request) throws IOException {
        String[] hostPort = server.endpoint().split(":");
        Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]));
        socket.setSoTimeout(5000);
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        return socket;
    }

    private Answer exchange(String request) throws Exception {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Writes the request from another thread (the server may answer and close before it has read it all). */
    private Answer exchange(byte[] request) throws Exception {
        String[] hostPort = server.endpoint().split(":");
        try (Socket socket = new Socket(hostPort[0], Integer.parseInt(hostPort[1]))) {
            socket.setSoTimeout(5000);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(request);
                    out.flush();
                } catch (IOException e) {
                    // the server answered and closed before reading everything: the answer is what counts
                }
            });
            writer.setDaemon(true);
            writer.start();
            byte[] answer = readToEnd(socket.getInputStream());
            writer.join(5000);
            return Answer.parse(answer);
        }
    }

    /** Everything until the server closes the connection (or a reset after its answer). */
    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                bytes.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the server kept the connection open: " + bytes.toString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (bytes.size() == 0) {
                throw e;
            }
        }
        return bytes.toByteArray();
    }
}
