package dev.ecskms.ui.common;

import dev.ecskms.sim.common.ChangeFeed;
import java.util.EnumSet;
import java.util.Set;
import javafx.scene.Node;

/**
 * A page of the content area; the shell shows it and asks it to reload when the region changes or the change feed
 * reports a change of one of its {@link #changeTopics()}.
 */
public interface ConsolePage {

    /** Breadcrumb shown above the page, e.g. "KMS / Keys". */
    String breadcrumb();

    Node view();

    /** Reloads from the services, e.g. after a region change or a change reported by the change feed. */
    void refresh();

    /**
     * What the page shows, as topics of the change feed: while the page is shown, a change of one of them (by a
     * click, an SDK script or the simulated clock) reloads it. All topics unless the page narrows them.
     */
    default Set<ChangeFeed.Topic> changeTopics() {
        return EnumSet.complementOf(EnumSet.of(ChangeFeed.Topic.INTERNAL, ChangeFeed.Topic.SETTINGS));
    }

    /**
     * Called when the user opens the page from the left navigation: it shows its start (a list, not the details
     * page left open there) and loads.
     */
    default void open() {
        refresh();
    }

    /** Called after the user picked another region in the top bar. */
    default void regionChanged() {
        refresh();
    }
}
