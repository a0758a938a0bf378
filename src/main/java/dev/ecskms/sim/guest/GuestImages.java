package dev.ecskms.sim.guest;

import dev.ecskms.sim.storage.BlockDevice;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Installs public images onto system disks, and prepares Windows data disks, by writing through the block device:
 * a partition table in sector 0 and a {@link SimpleFs} in partition 1 holding the operating system's files.
 * Nothing is kept anywhere else; the guest boots from what is read back.
 */
public final class GuestImages {
    static final byte[] LINUX_KERNEL_MAGIC = "\u007fECSKERNEL\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] NT_KERNEL_MAGIC = "MZ\u0090\u0000ECSNTKERNEL\n".getBytes(StandardCharsets.ISO_8859_1);
    static final byte[] BOOTMGR_MAGIC = "ECSBOOTMGR\n".getBytes(StandardCharsets.US_ASCII);
    static final String WINDOWS_BUILD = "10.0.20348.2582";
    private static final SecureRandom RANDOM = new SecureRandom();

    private GuestImages() {
    }

    /**
     * Writes the image onto an empty system disk.
     *
     * @param rootPassword root's (Administrator's) password, stored only as a salted hash; null locks the account
     * @throws UncheckedIOException if the device fails
     */
    public static void install(BlockDevice systemDisk, OsImage image, String hostname, String rootPassword) {
        try {
            Clock clock = Clock.systemUTC();
            boolean windows = image.osType() == OsType.WINDOWS;
            int type = windows ? PartitionTable.TYPE_NTFS : PartitionTable.TYPE_LINUX;
            PartitionTable.Partition p1 = wholeDiskPartition(systemDisk, type, true);
            PartitionTable.empty("dos", RANDOM.nextInt()).with(p1).write(systemDisk);
            PartitionDevice part = new PartitionDevice(systemDisk, p1.firstSector(), p1.sectorCount());
            String passwordHash = rootPassword == null ? null : PasswordHash.hash(rootPassword);
            if (windows) {
                SimpleFs fs = SimpleFs.format(part, "ntfs", "", UUID.randomUUID(), clock);
                writeWindows(fs, image, hostname, passwordHash);
                fs.sync();
            } else {
                SimpleFs fs = SimpleFs.format(part, "ext4", "", UUID.randomUUID(), clock);
                writeLinux(fs, Distro.of(image), hostname, passwordHash);
                fs.sync();
            }
            systemDisk.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot install " + image.imageId(), e);
        } catch (FsException e) {
            throw new IllegalStateException("installing " + image.imageId() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Prepares a system disk made from a custom image for its new instance, as cloud-init (or sysprep) does: the host
     * name becomes the instance's, and root's (Administrator's) password the one given — never the image's unless
     * {@code keepImagePassword}; null locks the account. Every other file stays as the image has it.
     *
     * @throws UncheckedIOException  if the device fails
     * @throws IllegalStateException if the disk holds no file system of the image
     */
    public static void personalize(BlockDevice systemDisk, OsImage image, String hostname, String rootPassword,
            boolean keepImagePassword) {
        try {
            PartitionTable.Partition p1 = PartitionTable.read(systemDisk).flatMap(t -> t.partition(1))
                    .orElseThrow(() -> new IllegalStateException("the disk has no partition 1 to personalize"));
            SimpleFs fs = SimpleFs.mount(new PartitionDevice(systemDisk, p1.firstSector(), p1.sectorCount()),
                    Clock.systemUTC());
            String passwordHash = rootPassword == null ? null : PasswordHash.hash(rootPassword);
            if (image.osType() == OsType.WINDOWS) {
                fs.writeFile(path("/Windows/System32/config/SYSTEM"), text("ComputerName=" + hostname + "\n"), false,
                        0600);
                if (!keepImagePassword) {
                    fs.writeFile(path("/Windows/System32/config/SAM"), text(replaceLine(readText(fs,
                            "/Windows/System32/config/SAM"), "Administrator:", "Administrator:500:"
                            + (passwordHash == null ? "*disabled*" : passwordHash))), false, 0600);
                }
            } else if (keepImagePassword) {
                fs.writeFile(path("/etc/hostname"), text(hostname + "\n"), false, 0644);
            } else {
                fs.writeFile(path("/etc/hostname"), text(hostname + "\n"), false, 0644);
                String shadow = readText(fs, "/etc/shadow");
                String root = shadow.lines().filter(l -> l.startsWith("root:")).findFirst().orElse("root::19950:0:99999:7:::");
                String[] fields = root.split(":", -1);
                fields[1] = passwordHash == null ? "!!" : passwordHash;
                fs.writeFile(path("/etc/shadow"), text(replaceLine(shadow, "root:", String.join(":", fields))), false,
                        0000);
            }
            fs.sync();
            systemDisk.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot personalize the system disk", e);
        } catch (FsException e) {
            throw new IllegalStateException("personalizing the system disk: " + e.getMessage(), e);
        }
    }

    private static String readText(SimpleFs fs, String file) throws IOException, FsException {
        return new String(fs.readFile(path(file)), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The text with its line starting {@code prefix} replaced (or added). */
    private static String replaceLine(String text, String prefix, String line) {
        StringBuilder out = new StringBuilder();
        boolean replaced = false;
        for (String l : text.split("\n", -1)) {
            if (!replaced && l.startsWith(prefix)) {
                l = line;
                replaced = true;
            }
            out.append(l).append('\n');
        }
        String result = out.substring(0, out.length() - 1);
        return replaced ? result : line + "\n" + result;
    }

    /** Windows data disks come ready: one GPT partition over the disk, formatted NTFS with the label. */
    public static void formatWindowsDataDisk(BlockDevice dataDisk, String label) {
        try {
            PartitionTable.Partition p1 = wholeDiskPartition(dataDisk, PartitionTable.TYPE_NTFS, false);
            PartitionTable.empty("gpt", RANDOM.nextInt()).with(p1).write(dataDisk);
            PartitionDevice part = new PartitionDevice(dataDisk, p1.firstSector(), p1.sectorCount());
            SimpleFs fs = SimpleFs.format(part, "ntfs", label == null ? "" : label, UUID.randomUUID(),
                    Clock.systemUTC());
            fs.mkdirs(List.of("System Volume Information"), 0700);
            fs.sync();
            dataDisk.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot format the data disk", e);
        } catch (FsException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static PartitionTable.Partition wholeDiskPartition(BlockDevice disk, int type, boolean bootable) {
        long first = PartitionTable.firstUsableSector(disk);
        if (disk.sectorCount() <= first + 16) {
            throw new IllegalArgumentException("disk too small: " + disk.sizeBytes() + " bytes");
        }
        return new PartitionTable.Partition(1, type, bootable, first, disk.sectorCount() - first);
    }

    private static void writeLinux(SimpleFs fs, Distro d, String hostname, String passwordHash)
            throws IOException, FsException {
        for (String dir : List.of("boot", d.grubDir().substring(1), "etc", "root", "home", "tmp", "mnt", "opt",
                "srv", "media", "dev", "proc", "sys", "run", "usr/bin", "usr/sbin", "usr/lib", "usr/share",
                "var/log", "var/lib", "var/tmp")) {
            fs.mkdirs(path(dir), 0755);
        }
        fs.lookup(path("root")).mode = 0550;
        fs.lookup(path("tmp")).mode = 01777;
        String kernel = "/boot/vmlinuz-" + d.kernelRelease();
        fs.writeFile(path(kernel), kernelImage(LINUX_KERNEL_MAGIC, d.kernelBanner(), 48 * 1024), false, 0755);
        fs.writeFile(path("/boot/" + d.initrdName()), filler(16 * 1024, 7), false, 0600);
        String rootUuid = fs.uuid().toString();
        String cmdline = "root=UUID=" + rootUuid + " ro net.ifnames=0 console=tty0 console=ttyS0,115200n8"
                + " crashkernel=0M-2G:0M,2G-8G:192M,8G-:256M";
        String grub = "set default=0\nset timeout=1\n\nmenuentry '" + prettyName(d) + " (" + d.kernelRelease()
                + ")' {\n\tinsmod ext2\n\tsearch --no-floppy --fs-uuid --set=root " + rootUuid + "\n\tlinux "
                + kernel + " " + cmdline + "\n\tinitrd /boot/" + d.initrdName() + "\n}\n";
        fs.writeFile(path(d.grubDir() + "/grub.cfg"), text(grub), false, 0600);
        fs.writeFile(path("/etc/os-release"), text(d.osRelease()), false, 0644);
        fs.writeFile(path("/etc/hostname"), text(hostname + "\n"), false, 0644);
        fs.writeFile(path("/etc/issue"), text(d.issue()), false, 0644);
        fs.writeFile(path("/etc/motd"), text(d.motd()), false, 0644);
        fs.writeFile(path("/etc/fstab"), text("#\n# /etc/fstab\n#\nUUID=" + rootUuid
                + " /                       ext4    defaults        1 1\n"), false, 0644);
        fs.writeFile(path("/etc/passwd"), text("""
                root:x:0:0:root:/root:/bin/bash
                bin:x:1:1:bin:/bin:/sbin/nologin
                daemon:x:2:2:daemon:/sbin:/sbin/nologin
                nobody:x:65534:65534:Kernel Overflow User:/:/sbin/nologin
                sshd:x:74:74:Privilege-separated SSH:/var/empty/sshd:/sbin/nologin
                """), false, 0644);
        fs.writeFile(path("/etc/shadow"), text("root:" + (passwordHash == null ? "!!" : passwordHash)
                + ":19950:0:99999:7:::\nbin:*:19950:0:99999:7:::\ndaemon:*:19950:0:99999:7:::\n"
                + "nobody:*:19950:0:99999:7:::\nsshd:!!:19950::::::\n"), false, 0000);
        fs.writeFile(path("/root/.bashrc"), text("# .bashrc\nalias rm='rm -i'\nalias cp='cp -i'\n"), false, 0644);
        fs.writeFile(path("/root/.bash_profile"), text("# .bash_profile\n[ -f ~/.bashrc ] && . ~/.bashrc\n"),
                false, 0644);
        for (String bin : List.of("bash", "cat", "ls", "mount", "umount", "lsblk", "df", "echo", "mkdir", "rm")) {
            fs.writeFile(path("/usr/bin/" + bin), kernelImage("\u007fELF\u0002\u0001\u0001\n".getBytes(
                    StandardCharsets.ISO_8859_1), bin, 2048), false, 0755);
        }
        for (String bin : List.of("fdisk", "parted", "mkfs.ext4", "mkfs.xfs", "blkid", "reboot", "shutdown")) {
            fs.writeFile(path("/usr/sbin/" + bin), kernelImage("\u007fELF\u0002\u0001\u0001\n".getBytes(
                    StandardCharsets.ISO_8859_1), bin, 2048), false, 0755);
        }
        fs.writeFile(path("/var/log/messages"), new byte[0], false, 0600);
    }

    private static void writeWindows(SimpleFs fs, OsImage image, String hostname, String passwordHash)
            throws IOException, FsException {
        for (String dir : List.of("Windows/System32/config", "Windows/System32/drivers/etc", "Windows/Temp",
                "Users/Administrator/Desktop", "Users/Administrator/Documents", "Users/Public", "Program Files",
                "Program Files (x86)", "ProgramData", "PerfLogs")) {
            fs.mkdirs(path(dir), 0755);
        }
        fs.writeFile(path("/bootmgr"), kernelImage(BOOTMGR_MAGIC, "Windows Boot Manager", 8 * 1024), false, 0644);
        fs.writeFile(path("/Windows/System32/ntoskrnl.exe"),
                kernelImage(NT_KERNEL_MAGIC, WINDOWS_BUILD, 64 * 1024), false, 0644);
        fs.writeFile(path("/Windows/System32/config/SOFTWARE"), text("ProductName=Windows Server 2022 Datacenter\n"
                + "DisplayVersion=21H2\nCurrentBuild=20348\nEditionID=ServerDatacenter\nImageId=" + image.imageId()
                + "\n"), false, 0600);
        fs.writeFile(path("/Windows/System32/config/SYSTEM"), text("ComputerName=" + hostname + "\n"), false,
                0600);
        fs.writeFile(path("/Windows/System32/config/SAM"), text("Administrator:500:"
                + (passwordHash == null ? "*disabled*" : passwordHash) + "\nGuest:501:*disabled*\n"), false, 0600);
        fs.writeFile(path("/Windows/System32/drivers/etc/hosts"), text("# Copyright (c) 1993-2009 Microsoft Corp.\n"
                + "#\n# This is a sample HOSTS file used by Microsoft TCP/IP for Windows.\n"), false, 0644);
    }

    /** A bootable-looking file: magic, one text line the boot loader prints, then filler. */
    static byte[] kernelImage(byte[] magic, String banner, int size) {
        byte[] head = (new String(magic, StandardCharsets.ISO_8859_1) + banner + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = filler(Math.max(size, head.length), banner.hashCode());
        System.arraycopy(head, 0, out, 0, head.length);
        return out;
    }

    /** The text line after the magic, or null if the file does not start with it. */
    static String bannerOf(byte[] file, byte[] magic) {
        if (file.length < magic.length || !Arrays.equals(file, 0, magic.length, magic, 0, magic.length)) {
            return null;
        }
        int end = magic.length;
        while (end < file.length && file[end] != '\n') {
            end++;
        }
        return new String(file, magic.length, end - magic.length, StandardCharsets.ISO_8859_1);
    }

    private static byte[] filler(int size, long seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    static String prettyName(Distro d) {
        return OsRelease.parse(d.osRelease()).prettyName();
    }

    static byte[] text(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** "/etc/os-release" or "etc/os-release" → ["etc", "os-release"]. */
    static List<String> path(String p) {
        return Arrays.stream(p.split("/")).filter(s -> !s.isEmpty()).toList();
    }
}
