package dev.ecskms.sim.ecs;

/**
 * A region of the catalog.
 *
 * @param encryptedDisksSupported false where the seed says cloud disks cannot be encrypted (Seoul, Nanjing)
 * @param cmkSupported            false where only the service key may encrypt disks (Bangkok, Fuzhou)
 * @param note                    why a region is limited, shown next to it in the console; empty otherwise
 */
public record Region(String regionId, String localName, boolean encryptedDisksSupported, boolean cmkSupported,
        String note) {
}
