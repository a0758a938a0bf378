package dev.ecskms.ui.welcome;

import dev.ecskms.ui.ConsoleServices;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;

/**
 * The first-run welcome's actions: whether to show it (not once dismissed on this data dir), its facts, and the
 * dismissal, which the data dir keeps (AccountService's settings) so the welcome never returns.
 */
public final class WelcomeController {
    static final String SECRET_SHOWN_ONCE = "Shown this once (it was printed in the terminal too): keep it with the"
            + " AccessKey ID. The simulator does not show it again.";
    static final String SECRET_GIVEN = "The secret is the one the console was started with (--access-key-id with"
            + " --access-key-secret-file, $ECS_KMS_ACCESS_KEY_SECRET or --access-key-secret).";
    static final String SECRET_PRINTED_BEFORE = "The secret was printed once, in the terminal, when this data dir was"
            + " first opened. To use a secret you know, start the console with --access-key-id ID and the secret in"
            + " $ECS_KMS_ACCESS_KEY_SECRET or --access-key-secret-file FILE.";

    private final ConsoleSession session;
    private final WelcomeModel model;

    public WelcomeController(ConsoleSession session, WelcomeModel model) {
        this.session = session;
        this.model = model;
    }

    /** Fills the model and shows the welcome unless it was dismissed on this data dir before. */
    public void open(WelcomeFacts facts) {
        ConsoleServices services = session.services();
        model.dataDir.set(facts.dataDir());
        model.endpoint.set(services.endpointUrl() != null ? services.endpointUrl() : "not serving");
        model.accessKeyId.set(services.accessKeyId() != null ? services.accessKeyId() : "-");
        model.accessKeySecret.set(facts.newAccessKeySecret());
        model.secretNote.set(facts.newAccessKeySecret() != null ? SECRET_SHOWN_ONCE
                : facts.secretGiven() ? SECRET_GIVEN : SECRET_PRINTED_BEFORE);
        model.labsAvailable.set(session.navigator().labs() != null);
        session.tasks().run(() -> services.accounts().welcomeDismissed(), dismissed -> model.showing.set(!dismissed),
                // an unreadable setting shows the welcome once more rather than hide the credentials
                failure -> model.showing.set(true));
    }

    /** Stores the dismissal, then closes the welcome; if it cannot be stored, the welcome stays with the reason. */
    public void dismiss() {
        dismiss(() -> { });
    }

    /** Dismisses the welcome and opens the guided labs (the button is only there when the console has them). */
    public void openLabs() {
        Runnable labs = session.navigator().labs();
        dismiss(labs != null ? labs : () -> { });
    }

    private void dismiss(Runnable then) {
        model.error.set(null);
        session.tasks().runVoid(() -> session.services().accounts().dismissWelcome(), () -> {
            model.showing.set(false);
            then.run();
        }, failure -> model.error.set(Errors.describe(failure)));
    }
}
