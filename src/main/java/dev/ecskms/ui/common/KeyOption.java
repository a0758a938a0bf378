package dev.ecskms.ui.common;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.sim.kms.KmsService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * One entry of a disk-encryption key selector: the region's service key (first, the default) or a customer master
 * key with its alias and state. Keys that are not Enabled, and CMKs where the region allows only the service key,
 * are listed but cannot be chosen; {@code note} says why.
 *
 * @param keyId null for the service key before it exists (ECS creates it on first use)
 */
public record KeyOption(String keyId, String alias, KeyState state, boolean serviceKey, boolean selectable,
        String note) {
    public static final String SERVICE_KEY_ALIAS = "alias/acs/ecs";
    public static final String SERVICE_KEY_TEXT = "Default service key " + SERVICE_KEY_ALIAS;

    public static KeyOption serviceKey(String keyId) {
        return new KeyOption(keyId, SERVICE_KEY_ALIAS, KeyState.Enabled, true, true, "");
    }

    public String text() {
        if (serviceKey) {
            return SERVICE_KEY_TEXT;
        }
        return alias == null ? keyId : alias + " (" + keyId + ")";
    }

    /** What CreateDisk's KMSKeyId gets: nothing for the service key (ECS's own default), the id for a CMK. */
    public String kmsKeyIdForRequest() {
        return serviceKey ? null : keyId;
    }

    @Override
    public String toString() {
        return text();
    }

    /** Reads the region's keys; call off the FX thread. The service key first, then CMKs, newest first. */
    public static List<KeyOption> load(KmsService kms, CallContext ctx, Region region) {
        List<KeySummary> summaries = kms.listKeySummaries(ctx);
        List<KeyOption> out = new ArrayList<>();
        String serviceKeyId = summaries.stream().filter(s -> s.metadata().isServiceKey()
                && s.aliases().contains(SERVICE_KEY_ALIAS)).map(s -> s.metadata().keyId()).findFirst().orElse(null);
        out.add(serviceKey(serviceKeyId));
        summaries.stream().filter(s -> !s.metadata().isServiceKey())
                .sorted(Comparator.comparing((KeySummary s) -> s.metadata().creationDate(),
                        Comparator.nullsFirst(Comparator.naturalOrder())).reversed())
                .forEach(s -> {
                    KeyMetadata m = s.metadata();
                    String note;
                    if (!region.cmkSupported()) {
                        note = region.note();
                    } else if (m.keyState() != KeyState.Enabled) {
                        note = "The key is " + StatusTag.label(m.keyState()) + ": only Enabled keys can encrypt disks.";
                    } else {
                        note = "";
                    }
                    out.add(new KeyOption(m.keyId(), s.aliases().isEmpty() ? null : s.aliases().get(0), m.keyState(),
                            false, note.isEmpty(), note));
                });
        return out;
    }
}
