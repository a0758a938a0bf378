package dev.ecskms.sim.conversion;

import dev.ecskms.sim.ecs.Disk;
import java.util.List;

/**
 * What "Encrypt this disk" will do to one plain data disk, decided and checked before anything is created: the
 * console shows it, and {@link DataDiskEncryption#run} carries it out step by step.
 *
 * @param disk           the plain data disk as it was when planned
 * @param instanceId     the instance it is attached to; null when it is not attached
 * @param instanceStatus that instance's status when planned (Running or Stopped); null when not attached
 * @param kmsKeyId       the key the new disk's data key is wrapped by (null: the region's service key, created on
 *                       first use)
 * @param keyName        the key as the plan names it (its alias, or the service key's)
 * @param category       the new disk's category: the old one when it can be encrypted, else ESSD
 * @param releaseOldDisk the user's choice: release the old disk at the end, or keep it (detached)
 * @param keepSnapshot   the user's choice: keep the intermediate snapshot (unencrypted, like the old disk) or delete it
 * @param creates        what will be created, one line each
 * @param detaches       what will be detached or released
 * @param stays          what stays as it is
 * @param inGuest        what the user does in the guest, before and after
 */
public record EncryptionPlan(Disk disk, String instanceId, String instanceStatus, String kmsKeyId, String keyName,
        String category, String performanceLevel, int sizeGiB, boolean releaseOldDisk, boolean keepSnapshot,
        List<Step> steps, List<String> creates, List<String> detaches, List<String> stays, List<String> inGuest) {

    public EncryptionPlan {
        steps = List.copyOf(steps);
        creates = List.copyOf(creates);
        detaches = List.copyOf(detaches);
        stays = List.copyOf(stays);
        inGuest = List.copyOf(inGuest);
    }

    public boolean attached() {
        return instanceId != null;
    }

    /** The steps in the order they run; only those this disk needs (no detach for a disk that is not attached). */
    public enum Step {
        CREATE_SNAPSHOT("Create a snapshot of the disk"),
        CREATE_DISK("Create the encrypted disk from the snapshot"),
        DETACH_OLD("Detach the old disk"),
        ATTACH_NEW("Attach the encrypted disk"),
        DELETE_SNAPSHOT("Delete the snapshot"),
        RELEASE_OLD("Release the old disk");

        private final String title;

        Step(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }
}
