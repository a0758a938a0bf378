package dev.ecskms.ui.vnc;

import dev.ecskms.ui.common.ConsoleSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javafx.stage.Window;

/**
 * The open remote-connection windows, one per instance, as the web console opens one browser tab per VNC session.
 * Connect on an instance with an open window brings that window to the front. The main window closes them all.
 */
public final class RemoteConsoles {
    private final Map<String, RemoteConsoleWindow> open = new LinkedHashMap<>();
    private Window owner;

    /** The console's main window: new remote windows open next to it. */
    public void setOwner(Window owner) {
        this.owner = owner;
    }

    public RemoteConsoleWindow open(ConsoleSession session, String instanceId, String instanceName) {
        RemoteConsoleWindow existing = open.get(instanceId);
        if (existing != null) {
            existing.toFront();
            return existing;
        }
        RemoteConsoleWindow window = new RemoteConsoleWindow(session, instanceId, instanceName, owner,
                () -> open.remove(instanceId));
        open.put(instanceId, window);
        window.show();
        return window;
    }

    public Optional<RemoteConsoleWindow> find(String instanceId) {
        return Optional.ofNullable(open.get(instanceId));
    }

    public void closeAll() {
        new ArrayList<>(open.values()).forEach(RemoteConsoleWindow::close);
        open.clear();
    }
}
