package dev.ecskms.sim.guest;

/** A volume as Windows Explorer's "This PC" lists it. */
public record VisibleDisk(String letter, String label, String fileSystem, long totalBytes, long freeBytes) {

    /** "Local Disk (C:)" or "Data (D:)". */
    public String displayName() {
        return (label == null || label.isEmpty() ? "Local Disk" : label) + " (" + letter + ")";
    }
}
