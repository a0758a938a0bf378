package dev.ecskms.ui.shell;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.common.SimClock;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.sim.ram.AccountService;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.ram.User;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.LiveReload;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;

/**
 * Drives the shell: the ticking clock, fast-forwarding simulated time, switching region and page. The page shown
 * reloads itself when the change feed reports a change it shows; switching pages ends the old page's subscription.
 */
public final class ShellController {
    private final ConsoleSession session;
    private final ShellModel model;
    private final Timeline ticker;
    private LiveReload pageReload;
    private LiveReload clockReload;

    public ShellController(ConsoleSession session, ShellModel model) {
        this.session = session;
        this.model = model;
        // The top bar's clock shows simulated time, which moves with real time: a display tick that reads no
        // service (plain arithmetic on the FX thread), not a poll. Its jumps (fast-forward) come from the feed.
        this.ticker = new Timeline(new KeyFrame(javafx.util.Duration.seconds(1), event -> showTime()));
        ticker.setCycleCount(Animation.INDEFINITE);
    }

    public void start() {
        showIdentity();
        showTime();
        ticker.play();
        clockReload = LiveReload.start(session.services().changes(), EnumSet.of(ChangeFeed.Topic.CLOCK),
                session.tasks(), this::showTime);
    }

    public void stop() {
        ticker.stop();
        if (clockReload != null) {
            clockReload.close();
        }
        if (pageReload != null) {
            pageReload.close();
            pageReload = null;
        }
    }

    private void showTime() {
        SimClock clock = session.services().clock();
        model.setTime(clock.instant(), clock.offset());
    }

    /**
     * Moves simulated time forward. The clock's listeners apply what became due (key deletions, rotations), which
     * touches the store, hence the background task; the change feed then tells the page to reload.
     */
    public void fastForward(Duration by) {
        session.tasks().runVoid(() -> session.services().clock().fastForward(by), this::showTime, failure -> model.setError("Simulated time could not be moved forward: " + Errors.describe(failure)));
    }

    /** The accounts the identity switcher offers; on failure it keeps offering the current one. */
    public void loadAccounts(Consumer<List<AccountService.Account>> onLoaded) {
        session.tasks().run(() -> session.services().accounts().accounts(), onLoaded, failure -> { });
    }

    /**
     * What the identity switcher offers: every account of the simulator as itself, and the RAM users of the
     * account acted in. The switcher is the simulator's own (a person signing in elsewhere), so the users are read
     * as the account, whoever is acted as now. On failure it keeps offering what it had.
     */
    public void loadIdentities(Consumer<List<ConsoleIdentity>> onLoaded) {
        String current = session.accountId();
        String region = session.regionId();
        session.tasks().run(() -> identities(current, region), onLoaded, failure -> { });
    }

    private List<ConsoleIdentity> identities(String currentAccount, String region) {
        List<ConsoleIdentity> identities = new ArrayList<>();
        List<AccountService.Account> accounts = session.services().accounts().accounts();
        String kind = "root";
        for (AccountService.Account account : accounts) {
            identities.add(new ConsoleIdentity(account.accountId(), account.displayName(), null));
            if (account.accountId().equals(currentAccount)) {
                kind = account.displayName();
            }
        }
        RamService ram = session.services().ram();
        if (ram != null) {
            try {
                for (User user : ram.listUsers(CallContext.root(currentAccount, region))) {
                    identities.add(new ConsoleIdentity(currentAccount, kind, user.userName()));
                }
            } catch (RuntimeException e) {
                // RAM users cannot be listed (not available in this simulator): the accounts alone are offered
            }
        }
        return identities;
    }

    /** The identity acted as now. */
    public ConsoleIdentity currentIdentity() {
        String account = session.accountId();
        return new ConsoleIdentity(account, account.equals(session.services().accountId()) ? "root" : "peer",
                session.userName());
    }

    /** Whether {@code identity} is the one acted as now. */
    public boolean isCurrent(ConsoleIdentity identity) {
        return identity.accountId().equals(session.accountId())
                && (identity.isUser() ? identity.userName().equals(session.userName()) : session.userName() == null);
    }

    /**
     * Acts as another identity from now on — an account as itself or one of its RAM users, whose policies then
     * decide every call; the page reloads as when switching account.
     */
    public void selectIdentity(ConsoleIdentity identity) {
        if (identity == null || isCurrent(identity)) {
            return;
        }
        session.accountIdProperty().set(identity.accountId());
        session.principalProperty().set(identity.isUser() ? identity.userName() : CallContext.ROOT);
        showIdentity();
        ConsolePage page = model.currentPageProperty().get();
        if (page != null) {
            page.regionChanged();
        }
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
        session.principalProperty().set(CallContext.ROOT);
        showIdentity();
        ConsolePage page = model.currentPageProperty().get();
        if (page != null) {
            page.regionChanged();
        }
    }

    /**
     * The status bar's identity: the account acted as and its AccessKey, read in the background. Until the read
     * returns, the account id without a key, never the previous account's key.
     */
    private void showIdentity() {
        String accountId = session.accountId();
        String userName = session.userName();
        model.setIdentity(userName == null ? accountId : userName + " (RAM user of " + accountId + ")", null);
        var accounts = session.services().accounts();
        if (accounts == null) {
            return;
        }
        String rootKey = session.services().accessKeyId();
        session.tasks().run(() -> {
            String who = userName != null ? new ConsoleIdentity(accountId, null, userName).describe()
                    : accounts.accounts().stream().filter(a -> a.accountId().equals(accountId))
                    .map(ShellController::describe).findFirst().orElse(accountId);
            // a RAM user's own AccessKey, for scripts that act as that user
            String keyId = accounts.accessKeysOf(accountId, userName).stream()
                    .filter(k -> "Active".equals(k.status())).map(AccessKey::accessKeyId)
                    // the key the endpoint was started with, when it is this account's
                    .sorted((a, b) -> Boolean.compare(!a.equals(rootKey), !b.equals(rootKey)))
                    .findFirst().orElse(null);
            return new Identity(who, keyId);
        }, found -> {
            if (accountId.equals(session.accountId()) && java.util.Objects.equals(userName, session.userName())) {
                model.setIdentity(found.who(), found.accessKeyId());
            }
        }, failure -> {
            // the account id stays shown, without a key: nothing is claimed that was not read
        });
    }

    private record Identity(String who, String accessKeyId) {
    }

    /** "Root account 1234…" or "Peer account 6543…", as the identity switcher names them. */
    static String describe(AccountService.Account account) {
        return ("root".equals(account.displayName()) ? "Root account " : "Peer account ") + account.accountId();
    }

    public void showPage(ConsolePage page) {
        if (pageReload != null) {
            pageReload.close(); // the page that was shown stops listening
        }
        model.setCurrentPage(page);
        pageReload = LiveReload.start(session.services().changes(), page.changeTopics(), session.tasks(), () -> {
            if (model.currentPageProperty().get() == page) {
                page.refresh();
            }
        });
        page.open();
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
