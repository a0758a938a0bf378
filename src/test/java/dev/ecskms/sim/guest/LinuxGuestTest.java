package dev.ecskms.sim.guest;

import static dev.ecskms.sim.guest.GuestTestSupport.HOST;
import static dev.ecskms.sim.guest.GuestTestSupport.PASSWORD;
import static dev.ecskms.sim.guest.GuestTestSupport.anyNonBlack;
import static dev.ecskms.sim.guest.GuestTestSupport.boot;
import static dev.ecskms.sim.guest.GuestTestSupport.data;
import static dev.ecskms.sim.guest.GuestTestSupport.encryptedVolume;
import static dev.ecskms.sim.guest.GuestTestSupport.key;
import static dev.ecskms.sim.guest.GuestTestSupport.login;
import static dev.ecskms.sim.guest.GuestTestSupport.open;
import static dev.ecskms.sim.guest.GuestTestSupport.run;
import static dev.ecskms.sim.guest.GuestTestSupport.system;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.guest.GuestTestSupport.RecordingHost;
import dev.ecskms.sim.storage.BlockDevice;
import dev.ecskms.sim.storage.Volumes;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxGuestTest {
    private static final byte[] SYSTEM_KEY = key(1);
    private static final byte[] DATA_KEY = key(2);

    @TempDir
    Path dir;
    Path systemFile;
    RecordingHost host = new RecordingHost();

    @BeforeEach
    void install() throws IOException {
        systemFile = encryptedVolume(dir, "d-system", 40 * GuestTestSupport.GIB, SYSTEM_KEY);
        try (BlockDevice dev = open(systemFile, SYSTEM_KEY)) {
            GuestImages.install(dev, OsImage.ALIYUN_3, HOST, PASSWORD);
        }
    }

    @Test
    void bootsFromAnEncryptedSystemDiskToTheLoginPrompt() throws IOException {
        try (BlockDevice dev = open(systemFile, SYSTEM_KEY)) {
            long start = System.nanoTime();
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(dev));
            long millis = (System.nanoTime() - start) / 1_000_000;
            String out = m.consoleOutput();
            assertTrue(out.contains("Welcome to Alibaba Cloud Linux 3 (Soaring Falcon)!"), out);
            assertTrue(out.contains("Linux version 5.10.134-16.3.al8.x86_64"), out);
            assertTrue(out.contains("Kernel 5.10.134-16.3.al8.x86_64 on an x86_64"), out);
            assertTrue(out.endsWith(HOST + " login: "), out);
            assertEquals("login", m.state());
            assertTrue(m.booted());
            assertTrue(anyNonBlack(m.framebuffer()));
            assertTrue(m.framebuffer().version() > 0);
            assertTrue(millis < 2000, "boot took " + millis + " ms");
        }
    }

    @Test
    void loginChecksTheSaltedHashReadFromTheDisk() throws IOException {
        try (BlockDevice dev = open(systemFile, SYSTEM_KEY)) {
            byte[] shadow = readFromDisk(dev, "/etc/shadow");
            String text = new String(shadow, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("root:$pbkdf2-sha256$"), text);
            assertFalse(text.contains(PASSWORD));

            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(dev));
            login(m, "wrong-password");
            assertTrue(m.consoleOutput().contains("Login incorrect"));
            assertFalse(m.consoleOutput().contains("wrong-password"), "the password is not echoed");
            assertEquals("login", m.state());
            login(m, PASSWORD);
            assertEquals("shell", m.state());
            String shortHost = HOST;
            assertTrue(m.consoleOutput().endsWith("[root@" + shortHost + " ~]# "), m.consoleOutput());
            assertTrue(m.consoleOutput().contains("Welcome to Alibaba Cloud Elastic Compute Service !"));
            assertFalse(m.consoleOutput().contains(PASSWORD));
            assertTrue(run(m, "whoami").contains("root"));
            assertTrue(run(m, "hostname").contains(HOST));
            assertTrue(run(m, "uname -a").contains("Linux " + HOST + " 5.10.134-16.3.al8.x86_64 #1 SMP"));
            assertTrue(run(m, "cat /etc/os-release").contains("PRETTY_NAME=\"Alibaba Cloud Linux 3 (Soaring Falcon)\""));
            assertTrue(run(m, "frobnicate").contains("-bash: frobnicate: command not found"));
            run(m, "exit");
            assertEquals("login", m.state());
        }
    }

    @Test
    void backspaceEditsTheLine() throws IOException {
        try (BlockDevice dev = open(systemFile, SYSTEM_KEY)) {
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(dev));
            login(m, PASSWORD);
            m.type("whoamx");
            m.pressBackspace();
            m.type("i");
            int before = m.consoleOutput().length();
            m.pressEnter();
            assertTrue(m.consoleOutput().substring(before).contains("root"));
            assertTrue(m.screenText().contains("]# whoami"), m.screenText());
        }
    }

    @Test
    void upAndDownRecallEarlierCommandLinesAsBashDoes() throws IOException {
        try (BlockDevice dev = open(systemFile, SYSTEM_KEY)) {
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(dev));
            login(m, PASSWORD);
            run(m, "echo first");
            run(m, "hostname");
            m.type("who");
            m.pressUp();
            assertTrue(m.screenText().stripTrailing().endsWith("]# hostname"), m.screenText());
            m.pressUp();
            assertTrue(m.screenText().stripTrailing().endsWith("]# echo first"), m.screenText());
            m.pressDown();
            m.pressDown();
            assertTrue(m.screenText().stripTrailing().endsWith("]# who"), "the typed text comes back");
            m.pressUp();
            m.pressUp();
            m.pressBackspace();
            m.type("ond");
            assertTrue(run(m, "").startsWith("firsond\n"), "the recalled line runs, with its edits");
            String history = run(m, "history");
            assertTrue(history.contains("    1  echo first\n    2  hostname\n    3  echo firsond\n    4  history"),
                    history);
        }
    }

    @Test
    void fdiskAnswersAndThePasswordAreNotInTheHistory() throws IOException {
        Path dataFile = encryptedVolume(dir, "d-data", 4 * GuestTestSupport.GIB, DATA_KEY);
        try (BlockDevice sysDev = open(systemFile, SYSTEM_KEY); BlockDevice dataDev = open(dataFile, DATA_KEY)) {
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(sysDev), data("vdb", dataDev));
            m.type("root");
            m.pressEnter();
            m.pressUp(); // at the password prompt: nothing to recall, nothing shown
            m.type(PASSWORD);
            m.pressEnter();
            run(m, "fdisk -u /dev/vdb");
            m.pressUp(); // fdisk reads its own answers: Up does not bring back the fdisk line
            assertTrue(m.screenText().stripTrailing().endsWith("Command (m for help):"), m.screenText());
            run(m, "q");
            m.pressUp();
            assertTrue(m.screenText().stripTrailing().endsWith("]# fdisk -u /dev/vdb"), m.screenText());
            assertFalse(m.consoleOutput().contains(PASSWORD));
        }
    }

    @Test
    void filesWrittenInTheShellSurviveAStopAndTheEncryptedVolumeReopened() throws IOException {
        String marker = "MARKER-7f3a9c-hello-from-the-guest";
        Path small = encryptedVolume(dir, "d-small", 512L << 20, key(3));
        try (BlockDevice dev = open(small, key(3))) {
            GuestImages.install(dev, OsImage.ALIYUN_3, HOST, PASSWORD);
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(dev));
            login(m, PASSWORD);
            run(m, "echo hello > /root/note.txt");
            run(m, "echo " + marker + " > /root/marker.txt");
            run(m, "echo world >> /root/note.txt");
            m.stop();
        }
        assertFalse(fileContains(small, marker.getBytes(StandardCharsets.US_ASCII)),
                "the marker is only ciphertext on the host");
        assertFalse(fileContains(small, "Alibaba Cloud Linux".getBytes(StandardCharsets.US_ASCII)));
        try (BlockDevice dev = open(small, key(3))) {
            assertEquals(marker + "\n", new String(readFromDisk(dev, "/root/marker.txt"), StandardCharsets.UTF_8),
                    "while the guest reads it back through the data key");
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(dev));
            login(m, PASSWORD);
            assertEquals("hello\nworld\n", stripPrompt(run(m, "cat /root/note.txt")));
            assertTrue(run(m, "cat note.txt").contains("hello"));
            assertTrue(run(m, "ls -l /root").contains("marker.txt"));
            assertTrue(run(m, "cat /root/nothing").contains("cat: /root/nothing: No such file or directory"));
        }
    }

    @Test
    void aPlainVolumeShowsTheSameBytesInTheClear() throws IOException {
        Path plain = dir.resolve("d-plain.img");
        Volumes.createPlain(plain, 256L << 20);
        try (BlockDevice dev = Volumes.open(plain, null)) {
            GuestImages.install(dev, OsImage.ALIYUN_3, HOST, PASSWORD);
        }
        assertTrue(fileContains(plain, "Alibaba Cloud Linux".getBytes(StandardCharsets.US_ASCII)),
                "control: without encryption the guest's files are visible on the host");
    }

    /** The FAQ: disable the key, reboot from the console, black screen; enable it, reboot, login prompt again. */
    @Test
    void theFaqProcedure() throws IOException {
        GuestMachine running;
        try (BlockDevice dev = open(systemFile, SYSTEM_KEY)) {
            running = boot(OsImage.ALIYUN_3, host, system(dev));
            login(running, PASSWORD);
            // the key is disabled now: the running instance keeps its plaintext data key and goes on working
            assertTrue(run(running, "echo still-working > /root/w.txt && cat /root/w.txt").contains("still-working"));
            run(running, "sudo reboot");
            assertEquals(1, host.reboots);
            running.stop();
        }
        // the host cannot decrypt the data key any more: the disk is attached without a device
        GuestMachine black = boot(OsImage.ALIYUN_3, host, system(null));
        assertEquals("hung", black.state());
        assertAllBlack(black.framebuffer());
        black.type("root");
        black.pressEnter();
        assertAllBlack(black.framebuffer());
        black.stop();
        // the key is enabled again and the instance restarted
        try (BlockDevice dev = open(systemFile, SYSTEM_KEY)) {
            GuestMachine back = boot(OsImage.ALIYUN_3, host, system(dev));
            assertTrue(back.consoleOutput().endsWith(HOST + " login: "));
            login(back, PASSWORD);
            assertTrue(run(back, "cat /root/w.txt").contains("still-working"));
        }
    }

    @Test
    void anUndecryptableSystemDiskHangsTheBootOnABlackScreen() {
        GuestMachine m = boot(OsImage.ALIYUN_3, host, system(null));
        assertEquals("hung", m.state());
        assertFalse(m.booted());
        assertAllBlack(m.framebuffer());
        assertEquals(0, m.framebuffer().version());
        assertFalse(m.consoleOutput().contains("login:"));
        assertEquals("", m.consoleOutput());
        m.type("root");
        m.pressEnter();
        assertAllBlack(m.framebuffer());
        assertEquals("", m.consoleOutput());
        assertEquals(-1, m.runShellScript("echo hi").exitCode());
    }

    @Test
    void aSystemDiskWhoseReadsFailAlsoHangs() throws IOException {
        BlockDevice dev = open(systemFile, SYSTEM_KEY);
        dev.close(); // every read now fails
        GuestMachine m = boot(OsImage.ALIYUN_3, host, system(dev));
        assertEquals("hung", m.state());
        assertAllBlack(m.framebuffer());
    }

    @Test
    void aBlankSystemDiskHasNoBootableDevice() throws IOException {
        Path blank = encryptedVolume(dir, "d-blank", 1 << 26, key(9));
        try (BlockDevice dev = open(blank, key(9))) {
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(dev));
            assertEquals("no-boot", m.state());
            assertTrue(m.consoleOutput().contains("No bootable device."));
        }
    }

    @Test
    void dataDiskIsPartitionedFormattedMountedAndComesBackAfterReboot() throws IOException {
        Path dataFile = encryptedVolume(dir, "d-data", 20 * GuestTestSupport.GIB, DATA_KEY);
        try (BlockDevice sysDev = open(systemFile, SYSTEM_KEY); BlockDevice dataDev = open(dataFile, DATA_KEY)) {
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(sysDev), data("vdb", dataDev));
            login(m, PASSWORD);
            String lsblk = run(m, "lsblk");
            assertTrue(lsblk.contains("vdb    253:16   0   20G  0 disk"), lsblk);
            assertTrue(lsblk.contains("`-vda1 253:1    0   40G  0 part /"), lsblk);
            assertEquals("", stripPrompt(run(m, "sudo parted -s /dev/vdb mklabel gpt")));
            assertEquals("", stripPrompt(run(m, "sudo parted -s /dev/vdb mkpart primary ext4 0% 100%")));
            assertTrue(run(m, "fdisk -l /dev/vdb").contains("Disklabel type: gpt"));
            assertTrue(run(m, "lsblk").contains("`-vdb1 253:17"));
            assertTrue(run(m, "mkfs.ext4 /dev/vdb1").contains("Writing superblocks and filesystem accounting"));
            assertEquals("", stripPrompt(run(m, "mkdir -p /data && mount /dev/vdb1 /data")));
            assertTrue(run(m, "df -h").contains("/dev/vdb1"));
            assertTrue(run(m, "lsblk").contains("/data"));
            run(m, "echo data-on-vdb > /data/hello.txt");
            run(m, "echo '/dev/vdb1 /data ext4 defaults 0 0' >> /etc/fstab");
            assertTrue(run(m, "cat /etc/fstab").contains("/dev/vdb1 /data ext4 defaults 0 0"));
            assertTrue(run(m, "mkfs.ext4 /dev/vdb1").contains("is mounted; will not make a filesystem here!"));
            run(m, "sudo reboot");
            assertEquals(1, host.reboots);
            assertEquals("rebooting", m.state());
            m.stop();
        }
        try (BlockDevice sysDev = open(systemFile, SYSTEM_KEY); BlockDevice dataDev = open(dataFile, DATA_KEY)) {
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(sysDev), data("vdb", dataDev));
            assertTrue(m.consoleOutput().contains("Mounted /data."), m.consoleOutput());
            login(m, PASSWORD);
            assertEquals("data-on-vdb\n", stripPrompt(run(m, "cat /data/hello.txt")));
            assertTrue(run(m, "mount").contains("/dev/vdb1 on /data type ext4"));
            run(m, "umount /data");
            assertTrue(run(m, "ls /data").isBlank() || !run(m, "ls /data").contains("hello.txt"));
            assertEquals("", stripPrompt(run(m, "mount -a")));
            assertTrue(run(m, "ls /data").contains("hello.txt"));
        }
    }

    @Test
    void interactiveFdiskCreatesAPartition() throws IOException {
        Path dataFile = encryptedVolume(dir, "d-data", 4 * GuestTestSupport.GIB, DATA_KEY);
        try (BlockDevice sysDev = open(systemFile, SYSTEM_KEY); BlockDevice dataDev = open(dataFile, DATA_KEY)) {
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(sysDev), data("vdb", dataDev));
            login(m, PASSWORD);
            assertTrue(run(m, "fdisk -u /dev/vdb").contains("Command (m for help): "));
            assertTrue(run(m, "n").contains("Select (default p): "));
            assertTrue(run(m, "p").contains("Partition number (1-4, default 1): "));
            assertTrue(run(m, "1").contains("First sector (256-"));
            assertTrue(run(m, "").contains("Last sector, +sectors or +size{K,M,G,T,P}"));
            assertTrue(run(m, "").contains("Created a new partition 1 of type 'Linux' and of size 4 GiB."));
            assertTrue(run(m, "w").contains("The partition table has been altered."));
            assertTrue(m.consoleOutput().endsWith("]# "));
            String fdisk = run(m, "fdisk -l /dev/vdb");
            assertTrue(fdisk.contains("/dev/vdb1"), fdisk);
            assertTrue(fdisk.contains("83 Linux"), fdisk);
            assertTrue(run(m, "mkfs.ext4 /dev/vdb1").contains("Filesystem UUID"));
            String blkid = run(m, "blkid /dev/vdb1");
            assertTrue(blkid.contains("TYPE=\"ext4\""), blkid);
        }
    }

    @Test
    void anUndecryptableDataDiskGivesIoErrorsButTheBootGoesOn() throws IOException {
        Path dataFile = encryptedVolume(dir, "d-data", 4 * GuestTestSupport.GIB, DATA_KEY);
        try (BlockDevice sysDev = open(systemFile, SYSTEM_KEY); BlockDevice dataDev = open(dataFile, DATA_KEY)) {
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(sysDev), data("vdb", dataDev));
            login(m, PASSWORD);
            run(m, "parted -s /dev/vdb mklabel gpt mkpart primary ext4 0% 100%");
            run(m, "mkfs.ext4 /dev/vdb1");
            run(m, "mkdir /data");
            run(m, "echo '/dev/vdb1 /data ext4 defaults 0 0' >> /etc/fstab");
            m.stop();
        }
        try (BlockDevice sysDev = open(systemFile, SYSTEM_KEY)) {
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(sysDev), data("vdb", null));
            String out = m.consoleOutput();
            assertTrue(out.contains("blk_update_request: I/O error, dev vdb, sector 0"), out);
            assertTrue(out.contains("Failed to mount /data."), out);
            assertTrue(out.endsWith(HOST + " login: "), out);
            login(m, PASSWORD);
            assertTrue(run(m, "fdisk -l /dev/vdb").contains("fdisk: cannot open /dev/vdb: Input/output error"));
            assertTrue(run(m, "mount /dev/vdb1 /data").contains("can't read superblock"));
            assertTrue(run(m, "cat /dev/vdb1").contains("No such file or directory"));
            assertTrue(run(m, "lsblk").contains("vdb    253:16   0    0B  0 disk"));
        }
    }

    @Test
    void readingAFileOfAMountedDiskThatStartsFailingIsAnIoError() throws IOException {
        Path dataFile = encryptedVolume(dir, "d-data", 1 << 28, DATA_KEY);
        try (BlockDevice sysDev = open(systemFile, SYSTEM_KEY)) {
            BlockDevice dataDev = open(dataFile, DATA_KEY);
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(sysDev), data("vdb", dataDev));
            login(m, PASSWORD);
            run(m, "mkfs.ext4 /dev/vdb");
            run(m, "mkdir -p /mnt/disk && mount /dev/vdb /mnt/disk && echo x > /mnt/disk/f");
            dataDev.close();
            assertTrue(run(m, "cat /mnt/disk/f").contains("cat: /mnt/disk/f: Input/output error"));
        }
    }

    @Test
    void rebootAndPowerOffGoToTheHost() throws IOException {
        try (BlockDevice dev = open(systemFile, SYSTEM_KEY)) {
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(dev));
            login(m, PASSWORD);
            run(m, "sudo reboot");
            assertEquals(1, host.reboots);
            assertTrue(m.consoleOutput().contains("reboot: Restarting system"));
            m.type("ls");
            m.pressEnter();
            assertEquals(1, host.reboots);
        }
        try (BlockDevice dev = open(systemFile, SYSTEM_KEY)) {
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(dev));
            login(m, PASSWORD);
            run(m, "shutdown -h now");
            assertEquals(1, host.powerOffs);
        }
        try (BlockDevice dev = open(systemFile, SYSTEM_KEY)) {
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(dev));
            m.ctrlAltDel();
            assertEquals(2, host.reboots);
        }
    }

    @Test
    void theHostMayStopTheMachineFromInsideTheRebootCallback() throws IOException {
        try (BlockDevice dev = open(systemFile, SYSTEM_KEY)) {
            GuestMachine[] holder = new GuestMachine[1];
            GuestHost stopping = new GuestHost() {
                @Override
                public void requestReboot() {
                    Thread t = new Thread(holder[0]::stop);
                    t.start();
                    try {
                        t.join(5000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }

                @Override
                public void requestPowerOff() {
                }
            };
            holder[0] = new GuestMachine("i-x", HOST, OsImage.ALIYUN_3, java.util.List.of(system(dev)), stopping,
                    GuestTestSupport.CLOCK);
            holder[0].boot();
            login(holder[0], PASSWORD);
            run(holder[0], "reboot");
            assertEquals("stopped", holder[0].state());
        }
    }

    @Test
    void cloudAssistantRunsScriptsAsRoot() throws IOException {
        try (BlockDevice dev = open(systemFile, SYSTEM_KEY)) {
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(dev));
            ShellResult r = m.runShellScript("#!/bin/bash\nwhoami\necho ok > /tmp/ca.txt\ncat /tmp/ca.txt\n");
            assertEquals(0, r.exitCode());
            assertEquals("root\nok\n", r.output());
            ShellResult failed = m.runShellScript("ls /does-not-exist");
            assertEquals(2, failed.exitCode());
            assertTrue(failed.output().contains("No such file or directory"));
            assertEquals(127, m.runShellScript("nope").exitCode());
            assertEquals("login", m.state(), "the console is untouched");
            assertFalse(m.consoleOutput().contains("ca.txt"));
            ShellResult fdisk = m.runShellScript("fdisk -l");
            assertTrue(fdisk.output().contains("Disk /dev/vda: 40 GiB"), fdisk.output());
        }
    }

    @Test
    void framebufferEncodesToPng() throws IOException {
        try (BlockDevice dev = open(systemFile, SYSTEM_KEY)) {
            GuestMachine m = boot(OsImage.ALIYUN_3, host, system(dev));
            int[] calls = {0};
            m.framebuffer().addListener(() -> calls[0]++);
            long v = m.framebuffer().version();
            m.type("r");
            assertTrue(m.framebuffer().version() > v);
            assertTrue(calls[0] > 0);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(m.framebuffer().toPng()));
            assertEquals(m.framebuffer().width(), img.getWidth());
            assertEquals(m.framebuffer().height(), img.getHeight());
            assertTrue(img.getWidth() >= 640 && img.getHeight() >= 480);
        }
    }

    @Test
    void ubuntuBootsWithItsOwnLook() throws IOException {
        Path ubuntu = encryptedVolume(dir, "d-ubuntu", 20 * GuestTestSupport.GIB, key(5));
        try (BlockDevice dev = open(ubuntu, key(5))) {
            GuestImages.install(dev, OsImage.UBUNTU_22_04, "ubuntu-host", "Pw-123456");
            GuestMachine m = new GuestMachine("i-u", "ubuntu-host", OsImage.UBUNTU_22_04,
                    java.util.List.of(system(dev)), host, GuestTestSupport.CLOCK);
            m.boot();
            assertTrue(m.consoleOutput().contains("Welcome to Ubuntu 22.04.4 LTS!"));
            assertTrue(m.consoleOutput().contains("Ubuntu 22.04.4 LTS ubuntu-host tty1"), m.consoleOutput());
            login(m, "Pw-123456");
            assertTrue(m.consoleOutput().endsWith("root@ubuntu-host:~# "), m.consoleOutput());
        }
    }

    @Test
    void theInstanceHostNameIsAppliedAtBoot() throws IOException {
        try (BlockDevice dev = open(systemFile, SYSTEM_KEY)) {
            GuestMachine m = new GuestMachine("i-x", "renamed-host", OsImage.ALIYUN_3,
                    java.util.List.of(system(dev)), host, GuestTestSupport.CLOCK);
            m.boot();
            assertTrue(m.consoleOutput().endsWith("renamed-host login: "));
            assertEquals("renamed-host\n", new String(readFromDisk(dev, "/etc/hostname"), StandardCharsets.UTF_8));
        }
    }

    // ---- helpers ----

    static byte[] readFromDisk(BlockDevice dev, String path) throws IOException {
        PartitionTable.Partition p = PartitionTable.read(dev).orElseThrow().partition(1).orElseThrow();
        try {
            return SimpleFs.mount(new PartitionDevice(dev, p.firstSector(), p.sectorCount()), GuestTestSupport.CLOCK)
                    .readFile(GuestImages.path(path));
        } catch (FsException e) {
            throw new AssertionError(e.getMessage());
        }
    }

    private static String stripPrompt(String out) {
        int i = out.lastIndexOf("[root@");
        return i >= 0 ? out.substring(0, i) : out;
    }

    private static void assertAllBlack(Framebuffer fb) {
        for (int p : fb.pixelsCopy()) {
            if (p != Framebuffer.BLACK) {
                throw new AssertionError("non-black pixel " + Integer.toHexString(p));
            }
        }
    }

    /** Streams the host file looking for the bytes (chunks overlap so a match across a boundary is found). */
    static boolean fileContains(Path file, byte[] needle) throws IOException {
        try (java.io.InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 20)) {
            byte[] buf = new byte[(1 << 20) + needle.length];
            int carry = 0;
            int n;
            while ((n = in.readNBytes(buf, carry, buf.length - carry)) > 0) {
                int len = carry + n;
                for (int i = 0; i + needle.length <= len; i++) {
                    if (buf[i] == needle[0] && java.util.Arrays.equals(buf, i, i + needle.length, needle, 0,
                            needle.length)) {
                        return true;
                    }
                }
                carry = Math.min(needle.length - 1, len);
                System.arraycopy(buf, len - carry, buf, 0, carry);
            }
        }
        return false;
    }
}
