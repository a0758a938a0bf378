package dev.ecskms.sim.conversion;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.conversion.ConversionListener.StepState;
import dev.ecskms.sim.conversion.EncryptionPlan.Step;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.DescribeSnapshotsRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.DiskCategory;
import dev.ecskms.sim.ecs.DiskSizeRule;
import dev.ecskms.sim.ecs.DiskStatus;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.EncryptionChoice;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.InstanceType;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.sim.kms.AliasInfo;
import dev.ecskms.sim.kms.KmsService;
import java.util.ArrayList;
import java.util.List;

/**
 * "Encrypt this disk" for a plain data disk, the documented path: snapshot → encrypted disk from the snapshot →
 * detach the old disk, attach the new one. It calls the same ECS operations a script would, as the caller, so the
 * audit trail shows each of them and each one validates as it always does.
 *
 * <p>All or nothing: when a step fails, what the run created is removed again (the new disk, the snapshot) and a
 * detached old disk is attached back, and the step's own error (its code and message) is rethrown. The snapshot is
 * unencrypted like the disk it copies, so it is deleted at the end unless the user chose to keep it as a restore
 * point; the old disk is kept (detached, with its data) unless the user chose to release it.
 */
public final class DataDiskEncryption {
    static final String NEW_DISK_SUFFIX = "-encrypted";

    private final EcsService ecs;
    private final InstanceService instances;
    private final KmsService kms;

    public DataDiskEncryption(EcsService ecs, InstanceService instances, KmsService kms) {
        this.ecs = ecs;
        this.instances = instances;
        this.kms = kms;
    }

