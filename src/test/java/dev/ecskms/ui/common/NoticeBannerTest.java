package dev.ecskms.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A success banner goes away by itself once its time has passed, or at once by its close button. The lifetime here is a fraction of a second ({@link NoticeBanner#SHOW_FOR} in the pages), so the test is quick.
 */
@ExtendWith(ApplicationExtension.class)
class NoticeBannerTest extends FxRobot {
    private static final Duration SHORT = Duration.millis(400);
    private final SimpleStringProperty message = new SimpleStringProperty();
    private NoticeBanner banner;

    @Start
    void start(Stage stage) {
        banner = new NoticeBanner("testNotice", message, () -> message.set(null), SHORT);
        stage.setScene(new Scene(new VBox(banner), 500, 120));
        stage.show();
    }

    @Test
    void aSuccessMessageIsShownThenGoesAwayByItself() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> message.set("Instance i-1 was created.")).get();
        assertTrue(WaitForAsyncUtils.asyncFx(() -> banner.isVisible()).get(), "shown at once");
        assertEquals("Instance i-1 was created.", WaitForAsyncUtils.asyncFx(
                () -> ((Label) lookup("#testNoticeText").query()).getText()).get());

        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> message.get() == null);
        assertFalse(WaitForAsyncUtils.asyncFx(() -> banner.isVisible()).get(), "hidden once its time passed");
    }

    @Test
    void theCloseButtonDismissesItAtOnce() throws Exception {
        WaitForAsyncUtils.asyncFx(() -> message.set("Instance i-2 was released.")).get();
        clickOn(".banner-close");
        assertNull(message.get());
    }
}
