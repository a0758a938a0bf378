package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.teaopenapi.models.Config;
import com.aliyun.teautil.models.RuntimeOptions;
import com.aliyuncs.DefaultAcsClient;
import com.aliyuncs.IAcsClient;
import com.aliyuncs.exceptions.ClientException;
import com.aliyuncs.http.HttpClientConfig;
import com.aliyuncs.http.ProtocolType;
import com.aliyuncs.kms.model.v20160120.CreateKeyRequest;
import com.aliyuncs.kms.model.v20160120.ListKeysRequest;
import com.aliyuncs.profile.DefaultProfile;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ecskms.sim.Simulator;
import dev.ecskms.sim.tls.EndpointTls;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The endpoint over HTTPS with the certificate the data dir's local CA issued: the official SDK and a JDK client
 * that trust that CA (and nothing else) get answers; a client that does not trust it fails the handshake, and plain
 * HTTP on the TLS port gets no HTTP answer, only a closed connection.
 */
class ApiTlsTest {
    private static final String ID = ApiTestBase.ACCESS_KEY_ID;
    private static final String SECRET = ApiTestBase.ACCESS_KEY_SECRET;

    @TempDir
    Path dataDir;
    Simulator simulator;
    ApiServer server;
    EndpointTls tls;

    @BeforeEach
    void startHttpsEndpoint() {
        simulator = Simulator.open(dataDir);
        simulator.accounts().ensureRootAccessKey(ID, SECRET);
        tls = EndpointTls.open(simulator.dataDir(), "127.0.0.1");
        server = new ApiServer(simulator.kms(), simulator.ecs(), simulator.instances(), simulator.ram(),
                simulator.accounts());
        server.tls(tls.keyStore(), tls.keyStorePassword());
        server.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    /** Trust managers that trust the local CA and nothing else. */
    static X509TrustManager trustOnly(X509Certificate ca) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ecs-kms-console-ca", ca);
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        return (X509TrustManager) factory.getTrustManagers()[0];
    }

