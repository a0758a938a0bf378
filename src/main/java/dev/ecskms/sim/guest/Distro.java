package dev.ecskms.sim.guest;

/** What an image's files say about itself: the text the guest prints at boot is read back from these files. */
record Distro(String id, String kernelRelease, String kernelBanner, String osRelease, String grubDir,
              String initrdName, String issue, String motd, String systemd, boolean rhelPrompt) {

    static Distro of(OsImage image) {
        return switch (image.distro()) {
            case "aliyun" -> ALIYUN;
            case "ubuntu" -> UBUNTU;
            default -> throw new IllegalArgumentException("not a Linux distribution: " + image.distro());
        };
    }

    static final Distro ALIYUN = new Distro("aliyun", "5.10.134-16.3.al8.x86_64",
            "Linux version 5.10.134-16.3.al8.x86_64 (mockbuild@x86-buildd-01) (gcc (GCC) 10.2.1 20200825"
                    + " (Alibaba 10.2.1-3.8 2.32), GNU ld version 2.35-5.al8) #1 SMP Thu Jun 6 10:35:32 CST 2024",
            """
            NAME="Alibaba Cloud Linux"
            VERSION="3 (Soaring Falcon)"
            ID="alinux"
            ID_LIKE="rhel fedora centos anolis"
            VERSION_ID="3"
            UPDATE_ID="10"
            PLATFORM_ID="platform:al8"
            PRETTY_NAME="Alibaba Cloud Linux 3 (Soaring Falcon)"
            ANSI_COLOR="0;31"
            HOME_URL="https://www.aliyun.com/"
            """,
            "/boot/grub2", "initramfs-5.10.134-16.3.al8.x86_64.img",
            "\\S\nKernel \\r on an \\m\n\n",
            "\nWelcome to Alibaba Cloud Elastic Compute Service !\n\n",
            "systemd 239 (239-78.0.4.al8) running in system mode. (+PAM +AUDIT +SELINUX +IMA -APPARMOR +SMACK)",
            true);

    static final Distro UBUNTU = new Distro("ubuntu", "5.15.0-117-generic",
            "Linux version 5.15.0-117-generic (buildd@lcy02-amd64-036) (gcc (Ubuntu 11.4.0-1ubuntu1~22.04) 11.4.0,"
                    + " GNU ld (GNU Binutils for Ubuntu) 2.38) #127-Ubuntu SMP Fri Jul 5 20:13:28 UTC 2024",
            """
            PRETTY_NAME="Ubuntu 22.04.4 LTS"
            NAME="Ubuntu"
            VERSION_ID="22.04"
            VERSION="22.04.4 LTS (Jammy Jellyfish)"
            VERSION_CODENAME=jammy
            ID=ubuntu
            ID_LIKE=debian
            HOME_URL="https://www.ubuntu.com/"
            UBUNTU_CODENAME=jammy
            """,
            "/boot/grub", "initrd.img-5.15.0-117-generic",
            "Ubuntu 22.04.4 LTS \\n \\l\n\n",
            "Welcome to Ubuntu 22.04.4 LTS (GNU/Linux 5.15.0-117-generic x86_64)\n\n"
                    + " * Documentation:  https://help.ubuntu.com\n * Management:     https://landscape.canonical.com\n"
                    + " * Support:        https://ubuntu.com/pro\n\nWelcome to Alibaba Cloud Elastic Compute Service !\n\n",
            "systemd 249.11-0ubuntu3.12 running in system mode (+PAM +AUDIT +SELINUX +APPARMOR +IMA +SMACK +SECCOMP)",
            false);
}
