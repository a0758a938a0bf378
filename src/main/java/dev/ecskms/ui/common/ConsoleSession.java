package dev.ecskms.ui.common;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.ui.ConsoleServices;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What every page shares: the services, the region chosen in the top bar, the background runner and the layer that
 * shows dialogs. Each service call gets a fresh {@link CallContext} for the current region, so a request id is
 * never reused.
 */
public final class ConsoleSession {
    private final ConsoleServices services;
    private final BackgroundTasks tasks;
    private final ModalHost modals;
    private final ObjectProperty<Region> region =
            new SimpleObjectProperty<>(this, "region", Catalog.requireRegion(Catalog.DEFAULT_REGION));

    public ConsoleSession(ConsoleServices services, BackgroundTasks tasks, ModalHost modals) {
        this.services = Objects.requireNonNull(services);
        this.tasks = tasks;
        this.modals = modals;
    }

    public ConsoleServices services() {
        return services;
    }

    public BackgroundTasks tasks() {
        return tasks;
    }

    public ModalHost modals() {
        return modals;
    }

    public ObjectProperty<Region> regionProperty() {
        return region;
    }

    public String regionId() {
        return region.get().regionId();
    }

    /** The context for one call as the signed-in root identity in the selected region. */
    public CallContext context() {
        return CallContext.root(services.accountId(), regionId());
    }
}
