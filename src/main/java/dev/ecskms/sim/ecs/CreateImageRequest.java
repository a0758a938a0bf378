package dev.ecskms.sim.ecs;

/**
 * CreateImage: from an instance (its system disk is snapshotted now) or from a snapshot of a system disk; exactly one
 * of the two.
 */
public record CreateImageRequest(String instanceId, String snapshotId, String imageName, String description) {
}
