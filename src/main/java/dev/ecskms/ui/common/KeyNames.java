package dev.ecskms.ui.common;

import dev.ecskms.sim.common.AccessDeniedException;
import dev.ecskms.sim.kms.KeySummary;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The KMS keys an ECS page reads only to name its rows' keys. A RAM user may read ECS but not KMS; the real console
 * then still lists the disks and only leaves out the key names, so a refusal here is not the page's failure.
 *
 * @param keys         the keys read, by id; empty when the read was refused
 * @param deniedAction the RAM action that was refused (e.g. {@code kms:ListKeys}), or null when the keys were read
 */
public record KeyNames(Map<String, KeySummary> keys, String deniedAction) {
    public static final KeyNames NONE = new KeyNames(Map.of(), null);

    /** Reads the keys; call off the FX thread. Only an access refusal is absorbed, every other failure stays. */
    public static KeyNames read(Supplier<? extends Collection<KeySummary>> read) {
        try {
            Map<String, KeySummary> keys = new LinkedHashMap<>();
            for (KeySummary summary : read.get()) {
                keys.put(summary.metadata().keyId(), summary);
            }
            return new KeyNames(keys, null);
        } catch (AccessDeniedException e) {
            return new KeyNames(Map.of(), e.authAction());
        }
    }

    public boolean denied() {
        return deniedAction != null;
    }

    /** The tooltip a key shown by its bare id carries when its name could not be read. */
    public String deniedNote(String keyId) {
        return "KMS key " + keyId + " (alias not shown: " + deniedAction + " not allowed)";
    }
}