    /**
     * Checks everything that can be checked before a step runs and says what will happen; creates nothing. Refuses a
     * system disk, an encrypted disk, a disk that is not Available or In_use, an instance that is neither Running nor
     * Stopped, and a key ECS may not use, with the codes the operations themselves would answer.
     *
     * @param kmsKeyId null for the region's service key
     */
    public EncryptionPlan plan(CallContext ctx, String diskId, String kmsKeyId, boolean releaseOldDisk,
            boolean keepSnapshot) {
        Disk disk = ecs.describeDisk(fresh(ctx), diskId);
        String why = whyNot(disk);
        if (why != null) {
            throw new ApiException(disk.status() == DiskStatus.Available || disk.status() == DiskStatus.In_use
                    ? "OperationDenied" : "IncorrectDiskStatus", 403, why);
        }
        Instance instance = null;
        if (disk.instanceId() != null) {
            instance = instances.describeInstance(fresh(ctx), disk.instanceId());
            if (instance.status() != InstanceStatus.Running && instance.status() != InstanceStatus.Stopped) {
                throw new ApiException("IncorrectInstanceStatus", 403, "Instance " + instance.instanceId() + " is "
                        + instance.status() + ". Wait until it is Running or Stopped, then encrypt the disk: its disks"
                        + " are detached and attached only then.");
            }
            InstanceType type = Catalog.findInstanceType(instance.instanceType()).orElse(null);
            if (type != null && type.encryptedDisksLimited()) {
                throw new ApiException("InvalidInstanceType.ValueNotSupported", 400, "Instance type "
                        + type.instanceTypeId() + " (family " + type.family() + ") cannot attach an encrypted data"
                        + " disk created from a snapshot, so disk " + disk.diskId() + " cannot be encrypted in place."
                        + " Move the data to an instance of another family first.");
            }
        }
        DiskCategory old = Catalog.findDiskCategory(disk.category()).orElseThrow();
        DiskCategory category = old.encryptable() ? old : Catalog.findDiskCategory("cloud_essd").orElseThrow();
        String level = old.encryptable() ? disk.performanceLevel()
                : disk.size() >= category.minSizeGiB("PL1") ? "PL1" : "PL0";
        DiskSizeRule.check(category, level, disk.size(), null, disk.size());
        EncryptionChoice choice = ecs.previewEncryption(fresh(ctx), request(disk, category, level, null, kmsKeyId));
        String keyName = keyName(ctx, kmsKeyId, choice.kmsKeyId());

        List<Step> steps = new ArrayList<>(List.of(Step.CREATE_SNAPSHOT, Step.CREATE_DISK));
        if (instance != null) {
            steps.add(Step.DETACH_OLD);
            steps.add(Step.ATTACH_NEW);
        }
        if (!keepSnapshot) {
            steps.add(Step.DELETE_SNAPSHOT);
        }
        if (releaseOldDisk) {
            steps.add(Step.RELEASE_OLD);
        }
        String name = label(disk);
        String categoryText = category.displayName() + (level == null || level.isEmpty() ? "" : " " + level);
        List<String> creates = new ArrayList<>();
        creates.add("A snapshot of " + name + ". It is not encrypted, like the disk it copies; "
                + (keepSnapshot ? "it is kept as a restore point." : "it is deleted at the end."));
        creates.add("A " + disk.size() + " GiB " + categoryText + " disk from that snapshot, encrypted with " + keyName
                + ": every sector is re-encrypted under the new disk's own data key."
                + (category == old ? "" : " (" + old.displayName() + " disks cannot be encrypted, so the new disk is "
                        + category.displayName() + ".)"));
        List<String> detaches = new ArrayList<>();
        List<String> stays = new ArrayList<>();
        List<String> guest = new ArrayList<>();
        if (instance != null) {
            String inst = instance.instanceId() + (instance.instanceName() == null || instance.instanceName().isBlank()
                    ? "" : " (" + instance.instanceName() + ")");
            detaches.add(name + " is detached from " + inst + (releaseOldDisk ? " and released: its data is deleted."
                    : " and kept, Available, with its data."));
            creates.add("The encrypted disk is attached to " + inst + " in its place"
                    + (disk.deleteWithInstance() ? ", released with the instance like the old one." : "."));
            stays.add(inst + (instance.status() == InstanceStatus.Running ? " keeps running" : " stays stopped")
                    + "; its system disk and other data disks are not touched.");
            if (instance.status() == InstanceStatus.Running) {
                guest.add("Before you start: stop what writes to the disk and unmount it (e.g. umount /data). The"
                        + " snapshot is taken from the running instance, and the disk leaves the guest when it is"
                        + " detached.");
            }
            guest.add("The new disk is a sector-by-sector copy: its partitions and file systems keep their UUIDs, but"
                    + " its device name may change (/dev/vdb may become /dev/vdc). Mount it by UUID in /etc/fstab,"
                    + " e.g. UUID=<uuid> /data ext4 defaults 0 0 (blkid shows the UUID).");
            guest.add(instance.status() == InstanceStatus.Running
                    ? "After the last step: mount -a (or a reboot) mounts it again."
                    : "At the instance's next start the guest mounts it from /etc/fstab.");
        } else {
            detaches.add(releaseOldDisk ? name + " is released: its data is deleted."
                    : "Nothing: " + name + " is not attached. It is kept, Available, with its data.");
            stays.add("No instance is involved.");
            guest.add("Attach the encrypted disk where you need it; in the guest, mount it by UUID (the file systems"
                    + " keep theirs).");
        }
        if (!releaseOldDisk) {
            stays.add(name + " stays unencrypted: release it once you have checked the new disk.");
        }
        if (keepSnapshot) {
            stays.add("The snapshot holds an unencrypted copy of the data until you delete it.");
        }
        return new EncryptionPlan(disk, disk.instanceId(), instance == null ? null : instance.status().name(),
                kmsKeyId, keyName, category.id(), level, disk.size(), releaseOldDisk, keepSnapshot, steps, creates,
                detaches, stays, guest);
    }

    /** Why this disk cannot be encrypted by this flow, in words for the user; null when it can. */
    public static String whyNot(Disk disk) {
        if ("system".equals(disk.type())) {
            return "Disk " + disk.diskId() + " is a system disk: it cannot be detached, so it is encrypted by"
                    + " replacing it with an encrypted copy of its image (the OOS template"
                    + " ACS-ECS-BulkyEncryptSystemDisk), not by this flow.";
        }
        if (disk.encrypted()) {
            return "Disk " + disk.diskId() + " is already encrypted (key " + disk.kmsKeyId() + ").";
        }
        if (disk.status() != DiskStatus.Available && disk.status() != DiskStatus.In_use) {
            return "Disk " + disk.diskId() + " is " + disk.status() + ". Wait until it is Available or In use.";
        }
        return null;
    }

