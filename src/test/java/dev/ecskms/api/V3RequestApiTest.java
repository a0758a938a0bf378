package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** Hand-signed V3 requests: each signed part changed after signing is refused; parameters in every form. */
class V3RequestApiTest extends ApiTestBase {

    V3Request listKeys() {
        return V3Request.of(server.endpoint(), KMS_VERSION, "ListKeys");
    }

    V3Request.Answer send(V3Request r) throws Exception {
        V3Request.Answer a = r.send(server.endpoint());
        assertEquals("application/json;charset=utf-8", a.contentType());
        return a;
    }

    static void assertCode(V3Request.Answer a, int status, String code) {
        assertEquals(code, a.code(), () -> a.body().toString());
        assertEquals(status, a.status(), () -> a.body().toString());
    }

    @Test
    void aSignedRequestPassesAndEveryChangeAfterSigningIsRefused() throws Exception {
        V3Request.Answer ok = send(listKeys().sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET));
        assertEquals(200, ok.status(), () -> ok.body().toString());

        Map<String, Consumer<V3Request>> tamper = new java.util.LinkedHashMap<>();
        tamper.put("x-acs-action", r -> r.headers.put("x-acs-action", "CreateKey"));
        tamper.put("x-acs-version", r -> r.headers.put("x-acs-version", ECS_VERSION));
        tamper.put("x-acs-date", r -> r.headers.put("x-acs-date",
                Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS).toString()));
        tamper.put("x-acs-signature-nonce", r -> r.headers.put("x-acs-signature-nonce", "another-nonce"));
        tamper.put("host", r -> r.headers.put("host", "kms.cn-hangzhou.aliyuncs.com"));
        tamper.put("query", r -> r.query.put("PageSize", "1"));
        tamper.put("content-type", r -> r.headers.put("content-type", "application/x-www-form-urlencoded; charset=utf-8"));
        for (Map.Entry<String, Consumer<V3Request>> t : tamper.entrySet()) {
            V3Request r = listKeys().param("PageSize", "2")
                    .formBody(Map.of("PageNumber", "1")).sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
            t.getValue().accept(r);
            V3Request.Answer a = send(r);
            assertEquals("SignatureDoesNotMatch", a.code(), () -> t.getKey() + ": " + a.body());
            assertEquals(400, a.status());
            assertTrue(a.message().contains("server string to sign is:ACS3-HMAC-SHA256\n"), a::message);
        }

        // The body changed: x-acs-content-sha256 no longer matches it.
        V3Request body = listKeys().formBody(Map.of("PageNumber", "1")).sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
        body.body = "PageNumber=2".getBytes(StandardCharsets.UTF_8);
        V3Request.Answer changedBody = send(body);
        assertCode(changedBody, 400, "SignatureDoesNotMatch");
        assertTrue(changedBody.message().contains("x-acs-content-sha256"), changedBody::message);
        // The payload hash changed to the new body's: the signature covers the old one.
        body.headers.put("x-acs-content-sha256", SignatureV3.hexHash(body.body));
        assertCode(send(body), 400, "SignatureDoesNotMatch");
        // The signature itself.
        V3Request sig = listKeys().sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
        char last = sig.authorization.charAt(sig.authorization.length() - 1);
        sig.authorization = sig.authorization.substring(0, sig.authorization.length() - 1) + (last == '0' ? '1' : '0');
        assertCode(send(sig), 400, "SignatureDoesNotMatch");
    }

    @Test
    void dateNonceAndKeyChecks() throws Exception {
        V3Request stale = listKeys();
        stale.headers.put("x-acs-date", Instant.now().minusSeconds(3600).truncatedTo(ChronoUnit.SECONDS).toString());
        V3Request.Answer a = send(stale.sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET));
        assertCode(a, 400, "IllegalTimestamp");
        assertTrue(a.message().contains("x-acs-date"), a::message);
        V3Request badDate = listKeys();
        badDate.headers.put("x-acs-date", "yesterday");
        assertCode(send(badDate.sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET)), 400, "IllegalTimestamp");

        V3Request once = listKeys().sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
        assertEquals(200, send(once).status());
        assertCode(send(once), 400, "SignatureNonceUsed");

        assertCode(send(listKeys().sign("LTAInobody", "x")), 404, "InvalidAccessKeyId.NotFound");
        assertCode(send(listKeys().sign(ACCESS_KEY_ID, "wrong")), 400, "SignatureDoesNotMatch");
    }

    @Test
    void incompleteOrMissingSignatureParts() throws Exception {
        for (String header : SignatureV3.REQUIRED_HEADERS) {
            if (header.equals("host")) {
                continue; // HTTP/1.1 itself needs a Host
            }
            V3Request r = listKeys().sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
            r.headers.remove(header);
            V3Request.Answer a = send(r);
            assertCode(a, 400, "MissingParameter");
            assertTrue(a.message().contains(header), a::message);
        }
        V3Request unsigned = listKeys();
        unsigned.unsigned.add("x-acs-signature-nonce");
        assertCode(send(unsigned.sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET)), 400, "IncompleteSignature");
        V3Request unsignedHost = listKeys();
        unsignedHost.unsigned.add("host");
        assertCode(send(unsignedHost.sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET)), 400, "IncompleteSignature");
        V3Request malformed = listKeys().sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
        malformed.authorization = "ACS3-HMAC-SHA256 Credential=" + ACCESS_KEY_ID;
        assertCode(send(malformed), 400, "IncompleteSignature");
        V3Request sm3 = listKeys().sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET);
        sm3.authorization = sm3.authorization.replace("ACS3-HMAC-SHA256", "ACS3-HMAC-SM3");
        assertCode(send(sm3), 400, "IncompleteSignature");
        V3Request noVersion = V3Request.of(server.endpoint(), KMS_VERSION, "ListKeys");
        noVersion.headers.put("x-acs-version", "2099-01-01");
        assertCode(send(noVersion.sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET)), 400, "InvalidVersion");
    }

    private String createKey() throws Exception {
        V3Request.Answer a = send(V3Request.of(server.endpoint(), KMS_VERSION, "CreateKey")
                .sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET));
        assertEquals(200, a.status(), () -> a.body().toString());
        return a.body().path("KeyMetadata").path("KeyId").asText();
    }

    private V3Request.Answer encrypt(String keyId, Consumer<V3Request> parameters) throws Exception {
        V3Request r = V3Request.of(server.endpoint(), KMS_VERSION, "Encrypt").param("KeyId", keyId)
                .param("Plaintext", Base64.getEncoder().encodeToString("secret".getBytes(StandardCharsets.UTF_8)));
        parameters.accept(r);
        return send(r.sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET));
    }

    private V3Request.Answer decrypt(String blob, Consumer<V3Request> parameters) throws Exception {
        V3Request r = V3Request.of(server.endpoint(), KMS_VERSION, "Decrypt").param("CiphertextBlob", blob);
        parameters.accept(r);
        return send(r.sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET));
    }

    @Test
    void encryptionContextInEveryFormAndUnknownParametersRefused() throws Exception {
        String keyId = createKey();
        // Flattened in the query, decrypted with the same context as JSON in a JSON body and as a form body.
        V3Request.Answer enc = encrypt(keyId, r -> r.param("EncryptionContext.purpose", "disk")
                .param("EncryptionContext.disk", "d-1"));
        assertEquals(200, enc.status(), () -> enc.body().toString());
        String blob = enc.body().path("CiphertextBlob").asText();
        V3Request.Answer json = decrypt(blob, r -> r.jsonBody(
                "{\"EncryptionContext\":{\"disk\":\"d-1\",\"purpose\":\"disk\"}}"));
        assertEquals(200, json.status(), () -> json.body().toString());
        V3Request.Answer form = decrypt(blob, r -> r.formBody(Map.of("EncryptionContext",
                "{\"purpose\":\"disk\",\"disk\":\"d-1\"}")));
        assertEquals(200, form.status(), () -> form.body().toString());
        assertEquals("c2VjcmV0", form.body().path("Plaintext").asText());

        assertCode(decrypt(blob, r -> r.param("EncryptionContext.purpose", "backup")
                .param("EncryptionContext.disk", "d-1")), 400, "InvalidCiphertext");
        assertCode(decrypt(blob, r -> { }), 400, "InvalidCiphertext");
        V3Request.Answer both = decrypt(blob, r -> r.param("EncryptionContext.purpose", "disk")
                .param("EncryptionContext", "{\"disk\":\"d-1\"}"));
        assertCode(both, 400, "InvalidParameter");

        // A parameter the simulator does not know would be silently ignored: refused, named.
        for (String unknown : new String[] {"EncryptionContex", "Algorithm", "KeyVersionId", "Context.purpose"}) {
            V3Request.Answer a = encrypt(keyId, r -> r.param(unknown, "x"));
            assertCode(a, 400, "InvalidParameter");
            assertTrue(a.message().contains(unknown), a::message);
        }
        assertCode(encrypt(keyId, r -> r.param("DryRun", "true")), 400, "InvalidParameter");
        assertEquals(200, encrypt(keyId, r -> r.param("DryRun", "false")).status());
        assertCode(decrypt(blob, r -> r.param("KeyId", keyId)), 400, "InvalidParameter");

        // A body whose parameters would be dropped is refused.
        V3Request text = V3Request.of(server.endpoint(), KMS_VERSION, "ListKeys");
        text.body = "PageSize=1".getBytes(StandardCharsets.UTF_8);
        text.headers.put("content-type", "text/plain");
        assertCode(send(text.sign(ACCESS_KEY_ID, ACCESS_KEY_SECRET)), 400, "InvalidParameter");
    }
}
