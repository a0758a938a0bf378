package dev.ecskms.sim.kms;

public record Tag(String tagKey, String tagValue) {
}
