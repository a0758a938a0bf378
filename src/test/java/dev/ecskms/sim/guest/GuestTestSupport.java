package dev.ecskms.sim.guest;

import dev.ecskms.sim.storage.BlockDevice;
import dev.ecskms.sim.storage.VolumeKeyInfo;
import dev.ecskms.sim.storage.Volumes;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;

/** Encrypted volumes in a temp dir, a recording host, and console helpers. */
final class GuestTestSupport {
    static final long GIB = 1L << 30;
    static final Clock CLOCK = Clock.fixed(Instant.parse("2024-08-20T02:11:12Z"), ZoneOffset.UTC);
    static final String HOST = "iZbp1f2g3h4j5k6l7m8n9oZ";
    static final String PASSWORD = "Ecs@2024pass";

    private GuestTestSupport() {
    }

    static byte[] key(long seed) {
        byte[] k = new byte[64];
        new Random(seed).nextBytes(k);
        return k;
    }

    static Path encryptedVolume(Path dir, String name, long size, byte[] key) throws IOException {
        Path file = dir.resolve(name + ".img");
        Volumes.createEncrypted(file, size, new VolumeKeyInfo("blob", "key-" + name, "ver-1"), key);
        return file;
    }

    static BlockDevice open(Path file, byte[] key) throws IOException {
        return Volumes.open(file, key);
    }

    static final class RecordingHost implements GuestHost {
        int reboots;
        int powerOffs;

        @Override
        public void requestReboot() {
            reboots++;
        }

        @Override
        public void requestPowerOff() {
            powerOffs++;
        }
    }

    static AttachedDevice system(BlockDevice dev) {
        return new AttachedDevice("/dev/vda", "d-system", dev, dev == null ? "Rejected.Disabled: Key is disabled"
                : null, true);
    }

    static AttachedDevice data(String name, BlockDevice dev) {
        return new AttachedDevice("/dev/" + name, "d-" + name, dev, dev == null
                ? "Rejected.Disabled: Key key-1 is disabled" : null, false);
    }

    static GuestMachine boot(OsImage image, RecordingHost host, AttachedDevice... devices) {
        GuestMachine m = new GuestMachine("i-test", HOST, image, List.of(devices), host, CLOCK);
        m.boot();
        return m;
    }

    static void login(GuestMachine m, String password) {
        m.type("root");
        m.pressEnter();
        m.type(password);
        m.pressEnter();
    }

    /** Types a command line and returns what the console printed for it (without the echo). */
    static String run(GuestMachine m, String line) {
        m.type(line);
        int before = m.consoleOutput().length();
        m.pressEnter();
        String out = m.consoleOutput().substring(before);
        return out.startsWith("\n") ? out.substring(1) : out;
    }

    static boolean anyNonBlack(Framebuffer fb) {
        for (int p : fb.pixelsCopy()) {
            if (p != Framebuffer.BLACK) {
                return true;
            }
        }
        return false;
    }
}
