package dev.ecskms.sim.conversion;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.CopyImageRequest;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.CreateImageRequest;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.DescribeImagesRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.EncryptionChoice;
import dev.ecskms.sim.ecs.Image;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.InstancePasswordRule;
import dev.ecskms.sim.ecs.InstanceType;
import dev.ecskms.sim.ecs.ReplaceSystemDiskRequest;
import dev.ecskms.sim.kms.AliasInfo;
import dev.ecskms.sim.kms.KmsService;
import java.util.ArrayList;
import java.util.List;

/**
 * "Encrypt system disk", the documented path for a disk that cannot be detached: stop the instance → image of it →
 * encrypted copy of the image under the chosen key → ReplaceSystemDisk with the copy (the old disk is released, the
 * password set again) → start it again if it ran → delete the unencrypted image and its snapshot. It calls the same
 * ECS operations a script would, as the caller, so the audit trail shows each and each validates as it always does.
 *
 * <p>ReplaceSystemDisk is the point of no return. A step that fails before it undoes what the run made (the images
 * and their snapshots), starts the instance again if the run stopped it, and rethrows the step's own error.
 */
public final class SystemDiskEncryption {
    private static final List<String> ANY_STATUS = List.of("Creating", "Waiting", "Available", "UnAvailable",
            "CreateFailed", "Deprecated");

    private final EcsService ecs;
    private final InstanceService instances;
    private final KmsService kms;

    public SystemDiskEncryption(EcsService ecs, InstanceService instances, KmsService kms) {
        this.ecs = ecs;
        this.instances = instances;
        this.kms = kms;
    }

    /** The steps in the order they run; START_INSTANCE only for an instance that was Running. */
    public enum Step {
        STOP_INSTANCE("Stop the instance"),
        CREATE_IMAGE("Create an image of the instance"),
        COPY_IMAGE("Copy the image, encrypted"),
        REPLACE_SYSTEM_DISK("Replace the system disk with the encrypted copy"),
        START_INSTANCE("Start the instance"),
        DELETE_PLAIN_IMAGE("Delete the unencrypted image and its snapshot");

        private final String title;

