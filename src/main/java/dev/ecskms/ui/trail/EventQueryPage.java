package dev.ecskms.ui.trail;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.trail.TrailFilter;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import java.util.EnumSet;
import java.util.Set;
import javafx.scene.Node;

/** ActionTrail → Event Query: the audit trail of the account's calls in the selected region. */
public final class EventQueryPage implements ConsolePage {
    private final EventQueryModel model = new EventQueryModel();
    private final EventQueryController controller;
    private final EventQueryView view;

    public EventQueryPage(ConsoleSession session) {
        this.controller = new EventQueryController(session, model);
        this.view = new EventQueryView(session, model, controller);
    }

    @Override
    public String breadcrumb() {
        return "ActionTrail / Event Query";
    }

    @Override
    public Node view() {
        return view;
    }

    /**
     * New events appear as they are recorded (the lookups of this page are not recorded themselves, so its reload
     * cannot feed itself); a fast-forward moves a preset's range.
     */
    @Override
    public Set<ChangeFeed.Topic> changeTopics() {
        return EnumSet.of(ChangeFeed.Topic.TRAIL, ChangeFeed.Topic.CLOCK);
    }

    @Override
    public void refresh() {
        controller.load();
    }

    /** Sets the filters to {@code filter}'s, e.g. a key's; showing the page then loads them. */
    public void open(TrailFilter filter) {
        controller.open(filter);
    }

    public EventQueryModel model() {
        return model;
    }
}
