package dev.ecskms.sim.kms;

import java.util.List;

/** A key with its aliases: one row of the console's key tables. */
public record KeySummary(KeyMetadata metadata, List<String> aliases) {
}
