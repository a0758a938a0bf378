package dev.ecskms.ui.common;

import dev.ecskms.sim.ram.RamService;
import java.util.function.Consumer;

/**
 * The RAM calls behind choosing a customer master key for a disk: may ECS use the account's keys yet, and the
 * authorization that creates its role. They run in the background; the key selector only asks and shows.
 */
public final class EcsAuthorization {
    private final ConsoleSession session;

    public EcsAuthorization(ConsoleSession session) {
        this.session = session;
    }

    /**
     * Calls {@code onNotAuthorized} on the UI thread when ECS may not use the account's customer keys yet. A failed
     * check says nothing: the create call then answers with the service's own error.
     */
    public void checkCustomerKeys(Runnable onNotAuthorized) {
        RamService ram = session.services().ram();
        String account = session.accountId();
        session.tasks().run(() -> ram.ecsMayUseCustomerKeys(account), allowed -> {
            if (!allowed) {
                onNotAuthorized.run();
            }
        }, failure -> { });
    }

    /** Creates ECS's role for the account's keys (AuthorizeEcsDiskEncryption). */
    public void authorize(Runnable onDone, Consumer<Throwable> onError) {
        session.tasks().run(() -> session.services().ram().authorizeEcsDiskEncryption(session.context()),
                role -> onDone.run(), onError);
    }
}
