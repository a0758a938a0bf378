package dev.ecskms.sim.kms;

import java.time.Instant;

/** GetParametersForImport: the public wrapping key (base64 DER, X.509 SubjectPublicKeyInfo) and its token. */
public record ImportParameters(String keyId, String importToken, String publicKey, Instant tokenExpireTime) {
}
