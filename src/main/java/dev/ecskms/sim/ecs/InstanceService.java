package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import java.time.Instant;
import java.util.List;

/**
 * ECS 2014-05-26 instances, their console and Cloud Assistant, one operation per API action.
 *
 * <p>Starting an instance asks KMS to decrypt the data key of each of its encrypted disks and keeps the plaintext
 * keys in memory for as long as it runs. A key disabled later does not touch a running instance; the next start or
 * reboot cannot decrypt, and the guest cannot read that disk.
 */
public interface InstanceService {

    List<InstanceType> describeInstanceTypes(CallContext ctx);

    /**
     * The Available images the purchase page offers (see {@link EcsService#describeImages} for every filter).
     *
     * @param imageOwnerAlias "system" for public images, "self", "others"; null for all the caller may use
     */
    List<ImageInfo> describeImages(CallContext ctx, String imageOwnerAlias, String osType);

    /** What RunInstances would decide about a disk's encryption, for the purchase page (no side effects). */
    EncryptionChoice previewSystemDiskEncryption(CallContext ctx, RunInstancesRequest request);

    List<String> runInstances(CallContext ctx, RunInstancesRequest request);

    Page<Instance> describeInstances(CallContext ctx, List<String> instanceIds, String status, Integer pageNumber,
            Integer pageSize);

    Instance describeInstance(CallContext ctx, String instanceId);

    void startInstance(CallContext ctx, String instanceId);

    void stopInstance(CallContext ctx, String instanceId, Boolean forceStop);

    void rebootInstance(CallContext ctx, String instanceId, Boolean forceStop);

    /** Releases an instance; it must be Stopped unless force is set. Disks marked DeleteWithInstance go with it. */
    void deleteInstance(CallContext ctx, String instanceId, Boolean force);

    void attachDisk(CallContext ctx, String instanceId, String diskId, Boolean deleteWithInstance);

    /**
     * Replaces a Stopped instance's system disk with a new one made from an image (a system image, or a custom one
     * whose files it carries); the old disk is released. Returns the new disk's id.
     */
    String replaceSystemDisk(CallContext ctx, ReplaceSystemDiskRequest request);

    void detachDisk(CallContext ctx, String instanceId, String diskId);

    // ---- console ----

    /** The guest's framebuffer as a PNG: black where nothing could be read. */
    byte[] getInstanceScreenshot(CallContext ctx, String instanceId);

    /** What the serial console printed so far. */
    String getInstanceConsoleOutput(CallContext ctx, String instanceId);

    /** When that output last changed; null while there is none (e.g. a boot that hung before printing). */
    Instant consoleOutputUpdated(CallContext ctx, String instanceId);

    /** The live console for the VNC panel: framebuffer and keyboard. */
    InstanceConsole connect(CallContext ctx, String instanceId);

    // ---- Cloud Assistant ----

    /** RunCommand with Type=RunShellScript; returns the invocation ids, one per instance. */
    String runCommand(CallContext ctx, List<String> instanceIds, String commandContent, String name);

    List<Invocation> describeInvocationResults(CallContext ctx, String invokeId);

    /** Moves states along simulated time and (re)boots guests. */
    void processDueEvents();
}
