package dev.ecskms.sim.kms;

/** One entry of ListKeys. */
public record KeyRef(String keyId, String keyArn) {
}
