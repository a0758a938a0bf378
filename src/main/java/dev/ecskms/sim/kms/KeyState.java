package dev.ecskms.sim.kms;

/** KMS key states, spelled as the API spells them. */
public enum KeyState {
    Enabled, Disabled, PendingDeletion, PendingImport
}