        Step(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    public enum StepState {
        WAITING, RUNNING, DONE, FAILED, UNDONE
    }

    /** What a run reports, from its own thread. Progress is 0 to 1, or negative while the service gives no measure. */
    public interface Listener {
        Listener NONE = new Listener() {
            @Override
            public void step(Step step, StepState state, double progress) {
            }

            @Override
            public void log(String line) {
            }
        };

        void step(Step step, StepState state, double progress);

        /** One line of the step log, e.g. "CreateImage i-… → m-…". */
        void log(String line);
    }

    /**
     * What the flow will do, decided and checked before anything is created.
     *
     * @param kmsKeyId the key the copy is encrypted with; null for the region's service key
     * @param happens  what happens, one line each, in the order it happens
     */
    public record Plan(Instance instance, Disk systemDisk, String kmsKeyId, String keyName, String password,
            List<Step> steps, List<String> happens) {
        public Plan {
            steps = List.copyOf(steps);
            happens = List.copyOf(happens);
        }

        public boolean wasRunning() {
            return instance.status() == InstanceStatus.Running;
        }

        @Override
        public String toString() { // never the password
            return "Plan[" + instance.instanceId() + ", " + systemDisk.diskId() + ", " + keyName + ", " + steps + "]";
        }
    }

    /** How it ended: the new encrypted system disk, the encrypted image it came from, and the key. */
    public record Result(String instanceId, String oldDiskId, String newDiskId, String imageId, String kmsKeyId,
            boolean restarted) {
    }

    /**
     * Checks what can be checked before a step runs and says what will happen; creates nothing. Refuses an instance
     * that is neither Running nor Stopped, an encrypted system disk, a missing password, and a key, region or
     * instance type that cannot encrypt a system disk, with the codes the operations themselves would answer.
     *
     * @param kmsKeyId null for the region's service key
     * @param password root's (Administrator's) new password: ReplaceSystemDisk does not keep the old one
     */
    public Plan plan(CallContext ctx, String instanceId, String kmsKeyId, String password) {
        Instance instance = instances.describeInstance(fresh(ctx), instanceId);
        if (instance.status() != InstanceStatus.Running && instance.status() != InstanceStatus.Stopped) {
            throw new ApiException("IncorrectInstanceStatus", 403, "Instance " + instanceId + " is "
                    + instance.status() + ". Wait until it is Running or Stopped, then encrypt its system disk.");
        }
        Disk disk = ecs.describeDisks(fresh(ctx), new DescribeDisksRequest(null, null, instanceId, "system", null,
                null, null, null, 1, 10)).items().stream().findFirst().orElseThrow(() -> new ApiException(
                        "InvalidInstanceId.NotFound", 404, "Instance " + instanceId + " has no system disk."));
        if (disk.encrypted()) {
            throw new ApiException("OperationDenied", 403, "The system disk " + disk.diskId() + " of " + instanceId
                    + " is already encrypted (key " + disk.kmsKeyId() + ").");
        }
        if (password == null || password.isEmpty()) {
            throw new ApiException("MissingParameter", 400, "Set a new password for root (Administrator): the new"
                    + " system disk does not keep the old one.");
        }
        // The rule ReplaceSystemDisk applies, checked before anything is made (not at step 4, after two images).
        InstancePasswordRule.check(password);
        InstanceType type = Catalog.findInstanceType(instance.instanceType()).orElse(null);
        if (type != null && type.encryptedDisksLimited()) {
            throw new ApiException("InvalidInstanceType.ValueNotSupported", 400, "Instance type "
                    + type.instanceTypeId() + " (family " + type.family() + ") cannot use an encrypted system disk,"
                    + " so the system disk of " + instanceId + " cannot be encrypted.");
        }
        // The same region, category and key checks as any encrypted disk, without creating one.
        EncryptionChoice choice = ecs.previewEncryption(fresh(ctx), new CreateDiskRequest(disk.zoneId(),
                disk.category(), disk.size(), null, blankToNull(disk.performanceLevel()), true, kmsKeyId, null, null,
                null, null));
        String keyName = keyName(ctx, kmsKeyId, choice.kmsKeyId());
        String name = label(instance);
        List<Step> steps = new ArrayList<>();
        List<String> happens = new ArrayList<>();
        if (instance.status() == InstanceStatus.Running) {
            steps.add(Step.STOP_INSTANCE);
            happens.add(name + " is stopped: its guest shuts down and it is unavailable until the last step.");
        } else {
            happens.add(name + " is Stopped and stays stopped until you start it.");
        }
        steps.add(Step.CREATE_IMAGE);
        happens.add("An image of its system disk " + disk.diskId() + " (" + disk.size() + " GiB) is created.");
        steps.add(Step.COPY_IMAGE);
        happens.add("The image is copied, encrypted with " + keyName + ": every sector is written again under a new"
                + " data key.");
        steps.add(Step.REPLACE_SYSTEM_DISK);
        happens.add("The system disk is replaced by a disk from the encrypted copy. The old system disk "
                + disk.diskId() + " is released: from here on there is no way back.");
        happens.add("The root (Administrator) password is set again to the one you entered: a replaced system disk"
                + " does not keep the old one.");
        if (instance.status() == InstanceStatus.Running) {
            steps.add(Step.START_INSTANCE);
            happens.add(name + " is started again; at boot it asks KMS for the new disk's data key.");
        }
        steps.add(Step.DELETE_PLAIN_IMAGE);
        happens.add("The unencrypted image and its snapshot are deleted; the encrypted image stays, as the"
                + " instance's image.");
        return new Plan(instance, disk, kmsKeyId, keyName, password, steps, happens);
    }

    /**
     * Runs the plan: each step reports to {@code listener}; between two looks at something still moving the run
     * {@code pause}s. On a failure before ReplaceSystemDisk it undoes what it made and rethrows the step's error.
     */
    public Result run(CallContext ctx, Plan plan, Listener listener, Pause pause) {
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
                            ? "The encryption was interrupted (the console closed)."
                            : "A step failed unexpectedly (the simulator's log has the details).");
            if (left.isEmpty()) {
                throw failure;
            }
            throw new ApiException(failure.code(), failure.httpStatus(), failure.getMessage()
                    + (run.newDiskId != null ? " The system disk is already encrypted (" + run.newDiskId + "). Left"
                            + " to do: " : " Undoing did not finish: ") + String.join(" ", left));
        }
    }

