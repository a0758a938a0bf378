package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worked example of Alibaba Cloud's "V3 request structure and signature" (also printed in the Function Compute
 * "签名机制" page): RunInstances on ecs.cn-shanghai.aliyuncs.com, AccessKey YourAccessKeyId / YourAccessKeySecret.
 */
class SignatureV3Test {
    static final String HASHED_CANONICAL_REQUEST = "7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259";
    static final String SIGNATURE = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";
    static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    @Test
    void publishedExample() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("RegionId", "cn-shanghai");
        query.put("ImageId", "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd");
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("host", "ecs.cn-shanghai.aliyuncs.com");
        headers.put("x-acs-action", "RunInstances");
        headers.put("x-acs-version", "2014-05-26");
        headers.put("x-acs-date", "2023-10-26T10:22:32Z");
        headers.put("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d");
        headers.put("x-acs-content-sha256", EMPTY_SHA256);
        assertEquals(EMPTY_SHA256, SignatureV3.hexHash(new byte[0]));
        List<String> signed = List.of("x-acs-version", "host", "x-acs-action", "x-acs-content-sha256", "x-acs-date",
                "x-acs-signature-nonce");

        String canonical = SignatureV3.canonicalRequest("POST", "/", query, headers, signed, EMPTY_SHA256);
        assertEquals("POST\n/\nImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n"
                + "host:ecs.cn-shanghai.aliyuncs.com\nx-acs-action:RunInstances\n"
                + "x-acs-content-sha256:" + EMPTY_SHA256 + "\nx-acs-date:2023-10-26T10:22:32Z\n"
                + "x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\nx-acs-version:2014-05-26\n\n"
                + "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n"
                + EMPTY_SHA256, canonical);
        String stringToSign = SignatureV3.stringToSign(canonical);
        assertEquals("ACS3-HMAC-SHA256\n" + HASHED_CANONICAL_REQUEST, stringToSign);
        assertEquals(SIGNATURE, SignatureV3.sign("YourAccessKeySecret", stringToSign));
    }

    @Test
    void authorizationHeader() {
        String header = "ACS3-HMAC-SHA256 Credential=YourAccessKeyId,SignedHeaders=host;x-acs-action;"
                + "x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version,Signature=" + SIGNATURE;
        SignatureV3.Authorization auth = SignatureV3.parse(header);
        assertEquals("ACS3-HMAC-SHA256", auth.algorithm());
        assertEquals("YourAccessKeyId", auth.accessKeyId());
        assertEquals(6, auth.signedHeaders().size());
        assertEquals(SIGNATURE, auth.signature());
        assertEquals(header, auth.header());
        assertNull(SignatureV3.parse("ACS3-HMAC-SHA256 Credential=a,Signature=b"));
        assertNull(SignatureV3.parse("ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;;x,Signature=b"));
        assertNull(SignatureV3.parse("ACS3-HMAC-SHA256 Credential=a,Credential=c,SignedHeaders=host,Signature=b"));
        assertNull(SignatureV3.parse("acs LTAI:abc"));
    }

    @Test
    void canonicalQueryEncodesAsRfc3986AndKeepsEmptyValues() {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("b", "a b*c~d+e/é");
        query.put("a", "");
        query.put("EncryptionContext", "{\"purpose\":\"disk\"}");
        assertEquals("EncryptionContext=%7B%22purpose%22%3A%22disk%22%7D&a=&b=a%20b%2Ac~d%2Be%2F%C3%A9",
                SignatureV3.canonicalQuery(query));
    }

    @Test
    void regionInHost() {
        assertEquals("cn-shanghai", RpcEndpoint.regionInHost("kms.cn-shanghai.aliyuncs.com"));
        assertEquals("cn-hangzhou", RpcEndpoint.regionInHost("ECS.cn-hangzhou.aliyuncs.com:443"));
        assertEquals("cn-hangzhou", RpcEndpoint.regionInHost("ecs-cn-hangzhou.aliyuncs.com"));
        assertEquals("cn-beijing", RpcEndpoint.regionInHost("kms-vpc.cn-beijing.aliyuncs.com"));
        assertNull(RpcEndpoint.regionInHost("ram.aliyuncs.com"));
        assertNull(RpcEndpoint.regionInHost("127.0.0.1:8181"));
        assertNull(RpcEndpoint.regionInHost("kms.cn-shanghai.example.com"));
        assertNull(RpcEndpoint.regionInHost(null));
    }
}
