package dev.ecskms.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.layout.Pane;
import org.junit.jupiter.api.Test;

/** The list/details switching of Keys, Disks and Instances: what shows, and what a reload reloads. */
class ListDetailsTest {
    private final List<String> loads = new ArrayList<>();
    private final Pane list = new Pane();
    private final Pane details = new Pane();
    private final ListDetails content = new ListDetails(list, () -> loads.add("list"));

    @Test
    void theListShowsFirstAndAReloadLoadsIt() {
        assertEquals(List.of(list), content.view().getChildren());
        content.refresh();
        assertEquals(List.of("list"), loads);
        assertTrue(content.showingList());
    }

    @Test
    void detailsShowInPlaceOfTheListAndAReloadReloadsThemNotTheList() {
        content.showDetails(details, () -> loads.add("details"));
        assertEquals(List.of(details), content.view().getChildren());
        assertFalse(content.showingList());
        assertEquals(List.of("details"), loads, "opened details are loaded");

        content.refresh();
        assertEquals(List.of("details", "details"), loads);
    }

    @Test
    void backToTheListLoadsItAgainAndReloadsGoToItFromThenOn() {
        content.showDetails(details, () -> loads.add("details"));
        content.showList();
        assertEquals(List.of(list), content.view().getChildren());
        assertEquals(List.of("details", "list"), loads, "what the details did may have changed the list");

        content.refresh();
        assertEquals(List.of("details", "list", "list"), loads);
    }
}
