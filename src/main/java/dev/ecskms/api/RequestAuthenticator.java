package dev.ecskms.api;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.sim.ram.AccountService;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checks a request's signature and replay protection, and names the AccessKey that signed it. One authenticator for
 * both schemes, told apart by the request itself: an {@code Authorization} header is signature V3
 * ({@link SignatureV3}, the current SDKs), its absence signature V1 ({@link SignatureV1}, parameters
 * {@code Signature, SignatureNonce, Timestamp …}, the older SDKs). Both follow the same rules: the time is within
 * {@link #MAX_CLOCK_SKEW} of the server's, the signature is compared in constant time, and a nonce may be spent
 * once per AccessKey, only by a correctly signed request.
 *
 * <p>The timestamp is compared with the real wall clock, never the simulated one: users fast-forward simulated
 * time, and their clients keep signing with the real time.
 */
final class RequestAuthenticator {
    static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(15);

    private final AccountService accounts;
    private final Clock wallClock;
    private final NonceCache nonces = new NonceCache(MAX_CLOCK_SKEW.multipliedBy(2));

    RequestAuthenticator(AccountService accounts, Clock wallClock) {
        this.accounts = accounts;
        this.wallClock = wallClock;
    }

    /** What a request carries that a signature covers. {@code headers} has lower-case names. */
    record SignedRequest(String method, String path, RpcRequestReader.Read read, Map<String, String> headers) {
        boolean isV3() {
            return headers.containsKey(SignatureV3.AUTHORIZATION);
        }
    }

    AccessKey authenticate(SignedRequest request) {
        return request.isV3() ? authenticateV3(request) : authenticateV1(request.method(), request.read().params());
    }

    private AccessKey authenticateV1(String httpMethod, RpcParams params) {
        String signature = params.optional(SignatureV1.SIGNATURE);
        if (signature == null || signature.isBlank()) {
            throw ApiErrors.incompleteSignature();
        }
        String accessKeyId = params.required("AccessKeyId");
        String signatureMethod = params.required("SignatureMethod");
        if (!SignatureV1.METHOD.equals(signatureMethod)) {
            throw ApiErrors.unsupportedSignatureMethod(signatureMethod);
        }
        String signatureVersion = params.required("SignatureVersion");
        if (!SignatureV1.VERSION.equals(signatureVersion)) {
            throw ApiErrors.unsupportedSignatureVersion(signatureVersion);
        }
        String nonce = params.required("SignatureNonce");
        Instant now = wallClock.instant();
        checkTimestamp("Timestamp", params.required("Timestamp"), now);

        AccessKey key = accounts.findAccessKey(accessKeyId).orElseThrow(() -> ApiErrors.accessKeyNotFound(accessKeyId));
        String stringToSign = SignatureV1.stringToSign(httpMethod, params.asMap());
        if (!SignatureV1.matches(SignatureV1.sign(key.accessKeySecret(), stringToSign), signature)) {
            throw ApiErrors.signatureDoesNotMatch(stringToSign);
        }
        return spendNonce(key, nonce, now);
    }

    private AccessKey authenticateV3(SignedRequest request) {
        Map<String, String> headers = request.headers();
        SignatureV3.Authorization auth = SignatureV3.parse(headers.get(SignatureV3.AUTHORIZATION));
        if (auth == null) {
            throw ApiErrors.incompleteSignatureV3("the Authorization header is not of the form \""
                    + SignatureV3.ALGORITHM + " Credential=<AccessKeyId>,SignedHeaders=<name;…>,Signature=<hex>\".");
        }
        if (!SignatureV3.ALGORITHM.equals(auth.algorithm())) {
            throw ApiErrors.incompleteSignatureV3("the signature algorithm \"" + auth.algorithm()
                    + "\" is not supported; sign with " + SignatureV3.ALGORITHM + ".");
        }
        for (String name : SignatureV3.REQUIRED_HEADERS) {
            String value = headers.get(name);
            if (value == null || value.isBlank()) {
                throw ApiException.missing(name);
            }
        }
        for (String name : auth.signedHeaders()) {
            if (!name.equals(name.toLowerCase(Locale.ROOT))) {
                throw ApiErrors.incompleteSignatureV3("SignedHeaders names \"" + name + "\"; header names are"
                        + " signed in lower case.");
            }
            if (!headers.containsKey(name)) {
                throw ApiErrors.incompleteSignatureV3("SignedHeaders names \"" + name
                        + "\", which the request does not carry.");
            }
        }
        // Every common header present must be signed: an unsigned one could be changed on the way.
        for (String name : headers.keySet()) {
            boolean mustBeSigned = name.equals(SignatureV3.HOST) || name.startsWith("x-acs-")
                    || (name.equals("content-type") && request.read().body().length > 0);
            if (mustBeSigned && !auth.signedHeaders().contains(name)) {
                throw ApiErrors.incompleteSignatureV3("the header \"" + name
                        + "\" is present but not among SignedHeaders; sign every x-acs-* header, host and"
                        + " content-type.");
            }
        }
        String nonce = headers.get(SignatureV3.NONCE).strip();
        Instant now = wallClock.instant();
        checkTimestamp(SignatureV3.DATE, headers.get(SignatureV3.DATE).strip(), now);

        String accessKeyId = auth.accessKeyId();
        AccessKey key = accounts.findAccessKey(accessKeyId).orElseThrow(() -> ApiErrors.accessKeyNotFound(accessKeyId));
        String bodyHash = SignatureV3.hexHash(request.read().body());
        if (!bodyHash.equals(headers.get(SignatureV3.CONTENT_SHA256).strip())) {
            throw ApiErrors.contentHashMismatch(headers.get(SignatureV3.CONTENT_SHA256).strip(), bodyHash);
        }
        String canonicalRequest = SignatureV3.canonicalRequest(request.method(), canonicalUri(request.path()),
                request.read().query(), headers, auth.signedHeaders(), bodyHash);
        String stringToSign = SignatureV3.stringToSign(canonicalRequest);
        String expected = SignatureV3.sign(key.accessKeySecret(), stringToSign);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                auth.signature().getBytes(StandardCharsets.UTF_8))) {
            throw ApiErrors.signatureDoesNotMatch(stringToSign);
        }
        return spendNonce(key, nonce, now);
    }

    /** The path as RFC 3986 encodes each of its segments; "/" for an RPC request. */
    static String canonicalUri(String path) {
        if (path == null || path.isEmpty() || path.equals("/")) {
            return "/";
        }
        List<String> segments = List.of(path.split("/", -1));
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) {
                sb.append('/');
            }
            sb.append(SignatureV1.percentEncode(segments.get(i)));
        }
        return sb.toString();
    }

    private AccessKey spendNonce(AccessKey key, String nonce, Instant now) {
        // A RAM user's key set Inactive (UpdateAccessKey) is refused as the gateway refuses it; the status is read
        // from the store on every request, so the change holds from the next request on. A deleted key is not
        // found at all (InvalidAccessKeyId.NotFound). Checked after the signature, so that only the key's holder
        // learns its status.
        if (!key.isActive()) {
            throw ApiErrors.accessKeyInactive(key.accessKeyId());
        }
        // Only a correctly signed request may spend a nonce, or anyone could block a client's future nonces.
        if (!nonces.firstUse(key.accessKeyId(), nonce, now)) {
            throw ApiErrors.nonceUsed(nonce);
        }
        return key;
    }

    private static void checkTimestamp(String name, String timestamp, Instant now) throws ApiException {
        Instant sent;
        try {
            sent = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw ApiErrors.illegalTimestamp(name, timestamp, "it is not an ISO-8601 UTC time.");
        }
        if (Duration.between(sent, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw ApiErrors.illegalTimestamp(name, timestamp, "it is more than " + MAX_CLOCK_SKEW.toMinutes()
                    + " minutes away from the server's time " + now.truncatedTo(ChronoUnit.SECONDS) + ".");
        }
    }
}
