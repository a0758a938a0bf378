package dev.ecskms.sim.ecs;

/** Disk statuses, spelled as the API spells them. */
public enum DiskStatus {
    Creating, Available, Attaching, In_use, Detaching, ReIniting
}
