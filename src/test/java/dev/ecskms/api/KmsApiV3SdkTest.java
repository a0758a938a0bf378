package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.aliyun.kms20160120.Client;
import com.aliyun.kms20160120.models.CreateKeyRequest;
import com.aliyun.kms20160120.models.DecryptRequest;
import com.aliyun.kms20160120.models.DescribeKeyRequest;
import com.aliyun.kms20160120.models.DisableKeyRequest;
import com.aliyun.kms20160120.models.EncryptRequest;
import com.aliyun.kms20160120.models.GenerateDataKeyRequest;
import com.aliyun.kms20160120.models.ListKeysRequest;
import com.aliyun.kms20160120.models.ListKeysResponseBody;
import com.aliyun.tea.TeaException;
import com.aliyun.teaopenapi.models.Config;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The current SDK generation (kms20160120 1.2.3 on tea-openapi) with its defaults: signature V3, no RegionId, only
 * endpoint, protocol and credentials configured.
 */
class KmsApiV3SdkTest extends ApiTestBase {

    Client kms() throws Exception {
        return kms(server.endpoint(), null);
    }

    Client kms(String endpoint, String httpProxy) throws Exception {
        Config config = currentSdkConfig().setEndpoint(endpoint);
        if (httpProxy != null) {
            config.setHttpProxy(httpProxy);
        }
        return new Client(config);
    }

    static TeaException assertTeaError(String code, Executable call) {
        TeaException e = assertThrows(TeaException.class, call);
        assertEquals(code, e.getCode(), e::getMessage);
        return e;
    }

    @Test
    void envelopeRoundTripWithAMapEncryptionContext() throws Exception {
        Client kms = kms();
        String keyId = kms.createKey(new CreateKeyRequest().setDescription("v3 envelope")).getBody().getKeyMetadata()
                .getKeyId();
        Map<String, String> context = Map.of("purpose", "disk", "disk", "d-123");

        var dataKey = kms.generateDataKey(new GenerateDataKeyRequest().setKeyId(keyId).setEncryptionContext(context))
                .getBody();
        byte[] plaintextKey = Base64.getDecoder().decode(dataKey.getPlaintext());
        assertEquals(32, plaintextKey.length);
        var unwrapped = kms.decrypt(new DecryptRequest().setCiphertextBlob(dataKey.getCiphertextBlob())
                .setEncryptionContext(context)).getBody();
        assertArrayEquals(plaintextKey, Base64.getDecoder().decode(unwrapped.getPlaintext()));
        assertEquals(keyId, unwrapped.getKeyId());

        String secret = Base64.getEncoder().encodeToString("attack at dawn".getBytes(StandardCharsets.UTF_8));
        String blob = kms.encrypt(new EncryptRequest().setKeyId(keyId).setPlaintext(secret)
                .setEncryptionContext(context)).getBody().getCiphertextBlob();
        assertEquals(secret, kms.decrypt(new DecryptRequest().setCiphertextBlob(blob).setEncryptionContext(context))
                .getBody().getPlaintext());

        // The context is bound: another value, another key, or none at all cannot decrypt.
        for (Map<String, String> wrong : java.util.List.of(Map.of("purpose", "backup", "disk", "d-123"),
                Map.of("purpose", "disk"), Map.<String, String>of())) {
            assertTeaError("InvalidCiphertext", () -> kms.decrypt(new DecryptRequest().setCiphertextBlob(blob)
                    .setEncryptionContext(wrong.isEmpty() ? null : wrong)));
        }
    }

    @Test
    void describeDisableAndThePageOfKeys() throws Exception {
        Client kms = kms();
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            created.add(kms.createKey(new CreateKeyRequest()).getBody().getKeyMetadata().getKeyId());
        }
        String keyId = created.iterator().next();
        var metadata = kms.describeKey(new DescribeKeyRequest().setKeyId(keyId)).getBody().getKeyMetadata();
        assertEquals("Enabled", metadata.getKeyState());
        assertTrue(metadata.getArn().startsWith("acs:kms:" + REGION + ":"), metadata.getArn());

        kms.disableKey(new DisableKeyRequest().setKeyId(keyId));
        assertEquals("Disabled", kms.describeKey(new DescribeKeyRequest().setKeyId(keyId)).getBody()
                .getKeyMetadata().getKeyState());
        String plaintext = Base64.getEncoder().encodeToString(new byte[] {1, 2, 3});
        assertTeaError("Rejected.Disabled", () -> kms.encrypt(new EncryptRequest().setKeyId(keyId)
                .setPlaintext(plaintext)));

        Set<String> seen = new HashSet<>();
        int total = -1;
        for (int page = 1; page <= 3; page++) {
            ListKeysResponseBody body = kms.listKeys(new ListKeysRequest().setPageNumber(page).setPageSize(2))
                    .getBody();
            total = body.getTotalCount();
            assertEquals(page, body.getPageNumber());
            body.getKeys().getKey().forEach(k -> seen.add(k.getKeyId()));
        }
        assertTrue(seen.containsAll(created), () -> seen + " lacks some of " + created);
        assertEquals(seen.size(), total);
    }

    @Test
    void theRegionComesFromTheHostOrTheEndpointsDefault() throws Exception {
        // Through a proxy, as a client inside a network would reach the real endpoint: Host names the region.
        String proxy = "http://" + server.endpoint();
        Client shanghai = kms("kms.cn-shanghai.aliyuncs.com", proxy);
        String arn = shanghai.createKey(new CreateKeyRequest()).getBody().getKeyMetadata().getArn();
        assertTrue(arn.startsWith("acs:kms:cn-shanghai:"), arn);

        Client mars = kms("kms.mars-north-1.aliyuncs.com", proxy);
        assertTeaError("InvalidRegionId.NotFound", () -> mars.createKey(new CreateKeyRequest()));

        ApiServer beijing = new ApiServer(simulator.kms(), simulator.ecs(), simulator.instances(), simulator.ram(),
                simulator.accounts());
        beijing.defaultRegion("cn-beijing");
        beijing.start("127.0.0.1", 0);
        try {
            String local = kms(beijing.endpoint(), null).createKey(new CreateKeyRequest()).getBody()
                    .getKeyMetadata().getArn();
            assertTrue(local.startsWith("acs:kms:cn-beijing:"), local);
        } finally {
            beijing.stop();
        }
    }

    @Test
    void aWrongSecretIsReportedWithTheServersStringToSign() throws Exception {
        Client wrong = new Client(new Config().setAccessKeyId(ACCESS_KEY_ID).setAccessKeySecret("not-the-secret")
                .setEndpoint(server.endpoint()).setProtocol("HTTP"));
        TeaException e = assertTeaError("SignatureDoesNotMatch", () -> wrong.listKeys(new ListKeysRequest()));
        assertTrue(e.getMessage().contains("server string to sign is:ACS3-HMAC-SHA256\n"), e.getMessage());
        Client unknown = new Client(new Config().setAccessKeyId("LTAInobody").setAccessKeySecret("x")
                .setEndpoint(server.endpoint()).setProtocol("HTTP"));
        assertTeaError("InvalidAccessKeyId.NotFound", () -> unknown.listKeys(new ListKeysRequest()));
        assertNotEquals(0, keyCount() + 1); // the older SDK still talks V1 to the same endpoint
    }
}
