package dev.ecskms.ui.welcome;

import dev.ecskms.ui.common.ConsoleSession;

/** Puts the first-run welcome together on the console's dialog layer; it shows itself unless dismissed before. */
public final class Welcome {
    private Welcome() {
    }

    /** Returns the dialog (shown, or about to be, unless this data dir's welcome was dismissed). */
    public static WelcomeView showIfFirstRun(ConsoleSession session, WelcomeFacts facts) {
        WelcomeModel model = new WelcomeModel();
        WelcomeController controller = new WelcomeController(session, model);
        WelcomeView view = new WelcomeView(session.modals(), model, controller);
        controller.open(facts);
        return view;
    }
}
