package dev.ecskms.sim.guest;

import dev.ecskms.sim.storage.BlockDevice;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Throwaway: writes framebuffer PNGs to /tmp/guest-*.png so that a person can look at them. Not a test.
 * Run with: java -cp target-guest/classes:target-guest/test-classes dev.ecskms.sim.guest.ScreenshotsMain
 */
public final class ScreenshotsMain {
    private ScreenshotsMain() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("guest-shots");
        GuestTestSupport.RecordingHost host = new GuestTestSupport.RecordingHost();
        byte[] k = GuestTestSupport.key(1);
        byte[] dk = GuestTestSupport.key(2);
        Path sys = GuestTestSupport.encryptedVolume(dir, "sys", 40 * GuestTestSupport.GIB, k);
        Path data = GuestTestSupport.encryptedVolume(dir, "data", 20 * GuestTestSupport.GIB, dk);
        try (BlockDevice s = GuestTestSupport.open(sys, k); BlockDevice d = GuestTestSupport.open(data, dk)) {
            GuestImages.install(s, OsImage.ALIYUN_3, GuestTestSupport.HOST, GuestTestSupport.PASSWORD);
            GuestMachine m = GuestTestSupport.boot(OsImage.ALIYUN_3, host, GuestTestSupport.system(s),
                    GuestTestSupport.data("vdb", d));
            Files.write(Path.of("/tmp/guest-linux-boot.png"), m.framebuffer().toPng());
            GuestTestSupport.login(m, GuestTestSupport.PASSWORD);
            GuestTestSupport.run(m, "lsblk");
            GuestTestSupport.run(m, "parted -s /dev/vdb mklabel gpt mkpart primary ext4 0% 100%");
            GuestTestSupport.run(m, "mkfs.ext4 /dev/vdb1");
            GuestTestSupport.run(m, "mkdir /data && mount /dev/vdb1 /data");
            GuestTestSupport.run(m, "df -h");
            m.type("ls -l /");
            Files.write(Path.of("/tmp/guest-linux-shell.png"), m.framebuffer().toPng());
            System.out.println(m.screenText());
        }
        GuestMachine hung = new GuestMachine("i-h", "h", OsImage.ALIYUN_3,
                List.of(GuestTestSupport.system(null)), host, GuestTestSupport.CLOCK);
        hung.boot();
        Files.write(Path.of("/tmp/guest-hung.png"), hung.framebuffer().toPng());

        Path win = GuestTestSupport.encryptedVolume(dir, "win", 40 * GuestTestSupport.GIB, k);
        Path wdata = GuestTestSupport.encryptedVolume(dir, "wdata", 100 * GuestTestSupport.GIB, dk);
        try (BlockDevice s = GuestTestSupport.open(win, k); BlockDevice d = GuestTestSupport.open(wdata, dk)) {
            GuestImages.install(s, OsImage.WINDOWS_2022, "iZwin01Z", GuestTestSupport.PASSWORD);
            GuestImages.formatWindowsDataDisk(d, "Data");
            GuestMachine m = GuestTestSupport.boot(OsImage.WINDOWS_2022, host, GuestTestSupport.system(s),
                    GuestTestSupport.data("vdb", d));
            Files.write(Path.of("/tmp/guest-win-lock.png"), m.framebuffer().toPng());
            m.ctrlAltDel();
            m.type("abc");
            Files.write(Path.of("/tmp/guest-win-signin.png"), m.framebuffer().toPng());
            m.pressBackspace();
            m.pressBackspace();
            m.pressBackspace();
            m.type(GuestTestSupport.PASSWORD);
            m.pressEnter();
            Files.write(Path.of("/tmp/guest-win-desktop.png"), m.framebuffer().toPng());
            m.ctrlAltDel();
            Files.write(Path.of("/tmp/guest-win-security.png"), m.framebuffer().toPng());
        }
        System.out.println("written /tmp/guest-*.png");
    }
}