    /** One run's state: what exists so far, so that a failure knows what to undo. */
    private final class Run {
        private final CallContext ctx;
        private final Plan plan;
        private final Listener listener;
        private final Pause pause;
        private final String instanceId;
        private Step current;
        private boolean stopped;
        private String plainImageId;
        private String copyImageId;
        private String newDiskId;
        private boolean plainDeleted;

        Run(CallContext ctx, Plan plan, Listener listener, Pause pause) {
            this.ctx = ctx;
            this.plan = plan;
            this.listener = listener;
            this.pause = pause;
            this.instanceId = plan.instance().instanceId();
        }

        Result forward() throws InterruptedException {
            for (Step step : plan.steps()) {
                listener.step(step, StepState.WAITING, 0);
            }
            for (Step step : plan.steps()) {
                current = step;
                listener.step(step, StepState.RUNNING, step == Step.CREATE_IMAGE || step == Step.COPY_IMAGE ? 0 : -1);
                switch (step) {
                    case STOP_INSTANCE -> {
                        instances.stopInstance(fresh(ctx), instanceId, false);
                        stopped = true;
                        listener.log("StopInstance " + instanceId);
                        awaitStatus(InstanceStatus.Stopped);
                        listener.log("Instance " + instanceId + " Stopped");
                    }
                    case CREATE_IMAGE -> {
                        plainImageId = ecs.createImage(fresh(ctx), new CreateImageRequest(instanceId, null,
                                "encrypt-" + instanceId, "Made by Encrypt system disk; deleted at the end."));
                        listener.log("CreateImage " + instanceId + " → " + plainImageId);
                        awaitAvailable(step, plainImageId);
                    }
                    case COPY_IMAGE -> {
                        copyImageId = ecs.copyImage(fresh(ctx), new CopyImageRequest(plainImageId, null,
                                "encrypted-" + instanceId, "Encrypted system disk image of " + instanceId + ".",
                                true, plan.kmsKeyId(), null));
                        listener.log("CopyImage " + plainImageId + " → " + copyImageId + ", Encrypted=true, KMSKeyId="
                                + (plan.kmsKeyId() == null ? "(service key)" : plan.kmsKeyId()));
                        awaitAvailable(step, copyImageId);
                    }
                    case REPLACE_SYSTEM_DISK -> {
                        newDiskId = instances.replaceSystemDisk(fresh(ctx), new ReplaceSystemDiskRequest(instanceId,
                                copyImageId, plan.password(), null, null, null, null, null, null, null));
                        listener.log("ReplaceSystemDisk " + instanceId + " with " + copyImageId + " → " + newDiskId
                                + "; " + plan.systemDisk().diskId() + " released");
                    }
                    case START_INSTANCE -> {
                        instances.startInstance(fresh(ctx), instanceId);
                        listener.log("StartInstance " + instanceId);
                        awaitStatus(InstanceStatus.Running);
                        listener.log("Instance " + instanceId + " Running");
                    }
                    case DELETE_PLAIN_IMAGE -> deletePlainImage();
                }
                listener.step(step, StepState.DONE, 1);
            }
            current = null;
            Disk created = ecs.describeDisk(fresh(ctx), newDiskId);
            return new Result(instanceId, plan.systemDisk().diskId(), newDiskId, copyImageId, created.kmsKeyId(),
                    plan.steps().contains(Step.START_INSTANCE));
        }

