package dev.ecskms.sim.guest;

import static dev.ecskms.sim.guest.GuestTestSupport.GIB;
import static dev.ecskms.sim.guest.GuestTestSupport.PASSWORD;
import static dev.ecskms.sim.guest.GuestTestSupport.anyNonBlack;
import static dev.ecskms.sim.guest.GuestTestSupport.boot;
import static dev.ecskms.sim.guest.GuestTestSupport.data;
import static dev.ecskms.sim.guest.GuestTestSupport.encryptedVolume;
import static dev.ecskms.sim.guest.GuestTestSupport.key;
import static dev.ecskms.sim.guest.GuestTestSupport.open;
import static dev.ecskms.sim.guest.GuestTestSupport.system;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.guest.GuestTestSupport.RecordingHost;
import dev.ecskms.sim.storage.BlockDevice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowsDesktopTest {
    private static final byte[] SYSTEM_KEY = key(11);
    private static final byte[] DATA_KEY = key(12);

    @TempDir
    Path dir;
    Path systemFile;
    Path dataFile;
    Path rawFile;
    RecordingHost host = new RecordingHost();

    @BeforeEach
    void install() throws IOException {
        systemFile = encryptedVolume(dir, "d-win", 40 * GIB, SYSTEM_KEY);
        dataFile = encryptedVolume(dir, "d-windata", 100 * GIB, DATA_KEY);
        rawFile = encryptedVolume(dir, "d-raw", 10 * GIB, key(13));
        try (BlockDevice sys = open(systemFile, SYSTEM_KEY); BlockDevice data = open(dataFile, DATA_KEY)) {
            GuestImages.install(sys, OsImage.WINDOWS_2022, "iZwin01Z", PASSWORD);
            GuestImages.formatWindowsDataDisk(data, "Data");
        }
    }

    @Test
    void bootsToTheLockScreenAndSignsInToADesktopListingItsDisks() throws IOException {
        try (BlockDevice sys = open(systemFile, SYSTEM_KEY); BlockDevice data = open(dataFile, DATA_KEY);
             BlockDevice raw = open(rawFile, key(13))) {
            GuestMachine m = boot(OsImage.WINDOWS_2022, host, system(sys), data("vdb", data), data("vdc", raw));
            WindowsDesktop w = m.windowsDesktop();
            assertEquals("locked", m.state());
            assertTrue(m.booted());
            assertTrue(anyNonBlack(m.framebuffer()));
            assertTrue(m.screenText().contains("Press Ctrl+Alt+Del to unlock."));
            assertTrue(m.consoleOutput().contains("Windows Server 2022 Datacenter 10.0.20348.2582"), m.consoleOutput());
            assertTrue(w.visibleDisks().isEmpty(), "nothing is visible before signing in");

            m.type("letters are ignored on the lock screen");
            assertEquals("locked", m.state());
            m.ctrlAltDel();
            assertEquals("signin", m.state());
            m.type("wrong");
            m.pressEnter();
            assertEquals("signin", m.state());
            assertTrue(m.screenText().contains("The password is incorrect. Try again."));
            m.type(PASSWORD);
            m.pressEnter();
            assertEquals("desktop", m.state());
            assertTrue(anyNonBlack(m.framebuffer()));

            List<VisibleDisk> disks = w.visibleDisks();
            assertEquals(2, disks.size(), disks.toString());
            assertEquals("Local Disk (C:)", disks.get(0).displayName());
            assertEquals("Data (D:)", disks.get(1).displayName());
            assertEquals(100 * GIB - (1 << 20), disks.get(1).totalBytes());
            assertTrue(m.screenText().contains("Data (D:)"));
            assertEquals(GuestTestSupport.HOST, w.computerName(), "the instance name from the metadata wins");
        }
    }

    @Test
    void ctrlAltDelOnTheDesktopShowsTheSecurityScreenAndRestartAsksTheHost() throws IOException {
        try (BlockDevice sys = open(systemFile, SYSTEM_KEY)) {
            GuestMachine m = boot(OsImage.WINDOWS_2022, host, system(sys));
            m.ctrlAltDel();
            m.type(PASSWORD);
            m.pressEnter();
            m.ctrlAltDel();
            assertEquals("security", m.state());
            assertEquals(0, host.reboots, "Ctrl+Alt+Del does not reboot Windows");
            m.type("c");
            assertEquals("desktop", m.state());
            m.ctrlAltDel();
            m.type("r");
            assertEquals(1, host.reboots);
        }
    }

    @Test
    void anUndecryptableSystemDiskStaysBlack() {
        GuestMachine m = boot(OsImage.WINDOWS_2022, host, system(null));
        assertEquals("hung", m.state());
        assertFalse(anyNonBlack(m.framebuffer()));
        m.ctrlAltDel();
        assertFalse(anyNonBlack(m.framebuffer()));
        assertNull(m.windowsDesktop().visibleDisks().isEmpty() ? null : "disks");
    }

    @Test
    void anUndecryptableDataDiskIsMissingFromThisPc() throws IOException {
        try (BlockDevice sys = open(systemFile, SYSTEM_KEY)) {
            GuestMachine m = boot(OsImage.WINDOWS_2022, host, system(sys), data("vdb", null));
            m.ctrlAltDel();
            m.type(PASSWORD + "\n");
            assertEquals("desktop", m.state());
            assertEquals(1, m.windowsDesktop().visibleDisks().size());
        }
    }

    @Test
    void cloudAssistantOnWindows() throws IOException {
        try (BlockDevice sys = open(systemFile, SYSTEM_KEY)) {
            GuestMachine m = boot(OsImage.WINDOWS_2022, host, system(sys));
            ShellResult r = m.runShellScript("hostname");
            assertEquals(0, r.exitCode());
            assertEquals(GuestTestSupport.HOST + "\r\n", r.output());
        }
    }
}
