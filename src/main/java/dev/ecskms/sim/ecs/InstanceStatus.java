package dev.ecskms.sim.ecs;

/** Instance statuses, spelled as the API spells them. */
public enum InstanceStatus {
    Pending, Starting, Running, Stopping, Stopped
}
