package dev.ecskms.ui.kms;

import java.util.List;

/** How the console names a key to a person: its first alias with the id, or the id alone. */
final class KeyNames {
    private KeyNames() {
    }

    static String display(String keyId, List<String> aliases) {
        return aliases == null || aliases.isEmpty() ? keyId : aliases.get(0) + " (" + keyId + ")";
    }

    /** "ECS" for a service key managed by "ecs". */
    static String serviceName(String managedBy) {
        return managedBy == null ? "" : managedBy.toUpperCase(java.util.Locale.ROOT);
    }
}
