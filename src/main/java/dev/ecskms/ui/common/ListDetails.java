package dev.ecskms.ui.common;

import java.util.Objects;
import javafx.scene.Node;
import javafx.scene.layout.StackPane;

/**
 * A list page whose details open in its place, as the web console does (Keys → a key, Disks → a disk, Instances →
 * an instance or the purchase page): what is shown, what a reload reloads, and the way back to the list. A region
 * or account change and a click on the page's left-navigation entry return to the list.
 */
public final class ListDetails {
    private final StackPane root = new StackPane();
    private final Node list;
    private final Runnable loadList;
    private Runnable refreshDetails;

    /**
     * @param list     the list page
     * @param loadList loads the list (its controller's load)
     */
    public ListDetails(Node list, Runnable loadList) {
        this.list = Objects.requireNonNull(list);
        this.loadList = Objects.requireNonNull(loadList);
        root.getChildren().add(list);
    }

    /** What the page shows: the list or the details in its place. */
    public StackPane view() {
        return root;
    }

    /**
     * Shows {@code details} in place of the list and loads them.
     *
     * @param refresh reloads the details (their controller's load); a page with nothing to reload passes a no-op
     */
    public void showDetails(Node details, Runnable refresh) {
        refreshDetails = Objects.requireNonNull(refresh);
        root.getChildren().setAll(details);
        refresh.run();
    }

    /** Back to the list, which is loaded again: what the details page did may have changed it. */
    public void showList() {
        refreshDetails = null;
        root.getChildren().setAll(list);
        loadList.run();
    }

    /** Reloads what is shown: the details page when one is open, else the list. */
    public void refresh() {
        if (refreshDetails != null) {
            refreshDetails.run();
        } else {
            loadList.run();
        }
    }

    public boolean showingList() {
        return refreshDetails == null;
    }
}
