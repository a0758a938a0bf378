package dev.ecskms.ui.common;

import dev.ecskms.sim.common.AccessDeniedException;
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
 * are listed but cannot be chosen; {@code note} says why. The first entry is ECS's default — the key a disk gets when
 * the request names none — and carries a tag saying why it is the default ({@link #defaultTag}).
 *
 * @param keyId      null for the service key before it exists (ECS creates it on first use)
 * @param defaultTag for ECS's default ("Default", "Account default", "Snapshot's key"): no KMSKeyId is sent for it;
 *                   null for a key the user chooses
 */
public record KeyOption(String keyId, String alias, KeyState state, boolean serviceKey, boolean selectable,
        String note, String defaultTag) {
    public static final String SERVICE_KEY_ALIAS = "alias/acs/ecs";
    public static final String SERVICE_KEY_TEXT = "Default service key " + SERVICE_KEY_ALIAS;
    public static final String DEFAULT_TAG = "Default";

    public static KeyOption serviceKey(String keyId) {
        return new KeyOption(keyId, SERVICE_KEY_ALIAS, KeyState.Enabled, true, true, "", DEFAULT_TAG);
    }

    /**
     * The line a selector shows in place of the user's own keys when KMS refused to list them: ECS can still
     * encrypt with its default service key, so the form stays usable and says what is missing.
     */
    public static KeyOption keysNotListed(String deniedAction) {
        return new KeyOption(null, "Your KMS keys are not listed", null, false, false,
                deniedAction + " is not allowed: only the default service key can be chosen.", null);
    }

    /** ECS's default: what a disk gets when KMSKeyId is empty. */
    public boolean ecsDefault() {
        return defaultTag != null;
    }

    /** This key as ECS's default, with the tag that says why. */
    public KeyOption asDefault(String tag) {
        return new KeyOption(keyId, alias, state, serviceKey, true, note, tag);
    }

    /** This key as one the user chooses (KMSKeyId sent). */
    public KeyOption asChoice() {
        return new KeyOption(keyId, alias, state, serviceKey, selectable, note, null);
    }

    public String text() {
        if (serviceKey) {
            return SERVICE_KEY_TEXT;
        }
        if (keyId == null) {
            return alias; // the keys-not-listed line
        }
        return alias == null ? keyId : alias + " (" + keyId + ")";
    }

    /** What CreateDisk's KMSKeyId gets: nothing for ECS's default, the id for a key the user chose. */
    public String kmsKeyIdForRequest() {
        return ecsDefault() ? null : keyId;
    }

    @Override
    public String toString() {
        return text();
    }

    /** Reads the region's keys; call off the FX thread. The service key first, then CMKs, newest first. */
    public static List<KeyOption> load(KmsService kms, CallContext ctx, Region region) {
        List<KeySummary> summaries;
        try {
            summaries = kms.listKeySummaries(ctx);
        } catch (AccessDeniedException e) {
            // a RAM user who may use ECS but not read KMS: the service key needs no listing (ECS finds it itself)
            return List.of(serviceKey(null), keysNotListed(e.authAction()));
        }
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
                            false, note.isEmpty(), note, null));
                });
        return out;
    }
}
