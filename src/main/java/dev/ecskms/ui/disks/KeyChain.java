package dev.ecskms.ui.disks;

import dev.ecskms.sim.common.AccessDeniedException;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.kms.AliasInfo;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.ui.ConsoleServices;
import java.util.List;

/**
 * What protects a disk's data, read live: the disk, its wrapped data key, and the KMS key that can unwrap it.
 *
 * @param key          the KMS key as it is now; null when it no longer exists (or for a plain disk)
 * @param keyVersionId the key version that wrapped the data key, as recorded in the disk's volume header
 * @param keyError     why the key could not be read, for a key that exists but failed to load
 */
record KeyChain(Disk disk, KeyMetadata key, List<String> aliases, String keyVersionId, String keyError) {

    boolean encrypted() {
        return disk.encrypted();
    }

    boolean keyMissing() {
        return disk.encrypted() && key == null && keyError == null;
    }

    String keyName() {
        return aliases.isEmpty() ? disk.kmsKeyId() : aliases.get(0);
    }

    /** Reads the chain; call off the FX thread. */
    static KeyChain read(ConsoleServices services, CallContext ctx, String diskId) {
        Disk disk = services.ecs().describeDisk(ctx, diskId);
        if (!disk.encrypted() || disk.kmsKeyId() == null) {
            return new KeyChain(disk, null, List.of(), null, null);
        }
        KmsService kms = services.kms();
        KeyMetadata key;
        try {
            key = kms.describeKey(ctx, disk.kmsKeyId());
        } catch (AccessDeniedException e) {
            // a user who may read ECS but not KMS still sees the disk; only the key's side is left unknown
            return new KeyChain(disk, null, List.of(), null, e.authAction() + " not allowed");
        } catch (ApiException e) {
            if (e.httpStatus() == 404) {
                return new KeyChain(disk, null, List.of(), null, null);
            }
            return new KeyChain(disk, null, List.of(), null, e.getMessage() + " (" + e.code() + ")");
        }
        List<String> aliases;
        try {
            aliases = kms.listAliasesByKeyId(ctx, key.keyId(), 1, 100).items().stream()
                    .map(AliasInfo::aliasName).toList();
        } catch (AccessDeniedException e) {
            aliases = List.of(); // the key by its id, as for a key without an alias
        }
        return new KeyChain(disk, key, aliases, disk.kmsKeyVersionId(), null);
    }
}
