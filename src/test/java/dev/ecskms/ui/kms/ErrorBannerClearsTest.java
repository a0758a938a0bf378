package dev.ecskms.ui.kms;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.kms.CreateKeyRequest;
import dev.ecskms.sim.kms.ImportParameters;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyState;
import dev.ecskms.ui.ConsoleTestSupport;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** An error a page shows for a failed action goes away when the next action of that page succeeds. */
@ExtendWith(ApplicationExtension.class)
class ErrorBannerClearsTest extends ConsoleTestSupport {

    @Start
    void start(Stage stage) throws Exception {
        openConsole(stage);
    }

    @AfterEach
    void tearDown() throws Exception {
        closeConsole();
    }

    @Test
    void theNextSuccessfulActionClearsTheErrorOfTheLastOne() throws Exception {
        KeyMetadata byok = importedKey();
        navigateTo("navKeys");
        clickOn("#cmkRefreshButton");
        waitForStatus("#cmkTable", byok.keyId(), "Enabled");
        clickOn(nodeWithId("details-" + byok.keyId()));
        waitUntil("the details are loaded", () -> lookup("#createKeyVersionButton").tryQuery().isPresent());

        // KMS refuses new versions of a key with imported material: the page says so in its banner
        clickOn("#createKeyVersionButton");
        waitUntil("the error is shown", () -> lookup("#detailError").query().isVisible());
        assertTrue(text("#detailErrorText").contains("InvalidParameter"), text("#detailErrorText"));

        clickOn("#detailDisableButton");
        waitForDialogOpen();
        clickOn("#dialogConfirmButton");
        waitForDialogClosed();
        waitUntil("the key is Disabled", () -> sim.kms().describeKey(ctx(), byok.keyId()).keyState()
                == KeyState.Disabled);
        waitUntil("the old error is gone", () -> !lookup("#detailError").query().isVisible());
    }

    /** A BYOK key whose material was imported: Enabled, Origin EXTERNAL. */
    private KeyMetadata importedKey() throws Exception {
        KeyMetadata key = sim.kms().createKey(ctx(), new CreateKeyRequest(null, null, "EXTERNAL", null,
                "imported material", null, null));
        byte[] material = new byte[32];
        new SecureRandom().nextBytes(material);
        ImportParameters params = sim.kms().getParametersForImport(ctx(), key.keyId(), "RSAES_OAEP_SHA_256",
                "RSA_2048");
        PublicKey publicKey = KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(params.publicKey())));
        Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPPadding");
        rsa.init(Cipher.ENCRYPT_MODE, publicKey, new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                PSource.PSpecified.DEFAULT));
        sim.kms().importKeyMaterial(ctx(), key.keyId(), rsa.doFinal(material), params.importToken(), 0L);
        return key;
    }
}
