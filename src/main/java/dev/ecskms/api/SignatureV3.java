package dev.ecskms.api;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Alibaba Cloud signature V3 ({@code ACS3-HMAC-SHA256}) as published in "V3 request structure and signature" and as
 * the current SDKs compute it ({@code com.aliyun.openapiutil.Client.getAuthorization}):
 *
 * <pre>
 * CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HashedPayload
 * StringToSign     = "ACS3-HMAC-SHA256" \n hex(SHA-256(CanonicalRequest))
 * Signature        = hex(HMAC-SHA256(AccessKeySecret, StringToSign))
 * </pre>
 *
 * The canonical query is every query parameter (never the body's) sorted by name, name and value percent-encoded as
 * RFC 3986 ({@link SignatureV1#percentEncode}), an empty value as {@code name=}; canonical headers are
 * {@code lower-case-name:trimmed-value\n} for each signed header, sorted. The published algorithm list has
 * ACS3-HMAC-SHA256 only ("目前仅支持ACS3-HMAC-SHA256"); other names are refused.
 */
public final class SignatureV3 {
    public static final String ALGORITHM = "ACS3-HMAC-SHA256";
    public static final String AUTHORIZATION = "authorization";
    public static final String ACTION = "x-acs-action";
    public static final String VERSION = "x-acs-version";
    public static final String DATE = "x-acs-date";
    public static final String NONCE = "x-acs-signature-nonce";
    public static final String CONTENT_SHA256 = "x-acs-content-sha256";
    public static final String HOST = "host";
    /** Present in every V3 request and always among its signed headers. */
    public static final List<String> REQUIRED_HEADERS = List.of(HOST, ACTION, VERSION, DATE, NONCE, CONTENT_SHA256);
    /** An RPC API's canonical URI. */
    public static final String RPC_URI = "/";

    private SignatureV3() {
    }

    /** The parts of {@code Authorization: ACS3-HMAC-SHA256 Credential=…,SignedHeaders=a;b,Signature=…}. */
    public record Authorization(String algorithm, String accessKeyId, List<String> signedHeaders, String signature) {
        public String header() {
            return algorithm + " Credential=" + accessKeyId + ",SignedHeaders=" + String.join(";", signedHeaders)
                    + ",Signature=" + signature;
        }
    }

    /**
     * Parses an Authorization header; null when it is not of the form algorithm, one space, then the three
     * comma-separated fields (in any order), each given once and not empty.
     */
    public static Authorization parse(String header) {
        if (header == null) {
            return null;
        }
        String value = header.strip();
        int space = value.indexOf(' ');
        if (space <= 0) {
            return null;
        }
        String algorithm = value.substring(0, space);
        Map<String, String> fields = new TreeMap<>();
        for (String part : value.substring(space + 1).split(",", -1)) {
            String field = part.strip();
            int eq = field.indexOf('=');
            if (eq <= 0 || eq == field.length() - 1) {
                return null;
            }
            if (fields.put(field.substring(0, eq), field.substring(eq + 1)) != null) {
                return null;
            }
        }
        String credential = fields.remove("Credential");
        String signedHeaders = fields.remove("SignedHeaders");
        String signature = fields.remove("Signature");
        if (credential == null || signedHeaders == null || signature == null || !fields.isEmpty()) {
            return null;
        }
        List<String> names = List.of(signedHeaders.split(";", -1));
        if (names.stream().anyMatch(String::isEmpty)) {
            return null;
        }
        return new Authorization(algorithm, credential, names, signature);
    }

    /** Query parameters sorted by name, RFC 3986 encoded, joined by '&'; "" when there are none. */
    public static String canonicalQuery(Map<String, String> query) {
        SortedMap<String, String> sorted = new TreeMap<>(query);
        return sorted.entrySet().stream()
                .map(e -> SignatureV1.percentEncode(e.getKey()) + "="
                        + (e.getValue() == null ? "" : SignatureV1.percentEncode(e.getValue())))
                .collect(Collectors.joining("&"));
    }

    /**
     * The canonical headers of the signed header names (lower case, as listed), each {@code name:trimmed value\n},
     * sorted by name. {@code headers} maps lower-case names to values; a name without a value counts as empty.
     */
    public static String canonicalHeaders(Map<String, String> headers, List<String> signedHeaders) {
        StringBuilder sb = new StringBuilder();
        signedHeaders.stream().sorted().forEach(name -> sb.append(name).append(':')
                .append(headers.getOrDefault(name, "").strip()).append('\n'));
        return sb.toString();
    }

    public static String canonicalRequest(String method, String canonicalUri, Map<String, String> query,
            Map<String, String> headers, List<String> signedHeaders, String hashedPayload) {
        List<String> sortedNames = signedHeaders.stream().sorted().toList();
        return method + "\n" + canonicalUri + "\n" + canonicalQuery(query) + "\n"
                + canonicalHeaders(headers, sortedNames) + "\n" + String.join(";", sortedNames) + "\n"
                + hashedPayload;
    }

    public static String stringToSign(String canonicalRequest) {
        return ALGORITHM + "\n" + hexHash(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    /** Lower-case hex of SHA-256. */
    public static String hexHash(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }

    /** hex(HMAC-SHA256(secret, stringToSign)). */
    public static String sign(String accessKeySecret, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(accessKeySecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
        }
    }
}