    /**
     * Runs the plan: each step reports to {@code listener}; between two looks at something still in progress the
     * run {@code pause}s. Returns when the last step is done; on failure undoes what it did and rethrows the failing
     * step's error.
     */
    public ConversionResult run(CallContext ctx, EncryptionPlan plan, ConversionListener listener, Pause pause) {
        Run run = new Run(ctx, plan, listener, pause);
        try {
            return run.forward();
        } catch (RuntimeException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            List<String> left = run.undo();
            ApiException failure = e instanceof ApiException api ? api
                    : new ApiException("InternalError", 500, e instanceof InterruptedException
                            ? "The conversion was interrupted (the console closed)."
                            : "A step failed unexpectedly (the simulator's log has the details).");
            if (left.isEmpty()) {
                throw failure;
            }
            throw new ApiException(failure.code(), failure.httpStatus(), failure.getMessage()
                    + " Undoing the conversion did not finish: " + String.join(" ", left));
        }
    }

    /** One run's state: what exists so far, so that a failure knows what to undo. */
    private final class Run {
        private final CallContext ctx;
        private final EncryptionPlan plan;
        private final ConversionListener listener;
        private final Pause pause;
        private final Disk disk;
        private Step current;
        private String snapshotId;
        private boolean snapshotDeleted;
        private String newDiskId;
        private boolean oldDetached;
        private boolean newAttached;

        Run(CallContext ctx, EncryptionPlan plan, ConversionListener listener, Pause pause) {
            this.ctx = ctx;
            this.plan = plan;
            this.listener = listener;
            this.pause = pause;
            this.disk = plan.disk();
        }

        ConversionResult forward() throws InterruptedException {
            for (Step step : plan.steps()) {
                listener.step(step, StepState.WAITING, 0);
            }
            for (Step step : plan.steps()) {
                current = step;
                listener.step(step, StepState.RUNNING, step == Step.CREATE_DISK ? -1 : 0);
                switch (step) {
                    case CREATE_SNAPSHOT -> createSnapshot();
                    case CREATE_DISK -> createDisk();
                    case DETACH_OLD -> {
                        instances.detachDisk(fresh(ctx), plan.instanceId(), disk.diskId());
                        oldDetached = true;
                        listener.log("DetachDisk " + disk.diskId() + " from " + plan.instanceId());
                    }
                    case ATTACH_NEW -> {
                        instances.attachDisk(fresh(ctx), plan.instanceId(), newDiskId, disk.deleteWithInstance());
                        newAttached = true;
                        listener.log("AttachDisk " + newDiskId + " to " + plan.instanceId());
                    }
                    case DELETE_SNAPSHOT -> {
                        ecs.deleteSnapshot(fresh(ctx), snapshotId);
                        snapshotDeleted = true;
                        listener.log("DeleteSnapshot " + snapshotId);
                    }
                    case RELEASE_OLD -> {
                        ecs.deleteDisk(fresh(ctx), disk.diskId());
                        listener.log("DeleteDisk " + disk.diskId() + " (the old, unencrypted disk)");
                    }
                }
                listener.step(step, StepState.DONE, 1);
            }
            current = null;
            Disk created = ecs.describeDisk(fresh(ctx), newDiskId);
            return new ConversionResult(disk.diskId(), newDiskId, created.kmsKeyId(),
                    plan.keepSnapshot() ? snapshotId : null, plan.instanceId(), plan.releaseOldDisk());
        }

        private void createSnapshot() throws InterruptedException {
            snapshotId = ecs.createSnapshot(fresh(ctx), disk.diskId(), "encrypt-" + disk.diskId(),
                    "Taken by Encrypt this disk to copy " + disk.diskId() + " onto an encrypted disk.");
            listener.log("CreateSnapshot " + disk.diskId() + " → " + snapshotId);
            while (true) {
                Snapshot s = ecs.describeSnapshots(fresh(ctx), new DescribeSnapshotsRequest(List.of(snapshotId), null,
                        null, null, null, false, 1, 10)).items().get(0);
                listener.step(Step.CREATE_SNAPSHOT, StepState.RUNNING, percent(s.progress()) / 100.0);
                if (s.isAccomplished()) {
                    listener.log("Snapshot " + snapshotId + " accomplished");
                    return;
                }
                pause.await();
            }
        }

