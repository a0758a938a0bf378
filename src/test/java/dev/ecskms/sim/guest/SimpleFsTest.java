package dev.ecskms.sim.guest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.storage.BlockDevice;
import dev.ecskms.sim.storage.Volumes;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimpleFsTest {
    @TempDir
    Path dir;

    @Test
    void treeAndContentsSurviveRemountAndSpaceIsReused() throws Exception {
        Path file = dir.resolve("v.img");
        Volumes.createPlain(file, 64L << 20);
        UUID uuid = UUID.randomUUID();
        byte[] big = new byte[3 * 4096 + 17];
        new Random(1).nextBytes(big);
        try (BlockDevice dev = Volumes.open(file, null)) {
            SimpleFs fs = SimpleFs.format(dev, "ext4", "lbl", uuid, GuestTestSupport.CLOCK);
            fs.mkdirs(List.of("a", "b"), 0755);
            fs.writeFile(List.of("a", "b", "big.bin"), big, false, 0644);
            fs.writeFile(List.of("a", "t.txt"), "one".getBytes(), false, 0644);
            fs.writeFile(List.of("a", "t.txt"), "two".getBytes(), true, 0644);
            fs.sync();
            long used = fs.usedBytes();
            for (int i = 0; i < 50; i++) {
                fs.writeFile(List.of("a", "t.txt"), ("v" + i).getBytes(), false, 0644);
                fs.sync();
            }
            assertEquals(used, fs.usedBytes(), "rewrites free what they replace");
        }
        try (BlockDevice dev = Volumes.open(file, null)) {
            SimpleFs fs = SimpleFs.mount(dev, GuestTestSupport.CLOCK);
            assertEquals("ext4", fs.fsType());
            assertEquals("lbl", fs.label());
            assertEquals(uuid, fs.uuid());
            assertArrayEquals(big, fs.readFile(List.of("a", "b", "big.bin")));
            assertEquals("v49", new String(fs.readFile(List.of("a", "t.txt"))));
            fs.remove(List.of("a"), true);
            assertNull(fs.find(List.of("a")));
            FsException e = assertThrows(FsException.class, () -> fs.readFile(List.of("a", "t.txt")));
            assertEquals(FsException.NO_ENT, e.getMessage());
        }
    }

    @Test
    void aDeviceWithoutOurSuperblockIsNotAFileSystem() throws IOException {
        Path file = dir.resolve("blank.img");
        Volumes.createPlain(file, 8L << 20);
        try (BlockDevice dev = Volumes.open(file, null)) {
            assertNull(SimpleFs.probe(dev));
            FsException e = assertThrows(FsException.class, () -> SimpleFs.mount(dev, GuestTestSupport.CLOCK));
            assertTrue(e.getMessage().contains("bad superblock"));
        }
    }

    @Test
    void commandLineParsing() throws Exception {
        List<CommandLine.Pipeline> p = CommandLine.parse("echo 'a b' \"c\\\"d\" >> /etc/fstab && ls -l | grep x; true");
        assertEquals(3, p.size());
        CommandLine.Simple echo = p.get(0).commands().get(0);
        assertEquals(List.of("echo", "a b", "c\"d"), echo.words());
        assertEquals("/etc/fstab", echo.stdoutFile());
        assertTrue(echo.appendStdout());
        assertEquals("&&", p.get(1).joinedBy());
        assertEquals(2, p.get(1).commands().size());
        assertEquals(List.of("true"), p.get(2).commands().get(0).words());
        assertThrows(CommandLine.SyntaxError.class, () -> CommandLine.parse("echo >"));
        assertTrue(CommandLine.parse("# comment").isEmpty());
    }

    @Test
    void passwordHashesAreSalted() {
        String a = PasswordHash.hash("secret");
        String b = PasswordHash.hash("secret");
        assertTrue(!a.equals(b));
        assertTrue(PasswordHash.verify("secret", a));
        assertTrue(!PasswordHash.verify("Secret", a));
    }
}
