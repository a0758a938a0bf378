package dev.ecskms.ui.conversion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.DescribeSnapshotsRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.Invocation;
import dev.ecskms.ui.InstanceTestSupport;
import dev.ecskms.testing.HostFiles;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * "Encrypt this disk" by clicks: from the plain data disk's More menu, the plan, Start, the snapshot's progress as
 * simulated time passes, and the ending; the guest then reads its file from the new disk, whose host bytes are
 * ciphertext.
 */
@ExtendWith(ApplicationExtension.class)
class EncryptDiskFlowTest extends InstanceTestSupport {
    private static final String MARKER = "MARKER-ui-flow-5f21";

    private String instanceId;
    private String diskId;

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @BeforeEach
    void instanceWithFileOnPlainDataDisk() {
        sim.ram().authorizeEcsDiskEncryption(ctx());
        cmk(ctx(), "alias/flow");
        instanceId = runningInstance("app");
        diskId = sim.ecs().createDisk(ctx(), new CreateDiskRequest(ZONE, "cloud_essd", 20, null, "PL0", false, null,
                null, "app-data", null, null));
        sim.clock().fastForward(Duration.ofMinutes(1));
        sim.instances().attachDisk(ctx(), instanceId, diskId, true);
        String blkid = shell("parted -s /dev/vdb mklabel gpt mkpart primary ext4 0% 100%", "mkfs.ext4 /dev/vdb1",
                "mkdir -p /data", "mount /dev/vdb1 /data", "echo " + MARKER + " > /data/f.txt", "umount /data",
                "blkid /dev/vdb1");
        Matcher uuid = Pattern.compile("UUID=\"([0-9a-f-]+)\"").matcher(blkid);
        assertTrue(uuid.find(), blkid);
        shell("echo 'UUID=" + uuid.group(1) + " /data ext4 defaults 0 0' >> /etc/fstab");
        navigateTo("navDisks");
        clickOn("#diskRefreshButton");
        waitUntil("the plain disk is listed In Use", () -> "In Use".equals(diskStatus(diskId)));
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    private String shell(String... lines) {
        String invoke = sim.instances().runCommand(ctx(), List.of(instanceId), String.join("\n", lines), "t");
        Invocation result = sim.instances().describeInvocationResults(ctx(), invoke).get(0);
        assertEquals("Success", result.status(), result.output());
        return result.output();
    }

    /** The snapshot step's percentage as the dialog shows it; -1 while it shows none. */
    private int percentShown() {
        String text = textsOf("stepPercent-CREATE_SNAPSHOT");
        return text.matches("\\d+%") ? Integer.parseInt(text.substring(0, text.length() - 1)) : -1;
    }

    private void openEncryptFromMoreMenu(String disk) {
        clickOn(nodeWithId("more-" + disk));
        clickOn((Node node) -> node instanceof Labeled l && "Encrypt this disk".equals(l.getText()));
        waitForDialogOpen();
    }

    /** Every label's text (or list line) under the node, joined by new lines, as the screen shows it. */
    private String textsOf(String id) {
        return onFx(() -> lookup("#" + id).tryQuery().map(node -> node instanceof ListView<?> list
                ? list.getItems().stream().map(String::valueOf).collect(Collectors.joining("\n"))
                : node instanceof Parent p
                ? p.lookupAll(".label").stream().map(n -> ((Labeled) n).getText()).collect(Collectors.joining("\n"))
                : ((Labeled) node).getText()).orElse(""));
    }

    @Test
    void aPlainDataDiskIsEncryptedByClicksAndTheGuestReadsItsFileFromTheNewDisk() throws Exception {
        openEncryptFromMoreMenu(diskId);
        waitUntil("the plan is shown", () -> lookup("#planInGuest").tryQuery().isPresent());
        assertTrue(textsOf("planInGuest").contains("Mount it by UUID in /etc/fstab"), textsOf("planInGuest"));
        assertTrue(textsOf("planStays").contains("keeps running"), textsOf("planStays"));

        clickOn("#kmsKeySelector");
        clickOn(keyCell("alias/flow"));
        clickOn("#releaseOldDiskRadio");
        waitUntil("the plan names the key and the release", () -> textsOf("planCreates").contains("alias/flow")
                && textsOf("planDetaches").contains("released"));
        assertEquals(2, sim.ecs().describeDisks(ctx(), DescribeDisksRequest.all()).totalCount(), "nothing yet");

        clickOn("#encryptStartButton");
        waitUntil("the snapshot step runs", () -> textsOf("stepState-CREATE_SNAPSHOT").equals("Running"));
        assertEquals("Waiting", textsOf("stepState-ATTACH_NEW"));
        sim.clock().fastForward(Duration.ofSeconds(10)); // a third of a 20 GiB disk's 30 s snapshot
        // at least a third; the simulated clock also runs on by itself, so a slow machine may show a little more
        waitUntil("the snapshot's progress shows", () -> percentShown() >= 33 && percentShown() < 100);
        int percent = percentShown();
        double shown = onFx(() -> ((ProgressBar) lookup("#stepProgress-CREATE_SNAPSHOT").query()).getProgress());
        assertTrue(shown >= 0.33 && shown < 1.0, "the bar follows the snapshot: " + shown + " at " + percent + "%");
        assertTrue(textsOf("conversionLog").contains("CreateSnapshot " + diskId), textsOf("conversionLog"));

        for (int i = 0; i < 20 && onFx(() -> lookup("#conversionSummary").tryQuery().isEmpty()); i++) {
            sim.clock().fastForward(Duration.ofSeconds(10)); // the user waits (or fast-forwards)
            WaitForAsyncUtils.sleep(300, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        waitUntil("the ending is shown", () -> lookup("#conversionSummary").tryQuery().isPresent());
        List<Disk> data = sim.ecs().describeDisks(ctx(), new DescribeDisksRequest(null, null, instanceId, "data",
                null, null, null, null, 1, 10)).items();
        assertEquals(1, data.size());
        Disk encrypted = data.get(0);
        assertFalse(encrypted.diskId().equals(diskId));
        assertTrue(encrypted.encrypted());
        String summary = textsOf("conversionSummary");
        assertTrue(summary.contains("Disk " + encrypted.diskId() + " is encrypted with the key alias/flow"), summary);
        assertTrue(summary.contains("The old disk " + diskId + " was released."), summary);
        assertTrue(summary.contains("The snapshot was deleted."), summary);
        assertTrue(textsOf("newDiskTags").contains("Encrypted"));
        assertEquals("Done", textsOf("stepState-RELEASE_OLD"));
        assertEquals(0, sim.ecs().describeSnapshots(ctx(), DescribeSnapshotsRequest.own()).totalCount());

        clickOn("#encryptStartButton"); // now "Close"
        waitForDialogClosed();
        waitUntil("the table lists the new disk In Use", () -> "In Use".equals(diskStatus(encrypted.diskId())));
        assertEquals(null, diskStatus(diskId), "the released disk is gone from the table");

        assertEquals(MARKER + "\n", shell("mount -a", "cat /data/f.txt"), "the file survived the conversion");
        assertFalse(HostFiles.contains(sim.volumes().diskVolume(encrypted.diskId()),
                MARKER.getBytes(StandardCharsets.UTF_8)), "the new disk's bytes on the host are ciphertext");
    }

    @Test
    void aSystemDiskGetsTheReasonInsteadOfTheFlow() {
        String systemDisk = sim.ecs().describeDisks(ctx(), new DescribeDisksRequest(null, null, instanceId, "system",
                null, null, null, null, 1, 10)).items().get(0).diskId();
        openEncryptFromMoreMenu(systemDisk);
        assertTrue(textsOf("encryptNotPossible").contains("is a system disk"), textsOf("encryptNotPossible"));
        assertTrue(onFx(() -> lookup("#encryptStartButton").tryQuery().isEmpty()), "nothing to start");
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
    }
}
