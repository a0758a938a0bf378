package dev.ecskms.sim.ecs;

/**
 * ReplaceSystemDisk: a new system disk from {@code imageId} for a Stopped instance; the old one is released.
 *
 * @param password        root's (Administrator's) new password; without it (and without passwordInherit) the
 *                        account is locked: a custom image's password is never taken over unasked
 * @param passwordInherit keep the password the custom image holds (not together with password)
 * @param keyPairName     the simulator has no key pairs: any name is not found
 * @param systemDiskSize  GiB; at least the image's size and the old disk's (default: the larger of the two)
 * @param encrypted       as RunInstances' SystemDisk.Encrypted, with {@code kmsKeyId}
 */
public record ReplaceSystemDiskRequest(String instanceId, String imageId, String password, Boolean passwordInherit,
        String keyPairName, Integer systemDiskSize, Boolean encrypted, String kmsKeyId, String encryptAlgorithm,
        String clientToken) {
}
