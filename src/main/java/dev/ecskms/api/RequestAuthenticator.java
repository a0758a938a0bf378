package dev.ecskms.api;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.sim.ram.AccountService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Checks a request's signature V1 and replay protection, and names the AccessKey that signed it.
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

    AccessKey authenticate(String httpMethod, RpcParams params) {
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
        checkTimestamp(params.required("Timestamp"), now);

        AccessKey key = accounts.findAccessKey(accessKeyId).orElseThrow(() -> ApiErrors.accessKeyNotFound(accessKeyId));
        String stringToSign = SignatureV1.stringToSign(httpMethod, params.asMap());
        if (!SignatureV1.matches(SignatureV1.sign(key.accessKeySecret(), stringToSign), signature)) {
            throw ApiErrors.signatureDoesNotMatch(stringToSign);
        }
        if (!key.isActive()) {
            throw ApiErrors.accessKeyInactive(accessKeyId);
        }
        // Only a correctly signed request may spend a nonce, or anyone could block a client's future nonces.
        if (!nonces.firstUse(accessKeyId, nonce, now)) {
            throw ApiErrors.nonceUsed(nonce);
        }
        return key;
    }

    private static void checkTimestamp(String timestamp, Instant now) throws ApiException {
        Instant sent;
        try {
            sent = Instant.parse(timestamp);
        } catch (DateTimeParseException e) {
            throw ApiErrors.illegalTimestamp(timestamp, "it is not an ISO-8601 UTC time.");
        }
        if (Duration.between(sent, now).abs().compareTo(MAX_CLOCK_SKEW) > 0) {
            throw ApiErrors.illegalTimestamp(timestamp, "it is more than " + MAX_CLOCK_SKEW.toMinutes()
                    + " minutes away from the server's time " + now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    + ".");
        }
    }
}
