package dev.ecskms.ui.instances;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceType;
import dev.ecskms.ui.InstanceTestSupport;
import dev.ecskms.ui.purchase.PurchasePage;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The purchase page: the seed's limited families, encrypted empty data disks, the service's password rule. */
@ExtendWith(ApplicationExtension.class)
class PurchasePageTest extends InstanceTestSupport {

    @Start
    void start(Stage stage) throws Exception {
        openEcsConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    @SuppressWarnings("unchecked")
    private InstanceType chosenType() {
        return onFx(() -> ((TableView<InstanceType>) lookup("#instanceTypeTable").query()).getSelectionModel()
                .getSelectedItem());
    }

    @Test
    void encryptingTheSystemDiskFlagsTheLimitedFamiliesAsNotSelectable() {
        openPurchase();
        clickOn(inView("familyFilter"));
        clickOn((Node node) -> node instanceof javafx.scene.control.ListCell<?> cell && cell.getText() != null
                && cell.getText().startsWith("ecs.ebmg5 "));
        chooseType("ecs.ebmg5.24xlarge");
        waitUntil("the bare-metal type is chosen", () -> chosenType() != null
                && chosenType().instanceTypeId().equals("ecs.ebmg5.24xlarge"));

        clickOn(inView("systemDiskEncryptedCheck"));
        waitUntil("the type is flagged", () -> lookup((Node n) -> "limitedTag-ecs.ebmg5.24xlarge".equals(n.getId()))
                .tryQuery().isPresent());
        Node tag = nodeWithId("limitedTag-ecs.ebmg5.24xlarge");
        assertEquals(PurchasePage.LIMITED_TYPE_TAG, onFx(() -> ((javafx.scene.control.Label) tag).getText()));
        assertNull(chosenType(), "encryption took the limited type out of the choice");
        assertTrue(onFx(() -> lookup("#limitedFamiliesNote").query().isVisible()));
        assertTrue(text("#limitedFamiliesNote").contains("ecs.ebmg5"), text("#limitedFamiliesNote"));

        chooseType("ecs.ebmg5.24xlarge");
        waitForFx();
        assertNull(chosenType(), "a limited type cannot be chosen while the system disk is encrypted");

        clickOn(inView("systemDiskEncryptedCheck"));
        waitUntil("the flag goes away", () -> lookup((Node n) -> "limitedTag-ecs.ebmg5.24xlarge".equals(n.getId()))
                .tryQuery().isEmpty());
        chooseType("ecs.ebmg5.24xlarge");
        waitUntil("without encryption the type can be chosen", () -> chosenType() != null);
    }

    @Test
    void aLimitedFamilyMayHaveAnEncryptedEmptyDataDisk() {
        openPurchase();
        clickOn(inView("familyFilter"));
        clickOn((Node node) -> node instanceof javafx.scene.control.ListCell<?> cell && cell.getText() != null
                && cell.getText().startsWith("ecs.ebmg5 "));
        chooseType("ecs.ebmg5.24xlarge");
        chooseImage("Alibaba Cloud Linux 3");
        clickOn(inView("addDataDiskButton"));
        clickOn(inView("dataDiskEncrypted-1"));
        setPassword(PASSWORD);
        clickOn("#createOrderButton");
        waitUntil("the Instances page is back", () -> lookup("#instanceTable").tryQuery().isPresent()
                || purchaseError() != null);
        assertNull(onFx(() -> lookup("#purchaseError").tryQuery().isPresent() ? purchaseError() : null));
        List<Instance> bought = instances();
        assertEquals(1, bought.size());
        assertEquals("ecs.ebmg5.24xlarge", bought.get(0).instanceType());
        List<Disk> disks = sim.ecs().describeDisks(ctx(), new DescribeDisksRequest(null, null,
                bought.get(0).instanceId(), null, null, null, null, null, 1, 100)).items();
        Disk data = disks.stream().filter(d -> "data".equals(d.type())).findFirst().orElseThrow();
        Disk system = disks.stream().filter(d -> "system".equals(d.type())).findFirst().orElseThrow();
        assertTrue(data.encrypted(), "the empty data disk is encrypted");
        assertFalse(system.encrypted());
        assertTrue(data.deleteWithInstance());
        waitUntil("the new instance is listed", () -> instanceStatus(bought.get(0).instanceId()) != null);
    }

    @Test
    void aPasswordTheServiceRefusesShowsItsErrorOnThePage() {
        openPurchase();
        chooseType("ecs.g7.large");
        chooseImage("Alibaba Cloud Linux 3");
        setPassword("simple");
        clickOn("#createOrderButton");
        waitUntil("the service's refusal is shown", () -> purchaseError() != null);
        assertTrue(purchaseError().contains("InvalidPassword.Malformed"), purchaseError());
        assertTrue(text("#passwordError").contains("InvalidPassword.Malformed"), text("#passwordError"));
        assertNotNull(lookup("#purchasePage").tryQuery().orElse(null), "the page stays open to correct the input");
        assertTrue(instances().isEmpty());
    }
}
