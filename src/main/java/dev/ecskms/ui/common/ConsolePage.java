package dev.ecskms.ui.common;

import javafx.scene.Node;

/** A page of the content area; the shell shows it and asks it to reload when the region or the time changes. */
public interface ConsolePage {

    /** Breadcrumb shown above the page, e.g. "KMS / Keys". */
    String breadcrumb();

    Node view();

    /** Reloads from the services, e.g. after a region change or a fast-forward of the clock. */
    void refresh();

    /** Called after the user picked another region in the top bar. */
    default void regionChanged() {
        refresh();
    }
}
