package dev.ecskms.ui.shell;

import dev.ecskms.sim.common.SimClock;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import java.time.Duration;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;

/** Drives the shell: the ticking clock, fast-forwarding simulated time, switching region and page. */
public final class ShellController {
    private final ConsoleSession session;
    private final ShellModel model;
    private final Timeline ticker;

    public ShellController(ConsoleSession session, ShellModel model) {
        this.session = session;
        this.model = model;
        // Reading the simulated clock is plain arithmetic, so the tick may run on the FX thread.
        this.ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), event -> showTime()));
        ticker.setCycleCount(Animation.INDEFINITE);
    }

    public void start() {
        showTime();
        ticker.play();
    }

    public void stop() {
        ticker.stop();
    }

    private void showTime() {
        SimClock clock = session.services().clock();
        model.setTime(clock.instant(), clock.offset());
    }

    /**
     * Moves simulated time forward. The clock's listeners apply what became due (key deletions, rotations), which
     * touches the store, hence the background task; the page reloads afterwards to show the outcome.
     */
    public void fastForward(Duration by) {
        session.tasks().runVoid(() -> session.services().clock().fastForward(by), () -> {
            showTime();
            refreshPage();
        }, failure -> model.setError("Simulated time could not be moved forward: " + Errors.describe(failure)));
    }

    public void selectRegion(Region region) {
        if (region == null || region.equals(session.regionProperty().get())) {
            return;
        }
        session.regionProperty().set(region);
        ConsolePage page = model.currentPageProperty().get();
        if (page != null) {
            page.regionChanged();
        }
    }

    /** Acts as another account from now on; the page reloads, leaving any details page of the old account. */
    public void selectAccount(String accountId) {
        if (accountId == null || accountId.equals(session.accountId())) {
            return;
        }
        session.accountIdProperty().set(accountId);
        ConsolePage page = model.currentPageProperty().get();
        if (page != null) {
            page.regionChanged();
        }
    }

    public void showPage(ConsolePage page) {
        model.setCurrentPage(page);
        page.refresh();
    }

    public void refreshPage() {
        ConsolePage page = model.currentPageProperty().get();
        if (page != null) {
            page.refresh();
        }
    }

    public void dismissError() {
        model.setError(null);
    }
}
