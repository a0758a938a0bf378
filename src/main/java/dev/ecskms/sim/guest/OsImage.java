package dev.ecskms.sim.guest;

import java.util.List;
import java.util.Optional;

/**
 * A public image the simulated guest knows how to install: {@link GuestImages#install} lays its files out on a system
 * disk and {@link GuestMachine} boots them.
 *
 * @param distro "aliyun", "ubuntu" or "windows": selects the file layout and the boot/login look
 */
public record OsImage(String imageId, String osName, OsType osType, String distro) {

    public static final OsImage ALIYUN_3 = new OsImage("aliyun_3_x64_20G_alibase_20240819.vhd",
            "Alibaba Cloud Linux 3.2104 LTS 64 bit", OsType.LINUX, "aliyun");
    public static final OsImage UBUNTU_22_04 = new OsImage("ubuntu_22_04_x64_20G_alibase_20240812.vhd",
            "Ubuntu 22.04 64 bit", OsType.LINUX, "ubuntu");
    public static final OsImage WINDOWS_2022 = new OsImage("win2022_21H2_x64_dtc_en-us_40G_alibase_20240815.vhd",
            "Windows Server 2022 Datacenter 64 bit (English)", OsType.WINDOWS, "windows");

    public static List<OsImage> publicImages() {
        return List.of(ALIYUN_3, UBUNTU_22_04, WINDOWS_2022);
    }

    public static Optional<OsImage> byId(String imageId) {
        return publicImages().stream().filter(i -> i.imageId().equals(imageId)).findFirst();
    }
}
