package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.store.Store;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * ECS instances on top of the disks of {@link LocalEcsService}. Each part has its own home, and this class only
 * wires them and answers {@link InstanceService} with them: {@link InstanceLifecycle} (RunInstances, start, stop,
 * release, disks), {@link GuestHosting} (the running guests and their consoles) and {@link CloudAssistant}.
 */
public final class LocalInstanceService implements InstanceService {
    private final InstanceLifecycle lifecycle;
    private final GuestHosting guests;
    private final CloudAssistant assistant;
    private final Images images;

    public LocalInstanceService(Store store, KmsService kms, LocalEcsService ecs, Clock clock) {
        this.lifecycle = new InstanceLifecycle(store, kms, ecs, clock);
        this.guests = lifecycle.guests();
        this.assistant = new CloudAssistant(store, clock, lifecycle, guests);
        this.images = ecs.images();
    }

    // ---------------------------------------------------------------- catalog

    @Override
    public List<InstanceType> describeInstanceTypes(CallContext ctx) {
        return Catalog.instanceTypes();
    }

    @Override
    public List<ImageInfo> describeImages(CallContext ctx, String imageOwnerAlias, String osType) {
        return images.describeImages(ctx, new DescribeImagesRequest(imageOwnerAlias, null, null, osType, 1, 100))
                .items().stream().map(Image::info).toList();
    }

    // ------------------------------------------------------------ life cycle

    @Override
    public EncryptionChoice previewSystemDiskEncryption(CallContext ctx, RunInstancesRequest request) {
        return lifecycle.previewSystemDiskEncryption(ctx, request);
    }

    @Override
    public List<String> runInstances(CallContext ctx, RunInstancesRequest request) {
        return lifecycle.runInstances(ctx, request);
    }

    @Override
    public Page<Instance> describeInstances(CallContext ctx, List<String> instanceIds, String status,
            Integer pageNumber, Integer pageSize) {
        return lifecycle.describeInstances(ctx, instanceIds, status, pageNumber, pageSize);
    }

    @Override
    public Instance describeInstance(CallContext ctx, String instanceId) {
        return lifecycle.describeInstance(ctx, instanceId);
    }

    @Override
    public void startInstance(CallContext ctx, String instanceId) {
        lifecycle.startInstance(ctx, instanceId);
    }

    @Override
    public void stopInstance(CallContext ctx, String instanceId, Boolean forceStop) {
        lifecycle.stopInstance(ctx, instanceId, forceStop);
    }

    @Override
    public void rebootInstance(CallContext ctx, String instanceId, Boolean forceStop) {
        lifecycle.rebootInstance(ctx, instanceId, forceStop);
    }

    @Override
    public void deleteInstance(CallContext ctx, String instanceId, Boolean force) {
        lifecycle.deleteInstance(ctx, instanceId, force);
    }

    @Override
    public void attachDisk(CallContext ctx, String instanceId, String diskId, Boolean deleteWithInstance) {
        lifecycle.attachDisk(ctx, instanceId, diskId, deleteWithInstance);
    }

    @Override
    public String replaceSystemDisk(CallContext ctx, ReplaceSystemDiskRequest request) {
        return lifecycle.replaceSystemDisk(ctx, request);
    }

    @Override
    public void detachDisk(CallContext ctx, String instanceId, String diskId) {
        lifecycle.detachDisk(ctx, instanceId, diskId);
    }

    @Override
    public void processDueEvents() {
        lifecycle.processDueEvents();
    }

    // ---------------------------------------------------------------- console

    @Override
    public byte[] getInstanceScreenshot(CallContext ctx, String instanceId) {
        return guests.getInstanceScreenshot(lifecycle.describeInstance(ctx, instanceId));
    }

    @Override
    public String getInstanceConsoleOutput(CallContext ctx, String instanceId) {
        return guests.getInstanceConsoleOutput(lifecycle.describeInstance(ctx, instanceId));
    }

    @Override
    public Instant consoleOutputUpdated(CallContext ctx, String instanceId) {
        return guests.consoleOutputUpdated(lifecycle.describeInstance(ctx, instanceId));
    }

    @Override
    public InstanceConsole connect(CallContext ctx, String instanceId) {
        return guests.connect(ctx, lifecycle.describeInstance(ctx, instanceId));
    }

    /**
     * Reads a file in the instance's running guest as root would ({@code cat} in a fresh script session: no
     * invocation, nothing on the console, not recorded), e.g. for a guided lab's check that the learner's file is
     * still there. Empty when the instance is not the caller's, has no booted Linux guest, or the file cannot be read.
     */
    public java.util.Optional<String> readGuestFile(CallContext ctx, String instanceId, String path) {
        if (path == null || !path.startsWith("/") || path.contains("'")) {
            return java.util.Optional.empty();
        }
        try {
            lifecycle.describeInstance(ctx, instanceId);
        } catch (RuntimeException notTheCallers) {
            return java.util.Optional.empty();
        }
        return guests.machine(instanceId).filter(dev.ecskms.sim.guest.GuestMachine::booted)
                .map(m -> m.runShellScript("cat '" + path + "'"))
                .filter(r -> r.exitCode() == 0).map(dev.ecskms.sim.guest.ShellResult::output);
    }

    /** Closes every running guest's devices (the simulator is closing). */
    public void shutDownAll() {
        guests.shutDownAll();
    }

    // -------------------------------------------------------- Cloud Assistant

    @Override
    public String runCommand(CallContext ctx, List<String> instanceIds, String commandContent, String name) {
        return assistant.runCommand(ctx, instanceIds, commandContent, name);
    }

    @Override
    public List<Invocation> describeInvocationResults(CallContext ctx, String invokeId) {
        return assistant.describeInvocationResults(ctx, invokeId);
    }
}
