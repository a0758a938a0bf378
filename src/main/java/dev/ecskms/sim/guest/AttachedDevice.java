package dev.ecskms.sim.guest;

import dev.ecskms.sim.storage.BlockDevice;

/**
 * A disk as the hypervisor hands it to a guest.
 *
 * @param deviceName       "/dev/vda" for the system disk, "/dev/vdb", "/dev/vdc"... for data disks
 * @param device           the opened volume, or null when the disk's data key could not be decrypted: every
 *                         read of such a disk fails, as it would on a real host
 * @param unreadableReason why {@code device} is null (e.g. "Rejected.Disabled: Key ... is disabled"), else null
 */
public record AttachedDevice(String deviceName, String diskId, BlockDevice device, String unreadableReason,
                             boolean system) {

    /** "vda" for "/dev/vda". */
    public String shortName() {
        return deviceName.startsWith("/dev/") ? deviceName.substring(5) : deviceName;
    }
}