        private void deletePlainImage() {
            String snapshotId = image(plainImageId).snapshotId();
            ecs.deleteImage(fresh(ctx), plainImageId, null);
            listener.log("DeleteImage " + plainImageId);
            ecs.deleteSnapshot(fresh(ctx), snapshotId);
            plainDeleted = true;
            listener.log("DeleteSnapshot " + snapshotId + " (the unencrypted copy of the old system disk)");
        }

        private void awaitStatus(InstanceStatus wanted) throws InterruptedException {
            while (instances.describeInstance(fresh(ctx), instanceId).status() != wanted) {
                pause.await();
            }
        }

        private void awaitAvailable(Step step, String imageId) throws InterruptedException {
            while (true) {
                Image image = image(imageId);
                listener.step(step, StepState.RUNNING, percent(image.progress()) / 100.0);
                if (image.isAvailable()) {
                    listener.log("Image " + imageId + " Available");
                    return;
                }
                pause.await();
            }
        }

        private Image image(String imageId) {
            return ecs.describeImages(fresh(ctx), new DescribeImagesRequest("self", List.of(imageId), ANY_STATUS,
                    null, 1, 10)).items().stream().findFirst().orElseThrow(() -> new ApiException(
                            "InvalidImageId.NotFound", 404, "Image " + imageId + " disappeared during the run."));
        }

        /** Undoes in reverse order what can be undone; returns what could not, in words for the user. */
        List<String> undo() {
            if (current != null) {
                listener.step(current, StepState.FAILED, 0);
            }
            List<String> left = new ArrayList<>();
            if (newDiskId != null) {
                // After ReplaceSystemDisk the old disk is gone: the instance keeps its encrypted disk. Only the
                // clean-up is left to the user.
                if (plainImageId != null && !plainDeleted) {
                    left.add("Delete the unencrypted image " + plainImageId + " and its snapshot yourself.");
                }
                if (current == Step.START_INSTANCE) {
                    left.add("Start " + instanceId + " yourself.");
                }
                return left;
            }
            if (copyImageId != null) {
                removeImage(left, copyImageId);
                listener.step(Step.COPY_IMAGE, StepState.UNDONE, 0);
            }
            if (plainImageId != null) {
                removeImage(left, plainImageId);
                listener.step(Step.CREATE_IMAGE, StepState.UNDONE, 0);
            }
            if (stopped) {
                attempt(left, "Undo: StartInstance " + instanceId, () -> {
                    try {
                        awaitStatus(InstanceStatus.Stopped); // a Stopping instance cannot be started yet
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    instances.startInstance(fresh(ctx), instanceId);
                }, "Start " + instanceId + " again.");
                listener.step(Step.STOP_INSTANCE, StepState.UNDONE, 0);
            }
            return left;
        }

        /** Deletes an image the run made and the snapshot behind it (one in Creating cannot be deleted yet). */
        private void removeImage(List<String> left, String imageId) {
            attempt(left, "Undo: DeleteImage " + imageId + " and its snapshot", () -> {
                Image image;
                try {
                    while (!(image = image(imageId)).isAvailable()) {
                        pause.await();
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while image " + imageId + " was being created");
                }
                ecs.deleteImage(fresh(ctx), imageId, null);
                ecs.deleteSnapshot(fresh(ctx), image.snapshotId());
            }, "Delete the image " + imageId + " and its snapshot.");
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

    private String keyName(CallContext ctx, String requested, String effective) {
        if (requested == null) {
            return "the service key alias/acs/ecs";
        }
        List<AliasInfo> aliases = kms.listAliasesByKeyId(fresh(ctx), effective, 1, 10).items();
        return aliases.isEmpty() ? "the key " + effective
                : "the key " + aliases.get(0).aliasName() + " (" + effective + ")";
    }

    private static String label(Instance instance) {
        return instance.instanceName() == null || instance.instanceName().isBlank() ? instance.instanceId()
                : instance.instanceId() + " (" + instance.instanceName() + ")";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
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
