package dev.ecskms.sim.ecs;

import java.time.Instant;

/**
 * Why the last start of an instance could not read one of its disks — the guest then hangs (system disk) or runs
 * without that disk — so that the reason reaches the user instead of a server log: DescribeInstances shows it as
 * {@code BootFailure} (a simulator extension of the Instance item), the console next to the instance.
 *
 * @param code    the error's code: KMS's own when KMS refused the data key (e.g. {@code Rejected.Disabled},
 *                {@code Forbidden.KeyNotFound}); otherwise one of {@link #VOLUME_DAMAGED}, {@link #KEY_MISMATCH},
 *                {@link #DISK_UNAVAILABLE}
 * @param message what happened, naming the disk
 * @param time    when (simulated time)
 */
public record BootFailure(String code, String message, Instant time) {
    /** The volume's header or layout cannot be read (simulator code, unconfirmed). */
    public static final String VOLUME_DAMAGED = "DiskVolume.Damaged";
    /** KMS returned a data key the volume was not encrypted with (simulator code, unconfirmed). */
    public static final String KEY_MISMATCH = "DiskVolume.KeyMismatch";
    /** Anything else that kept the disk from being opened, e.g. key material the host lost (simulator code). */
    public static final String DISK_UNAVAILABLE = "DiskVolume.Unavailable";
}
