package dev.ecskms.sim.oos;

import static dev.ecskms.sim.oos.LocalOosService.JSON;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.CopyImageRequest;
import dev.ecskms.sim.ecs.CreateImageRequest;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.DescribeImagesRequest;
import dev.ecskms.sim.ecs.DescribeSnapshotsRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.DiskStatus;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.Image;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.ReplaceSystemDiskRequest;
import dev.ecskms.sim.ecs.Snapshot;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The steps of ACS::ECS::EncryptSystemDisk for one instance, each a call of the ECS service operations a script would
 * make. The nested actions of the public template (ACS::ECS::CreateSnapshot, ACS::ECS::ReplaceSystemDisk) run here as
 * one task each whose phases are the calls they make (stop, wait, replace, wait, start, wait). A waiting step checks
 * again on the next tick; one that waits longer than {@link #WAIT_TIMEOUT} of simulated time fails.
 *
 * <p>The child's state (a JSON object) carries what later steps use: diskId, encrypted, snapshotId, imageId,
 * copiedImageId, newSystemDiskId.
 */
final class EncryptSystemDiskSteps {
    static final String END = "ACS::END";
    static final Duration WAIT_TIMEOUT = Duration.ofMinutes(30);
    static final List<String> STEPS = List.of("waitInstanceReady", "describeDisk", "whetherToEncrypt",
            "createSnapshot", "createImage", "untilImageReady", "copyImage", "untilCopyImageReady",
            "replaceSystemDisk", "deleteImage", "deleteSnapshot");
    private static final Map<String, String> ACTIONS = Map.ofEntries(
            Map.entry("waitInstanceReady", "ACS::WaitFor"), Map.entry("describeDisk", "ACS::ExecuteAPI"),
            Map.entry("whetherToEncrypt", "ACS::Choice"), Map.entry("createSnapshot", "ACS::ECS::CreateSnapshot"),
            Map.entry("createImage", "ACS::ExecuteAPI"), Map.entry("untilImageReady", "ACS::WaitFor"),
            Map.entry("copyImage", "ACS::ExecuteAPI"), Map.entry("untilCopyImageReady", "ACS::WaitFor"),
            Map.entry("replaceSystemDisk", "ACS::ECS::ReplaceSystemDisk"), Map.entry("deleteImage", "ACS::ExecuteAPI"),
            Map.entry("deleteSnapshot", "ACS::ExecuteAPI"));

    /** A running task as the engine read it. */
    record Task(String taskExecutionId, String taskName, String phase, long startMs, long updateMs,
            String statusMessage) {
    }

    /** What a step did: must wait, moved to its next phase, is done (with outputs), or failed. */
    record Outcome(Kind kind, String message, String phase, ObjectNode outputs, String nextTask) {
        enum Kind { WAIT, PHASE, DONE, FAILED }

        static Outcome waiting(String why) {
            return new Outcome(Kind.WAIT, why, null, null, null);
        }

        static Outcome phase(String phase, String message) {
            return new Outcome(Kind.PHASE, message, phase, null, null);
        }

        static Outcome done(ObjectNode outputs) {
            return new Outcome(Kind.DONE, "", null, outputs, null);
        }

        static Outcome doneThen(ObjectNode outputs, String nextTask) {
            return new Outcome(Kind.DONE, "", null, outputs, nextTask);
        }

        static Outcome failed(String message) {
            return new Outcome(Kind.FAILED, message, null, JSON.createObjectNode(), null);
        }
    }

    private final Clock clock;
    private final EcsService ecs;
    private final InstanceService instances;

    EncryptSystemDiskSteps(Clock clock, EcsService ecs, InstanceService instances) {
        this.clock = clock;
        this.ecs = ecs;
        this.instances = instances;
    }

    static String action(String step) {
        return ACTIONS.get(step);
    }

    static String after(String step) {
        int i = STEPS.indexOf(step);
        return i + 1 < STEPS.size() ? STEPS.get(i + 1) : END;
    }

    /** replaceSystemDisk is OnError: ACS::NEXT in the public template: the clean-up runs even when it fails. */
    static boolean continuesOnError(String step) {
        return step.equals("replaceSystemDisk");
    }

    /** The child's outputs, as the public template defines them (see DESIGN: OOS). */
    static ObjectNode outputs(ObjectNode state) {
        ObjectNode out = JSON.createObjectNode();
        // the instance id when its system disk was encrypted already (and so skipped), else null
        if (state.path("encrypted").asBoolean(false)) {
            out.put("systemDiskEncryptedInstance", state.path("instanceId").asText());
        } else {
            out.putNull("systemDiskEncryptedInstance");
        }
        if (state.hasNonNull("newSystemDiskId")) {
            out.put("newSystemDiskId", state.path("newSystemDiskId").asText());
        }
        return out;
    }

    /** A step's inputs as ListTaskExecutions shows them. */
    static ObjectNode properties(String step, ObjectNode state) {
        ObjectNode p = JSON.createObjectNode();
        p.put("regionId", state.path("regionId").asText());
        switch (step) {
            case "waitInstanceReady" -> {
                p.put("API", "DescribeInstances");
                p.put("instanceId", state.path("instanceId").asText());
                p.putArray("DesiredValues").add("Running").add("Stopped");
            }
            case "describeDisk" -> {
                p.put("API", "DescribeDisks");
                p.put("InstanceId", state.path("instanceId").asText());
                p.put("DiskType", "system");
            }
            case "whetherToEncrypt" -> p.put("encrypted", state.path("encrypted").asBoolean());
            case "createSnapshot" -> p.put("diskId", state.path("diskId").asText());
            case "createImage" -> p.put("SnapshotId", state.path("snapshotId").asText());
            case "untilImageReady" -> p.put("ImageId", state.path("imageId").asText());
            case "copyImage" -> {
                p.put("ImageId", state.path("imageId").asText());
                p.put("DestinationRegionId", state.path("regionId").asText());
                p.put("Encrypted", true);
                p.put("KMSKeyId", state.path("KMSKeyId").asText());
            }
            case "untilCopyImageReady" -> p.put("ImageId", state.path("copiedImageId").asText());
            case "replaceSystemDisk" -> {
                p.put("instanceId", state.path("instanceId").asText());
                p.put("imageId", state.path("copiedImageId").asText());
                p.put("passwordInherit", false);
            }
            case "deleteImage" -> {
                p.put("Force", true);
                p.putArray("ImageIds").add(state.path("imageId").asText()).add(state.path("copiedImageId").asText());
            }
            case "deleteSnapshot" -> p.put("SnapshotId", state.path("snapshotId").asText());
            default -> throw new IllegalArgumentException(step);
        }
        return p;
    }

    /** Runs one step (or one phase of it); ECS refusals propagate as ApiException and fail the step. */
    Outcome run(CallContext ctx, String executionId, Task task, ObjectNode state) {
        String instanceId = state.path("instanceId").asText();
        return switch (task.taskName()) {
            case "waitInstanceReady" -> {
                Instance i = instances.describeInstance(ctx, instanceId);
                if (i.status() == InstanceStatus.Running || i.status() == InstanceStatus.Stopped) {
                    ObjectNode out = JSON.createObjectNode();
                    out.putNull("keyPairName"); // the simulator has no key pairs
                    out.put("status", i.status().name());
                    yield Outcome.done(out);
                }
                yield waitOrTimeout(task, "Instance " + instanceId + " is " + i.status()
                        + "; waiting for Running or Stopped.");
            }
            case "describeDisk" -> {
                List<Disk> disks = ecs.describeDisks(ctx, new DescribeDisksRequest(null, null, instanceId, "system",
                        null, null, null, null, 1, 10)).items();
                if (disks.isEmpty()) {
                    yield Outcome.failed("Instance " + instanceId + " has no system disk.");
                }
                Disk disk = disks.get(0);
                state.put("diskId", disk.diskId());
                state.put("encrypted", disk.encrypted());
                ObjectNode out = JSON.createObjectNode();
                out.put("diskId", disk.diskId());
                out.put("encrypted", disk.encrypted());
                yield Outcome.done(out);
            }
            case "whetherToEncrypt" -> {
                boolean encrypted = state.path("encrypted").asBoolean();
                ObjectNode out = JSON.createObjectNode();
                out.put("NextTask", encrypted ? END : "createSnapshot");
                yield Outcome.doneThen(out, encrypted ? END : "createSnapshot");
            }
            case "createSnapshot" -> {
                if (task.phase() == null) {
                    state.put("snapshotId", ecs.createSnapshot(ctx, state.path("diskId").asText(),
                            "Snapshot-" + executionId, null));
                    yield Outcome.phase("untilSnapshotReady", "");
                }
                String snapshotId = state.path("snapshotId").asText();
                List<Snapshot> found = ecs.describeSnapshots(ctx, new DescribeSnapshotsRequest(List.of(snapshotId),
                        null, null, null, null, false, 1, 10)).items();
                if (found.isEmpty()) {
                    yield Outcome.failed("Snapshot " + snapshotId + " is gone before it was accomplished.");
                }
                if (found.get(0).isAccomplished()) {
                    yield Outcome.done(output("snapshotId", snapshotId));
                }
                yield waitOrTimeout(task, "Snapshot " + snapshotId + " is " + found.get(0).progress() + " done.");
            }
            case "createImage" -> {
                String imageId = ecs.createImage(ctx, new CreateImageRequest(null, state.path("snapshotId").asText(),
                        "CreateImage-" + executionId, null));
                state.put("imageId", imageId);
                yield Outcome.done(output("imageId", imageId));
            }
            case "untilImageReady" -> untilAvailable(ctx, task, state.path("imageId").asText());
            case "copyImage" -> {
                String copy = ecs.copyImage(ctx, new CopyImageRequest(state.path("imageId").asText(),
                        state.path("regionId").asText(), null, null, true, state.path("KMSKeyId").asText(), null));
                state.put("copiedImageId", copy);
                yield Outcome.done(output("imageId", copy));
            }
            case "untilCopyImageReady" -> untilAvailable(ctx, task, state.path("copiedImageId").asText());
            case "replaceSystemDisk" -> replaceSystemDisk(ctx, executionId, task, state, instanceId);
            case "deleteImage" -> {
                for (String field : List.of("imageId", "copiedImageId")) {
                    if (state.hasNonNull(field) && !state.path(field + "Deleted").asBoolean(false)) {
                        ecs.deleteImage(ctx, state.path(field).asText(), true);
                        state.put(field + "Deleted", true);
                    }
                }
                yield Outcome.done(JSON.createObjectNode());
            }
            case "deleteSnapshot" -> {
                ecs.deleteSnapshot(ctx, state.path("snapshotId").asText());
                yield Outcome.done(JSON.createObjectNode());
            }
            default -> throw new IllegalStateException("unknown step " + task.taskName());
        };
    }

    /** ACS::ECS::ReplaceSystemDisk: stop if running, replace with the encrypted copy, start, wait for Running. */
    private Outcome replaceSystemDisk(CallContext ctx, String executionId, Task task, ObjectNode state,
            String instanceId) {
        String phase = task.phase() == null ? "viewInstanceStatus" : task.phase();
        InstanceStatus status = instances.describeInstance(ctx, instanceId).status();
        switch (phase) {
            case "viewInstanceStatus" -> {
                if (status == InstanceStatus.Stopped) {
                    return Outcome.phase("replaceSystemDisk", "");
                }
                instances.stopInstance(ctx, instanceId, null);
                return Outcome.phase("untilInstanceStopped", "Stopping instance " + instanceId + ".");
            }
            case "untilInstanceStopped" -> {
                return status == InstanceStatus.Stopped ? Outcome.phase("replaceSystemDisk", "")
                        : waitOrTimeout(task, "Instance " + instanceId + " is " + status + "; waiting for Stopped.");
            }
            case "replaceSystemDisk" -> {
                // no Password and PasswordInherit=false, as the public template: the new disk takes no password.
                // The ClientToken makes a call repeated after a crash answer with the disk the first one made.
                String diskId = instances.replaceSystemDisk(ctx, new ReplaceSystemDiskRequest(instanceId,
                        state.path("copiedImageId").asText(), null, false, null, null, null, null, null,
                        executionId + "-replaceSystemDisk"));
                state.put("newSystemDiskId", diskId);
                return Outcome.phase("untilNewDiskReady", "");
            }
            case "untilNewDiskReady" -> {
                Disk disk = ecs.describeDisk(ctx, state.path("newSystemDiskId").asText());
                if (disk.status() != DiskStatus.In_use) {
                    return waitOrTimeout(task, "Disk " + disk.diskId() + " is " + disk.status()
                            + "; waiting for In_use.");
                }
                instances.startInstance(ctx, instanceId);
                return Outcome.phase("untilInstanceRunning", "Starting instance " + instanceId + ".");
            }
            case "untilInstanceRunning" -> {
                if (status == InstanceStatus.Running) {
                    return Outcome.done(output("newSystemDiskId", state.path("newSystemDiskId").asText()));
                }
                return waitOrTimeout(task, "Instance " + instanceId + " is " + status + "; waiting for Running.");
            }
            default -> throw new IllegalStateException("unknown phase " + phase);
        }
    }

    private Outcome untilAvailable(CallContext ctx, Task task, String imageId) {
        List<Image> found = ecs.describeImages(ctx, new DescribeImagesRequest("self", List.of(imageId),
                List.of(Image.CREATING, Image.AVAILABLE), null, 1, 10)).items();
        if (found.isEmpty()) {
            return Outcome.failed("Image " + imageId + " is gone before it was Available.");
        }
        if (found.get(0).isAvailable()) {
            return Outcome.done(JSON.createObjectNode());
        }
        return waitOrTimeout(task, "Image " + imageId + " is " + found.get(0).status() + " ("
                + found.get(0).progress() + ").");
    }

    private Outcome waitOrTimeout(Task task, String why) {
        if (clock.millis() - task.updateMs() > WAIT_TIMEOUT.toMillis()) {
            return Outcome.failed("Timed out after " + WAIT_TIMEOUT.toMinutes() + " minutes of waiting. " + why);
        }
        return Outcome.waiting(why);
    }

    private static ObjectNode output(String name, String value) {
        ObjectNode out = JSON.createObjectNode();
        out.put(name, value);
        return out;
    }
}