        private void createDisk() throws InterruptedException {
            DiskCategory category = Catalog.findDiskCategory(plan.category()).orElseThrow();
            newDiskId = ecs.createDisk(fresh(ctx), request(disk, category, plan.performanceLevel(), snapshotId,
                    plan.kmsKeyId()));
            listener.log("CreateDisk → " + newDiskId + " from " + snapshotId + ", Encrypted=true, KMSKeyId="
                    + (plan.kmsKeyId() == null ? "(service key)" : plan.kmsKeyId()));
            awaitAvailable(newDiskId);
            listener.log("Disk " + newDiskId + " Available");
        }

        private void awaitAvailable(String diskId) throws InterruptedException {
            while (ecs.describeDisk(fresh(ctx), diskId).status() == DiskStatus.Creating) {
                pause.await();
            }
        }

        /** Undoes in reverse order; returns what could not be undone, in words for the user. */
        List<String> undo() {
            if (current != null) {
                listener.step(current, StepState.FAILED, 0);
            }
            List<String> left = new ArrayList<>();
            if (newAttached) {
                attempt(left, "Undo: DetachDisk " + newDiskId, () -> instances.detachDisk(fresh(ctx),
                        plan.instanceId(), newDiskId), "Detach " + newDiskId + " from " + plan.instanceId() + ".");
                listener.step(Step.ATTACH_NEW, StepState.UNDONE, 0);
            }
            if (oldDetached) {
                attempt(left, "Undo: AttachDisk " + disk.diskId() + " to " + plan.instanceId(),
                        () -> instances.attachDisk(fresh(ctx), plan.instanceId(), disk.diskId(),
                                disk.deleteWithInstance()),
                        "Attach " + disk.diskId() + " to " + plan.instanceId() + " again.");
                listener.step(Step.DETACH_OLD, StepState.UNDONE, 0);
            }
            if (newDiskId != null) {
                attempt(left, "Undo: DeleteDisk " + newDiskId, () -> {
                    try {
                        awaitAvailable(newDiskId); // a disk in Creating cannot be released yet
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    ecs.deleteDisk(fresh(ctx), newDiskId);
                }, "Release the disk " + newDiskId + ".");
                listener.step(Step.CREATE_DISK, StepState.UNDONE, 0);
            }
            if (snapshotId != null && !snapshotDeleted) {
                attempt(left, "Undo: DeleteSnapshot " + snapshotId, () -> ecs.deleteSnapshot(fresh(ctx),
                        snapshotId), "Delete the snapshot " + snapshotId + ".");
                listener.step(Step.CREATE_SNAPSHOT, StepState.UNDONE, 0);
            }
            return left;
        }

        private void attempt(List<String> left, String what, Runnable action, String todo) {
            try {
                action.run();
                listener.log(what);
            } catch (RuntimeException e) {
                listener.log(what + " failed: " + e.getMessage());
                left.add(todo);
            }
        }
    }

    private static CreateDiskRequest request(Disk disk, DiskCategory category, String level, String snapshotId,
            String kmsKeyId) {
        String old = disk.diskName();
        String name = old == null || old.isBlank() ? "encrypted-" + disk.diskId()
                : old.length() + NEW_DISK_SUFFIX.length() > 128 ? old : old + NEW_DISK_SUFFIX;
        return new CreateDiskRequest(disk.zoneId(), category.id(), disk.size(), snapshotId,
                level == null || level.isEmpty() ? null : level, true, kmsKeyId, null, name,
                "Encrypted copy of " + disk.diskId() + ".", null);
    }

    private String keyName(CallContext ctx, String requested, String effective) {
        if (requested == null) {
            return "the service key alias/acs/ecs";
        }
        List<AliasInfo> aliases = kms.listAliasesByKeyId(fresh(ctx), effective, 1, 10).items();
        return aliases.isEmpty() ? "the key " + effective
                : "the key " + aliases.get(0).aliasName() + " (" + effective + ")";
    }

    private static String label(Disk disk) {
        return disk.diskName() == null || disk.diskName().isBlank() ? disk.diskId()
                : disk.diskId() + " (" + disk.diskName() + ")";
    }

    private static int percent(String progress) {
        try {
            return Integer.parseInt(progress.replace("%", "").trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Each call gets its own request id, as a script's calls do. */
    private static CallContext fresh(CallContext ctx) {
        return new CallContext(ctx.accountId(), ctx.principal(), ctx.regionId(), CallContext.newRequestId(),
                ctx.source());
    }
}