    static SSLContext sslContextTrusting(X509Certificate ca) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new javax.net.ssl.TrustManager[] {trustOnly(ca)}, null);
        return context;
    }

    /**
     * The older SDK's own HTTP client per DefaultAcsClient ({@code setCompatibleMode(true)}, HttpURLConnection): its
     * default Apache client is one per JVM, configured by whichever client came first (another test's, here).
     */
    static IAcsClient olderSdk(X509TrustManager... trust) {
        DefaultProfile profile = DefaultProfile.getProfile(ApiTestBase.REGION, ID, SECRET);
        HttpClientConfig config = HttpClientConfig.getDefault();
        config.setCompatibleMode(true);
        if (trust.length > 0) {
            config.setX509TrustManagers(trust);
        }
        profile.setHttpClientConfig(config);
        return new DefaultAcsClient(profile);
    }

    @Test
    void theOlderOfficialSdkCallsOverHttpsTrustingTheLocalCa() throws Exception {
        assertTrue(server.url().startsWith("https://127.0.0.1:"), server.url());
        IAcsClient sdk = olderSdk(trustOnly(tls.caCertificate()));
        try {
            CreateKeyRequest create = new CreateKeyRequest();
            create.setSysEndpoint(server.endpoint());
            create.setSysProtocol(ProtocolType.HTTPS);
            String keyId = sdk.getAcsResponse(create).getKeyMetadata().getKeyId();
            ListKeysRequest list = new ListKeysRequest();
            list.setSysEndpoint(server.endpoint());
            list.setSysProtocol(ProtocolType.HTTPS);
            assertTrue(sdk.getAcsResponse(list).getKeys().stream().anyMatch(k -> k.getKeyId().equals(keyId)));
        } finally {
            sdk.shutdown();
        }

        // The same SDK with only the JDK's default trust refuses the endpoint's certificate.
        IAcsClient untrusting = olderSdk();
        try {
            ListKeysRequest list = new ListKeysRequest();
            list.setSysEndpoint(server.endpoint());
            list.setSysProtocol(ProtocolType.HTTPS);
            ClientException e = assertThrows(ClientException.class, () -> untrusting.getAcsResponse(list));
            assertTrue(e.getErrCode().startsWith("SDK."), e.getErrCode() + ": " + e.getErrMsg());
            assertTrue(String.valueOf(e.getErrMsg()).contains("PKIX") || hasSslCause(e), e.toString());
        } finally {
            untrusting.shutdown();
        }
    }

    private static boolean hasSslCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLException) {
                return true;
            }
        }
        return false;
    }

    /**
     * The current SDK generation on its default protocol, HTTPS, given the local CA in its runtime options. (It keeps
     * one HTTP client per endpoint for the whole JVM, made with the options of the first call: hence one endpoint,
     * a new port, per case.)
     */
    @Test
    void theCurrentOfficialSdkCallsOverHttpsTrustingTheLocalCa() throws Exception {
        com.aliyun.kms20160120.Client kms = currentSdk();
        RuntimeOptions trusting = new RuntimeOptions()
                .setCa(Files.readString(tls.caCertificateFile()));
        String keyId = kms.createKeyWithOptions(new com.aliyun.kms20160120.models.CreateKeyRequest(), trusting)
                .getBody().getKeyMetadata().getKeyId();
        assertEquals(keyId, kms.listKeysWithOptions(new com.aliyun.kms20160120.models.ListKeysRequest(), trusting)
                .getBody().getKeys().getKey().get(0).getKeyId());
    }

    @Test
    void theCurrentOfficialSdkWithoutTheLocalCaFailsTheHandshake() throws Exception {
        com.aliyun.kms20160120.Client kms = currentSdk();
        Exception e = assertThrows(Exception.class, () -> kms.listKeysWithOptions(
                new com.aliyun.kms20160120.models.ListKeysRequest(), new RuntimeOptions()));
        assertTrue(String.valueOf(e.getMessage()).contains("PKIX"), e::toString);
    }

    private com.aliyun.kms20160120.Client currentSdk() throws Exception {
        return new com.aliyun.kms20160120.Client(new Config().setAccessKeyId(ID)
                .setAccessKeySecret(SECRET).setEndpoint(server.endpoint())); // protocol: the SDK's default, HTTPS
    }

    @Test
    void aJdkClientTrustingOnlyTheLocalCaGetsSignedAnswersAndTheJsonErrorsByIpAndByName() throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(sslContextTrusting(tls.caCertificate()))
                .connectTimeout(Duration.ofSeconds(10)).build();
        int port = Integer.parseInt(server.endpoint().substring(server.endpoint().lastIndexOf(':') + 1));
        Map<String, String> params = ApiTestBase.signed("GET", ApiTestBase.kmsRequest("ListKeys"), SECRET);
        for (String host : new String[] {"127.0.0.1", "localhost"}) {
            HttpResponse<String> ok = client.send(HttpRequest.newBuilder(URI.create("https://" + host + ":" + port
                    + "/?" + ApiTestBase.form(ApiTestBase.signed("GET", ApiTestBase.kmsRequest("ListKeys"), SECRET))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode(), ok.body());
            assertTrue(ApiTestBase.JSON.readTree(ok.body()).has("Keys"), ok.body());
        }
        // Replaying the same signed request: refused with the service's error shape, over TLS as over HTTP.
        client.send(request(port, ApiTestBase.form(params)), HttpResponse.BodyHandlers.ofString());
        assertJsonError(client.send(request(port, ApiTestBase.form(params)), HttpResponse.BodyHandlers.ofString()),
                400, "SignatureNonceUsed");
        // The connector keeps its limits: a URL past 64 KiB is a JSON 414.
        assertJsonError(client.send(request(port, "x=" + "a".repeat(70 * 1024)), HttpResponse.BodyHandlers.ofString()),
                414, null);
    }

    private HttpRequest request(int port, String query) {
        return HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/?" + query)).build();
    }

    private static void assertJsonError(HttpResponse<String> r, int status, String code) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        JsonNode body = ApiTestBase.JSON.readTree(r.body());
        for (String field : new String[] {"RequestId", "HostId", "Code", "Message", "Recommend"}) {
            assertTrue(body.hasNonNull(field), () -> field + " missing in " + body);
        }
        if (code != null) {
            assertEquals(code, body.path("Code").asText(), r.body());
        }
    }

    @Test
    void aClientThatDoesNotTrustTheCaFailsTheHandshake() throws Exception {
        HttpClient defaultTrust = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        IOException e = assertThrows(IOException.class, () -> defaultTrust.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/")).build(), HttpResponse.BodyHandlers.ofString()));
        assertTrue(e instanceof SSLHandshakeException || e.getCause() instanceof SSLHandshakeException, e.toString());

        // Trusting another CA (a second data dir's) is no better.
        EndpointTls other = EndpointTls.open(dataDir.resolve("other"), "127.0.0.1");
        HttpClient otherTrust = HttpClient.newBuilder().sslContext(sslContextTrusting(other.caCertificate())).build();
        IOException e2 = assertThrows(IOException.class, () -> otherTrust.send(
                HttpRequest.newBuilder(URI.create(server.url() + "/")).build(), HttpResponse.BodyHandlers.ofString()));
        assertTrue(e2 instanceof SSLHandshakeException || e2.getCause() instanceof SSLHandshakeException,
                e2.toString());
    }

    @Test
    void plainHttpOnTheTlsPortGetsNoHttpAnswerAndAClosedConnection() throws Exception {
        String endpoint = server.endpoint();
        int port = Integer.parseInt(endpoint.substring(endpoint.lastIndexOf(':') + 1));
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write(("GET /?Action=ListKeys HTTP/1.1\r\nHost: 127.0.0.1:" + port
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    answer.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException stalled) {
                throw new AssertionError("the TLS port held a plain-HTTP connection open", stalled);
            } catch (IOException reset) {
                // a reset is a closed connection too
            }
            String text = answer.toString(StandardCharsets.ISO_8859_1);
            assertFalse(text.startsWith("HTTP/"), text);
        }
        // ... and the endpoint still serves TLS clients afterwards.
        HttpClient client = HttpClient.newBuilder().sslContext(sslContextTrusting(tls.caCertificate())).build();
        HttpResponse<String> after = client.send(HttpRequest.newBuilder(URI.create(server.url() + "/?"
                + ApiTestBase.form(ApiTestBase.signed("GET", ApiTestBase.kmsRequest("ListKeys"), SECRET)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, after.statusCode(), after.body());
    }
}
