package dev.ecskms.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud RPC signature V1 (HMAC-SHA1), computed exactly as the official SDKs compute it, so that the
 * StringToSign the server reports on a mismatch is comparable with the client's.
 *
 * <p>The one use of javax.crypto in the api layer: a request signature is part of the wire protocol, not of the
 * simulated cloud's key material.
 */
public final class SignatureV1 {
    public static final String METHOD = "HMAC-SHA1";
    public static final String VERSION = "1.0";
    public static final String SIGNATURE = "Signature";

    private SignatureV1() {
    }

    /** RFC 3986 percent-encoding as the SDKs do it: URLEncoder, then {@code + * %7E} fixed up. */
    public static String percentEncode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }

    /** All parameters but {@code Signature}, sorted by name, each name and value percent-encoded, joined by '&'. */
    public static String canonicalQuery(Map<String, String> parameters) {
        SortedMap<String, String> sorted = new TreeMap<>(parameters);
        sorted.remove(SIGNATURE);
        return sorted.entrySet().stream()
                .map(e -> percentEncode(e.getKey()) + "=" + percentEncode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    public static String stringToSign(String httpMethod, Map<String, String> parameters) {
        return httpMethod + "&" + percentEncode("/") + "&" + percentEncode(canonicalQuery(parameters));
    }

    /** Base64(HMAC-SHA1(secret + "&", stringToSign)). */
    public static String sign(String accessKeySecret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec((accessKeySecret + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA1 is not available in this JVM", e);
        }
    }

    /** Compares in constant time so that the response time does not reveal how much of a guess was right. */
    public static boolean matches(String expectedSignature, String presentedSignature) {
        return java.security.MessageDigest.isEqual(expectedSignature.getBytes(StandardCharsets.UTF_8),
                presentedSignature.getBytes(StandardCharsets.UTF_8));
    }
}
