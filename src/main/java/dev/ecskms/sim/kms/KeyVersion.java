package dev.ecskms.sim.kms;

import java.time.Instant;

public record KeyVersion(String keyId, String keyVersionId, Instant creationDate) {
}
