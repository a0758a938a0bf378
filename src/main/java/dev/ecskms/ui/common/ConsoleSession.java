package dev.ecskms.ui.common;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.trail.TrailFilter;
import dev.ecskms.ui.ConsoleServices;
import java.util.Objects;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * What every page shares: the services, the region and the account chosen in the top bar, the background runner,
 * the layer that shows dialogs and the way to another page. Each service call gets a fresh {@link CallContext} for
 * the current account and region, so a request id is never reused.
 */
public final class ConsoleSession {
    private final ConsoleServices services;
    private final TaskRunner tasks;
    private final ModalHost modals;
    private final ObjectProperty<Region> region =
            new SimpleObjectProperty<>(this, "region", Catalog.requireRegion(Catalog.DEFAULT_REGION));
    private final StringProperty accountId = new SimpleStringProperty(this, "accountId");
    private Navigator navigator = Navigator.NONE;

    public ConsoleSession(ConsoleServices services, TaskRunner tasks, ModalHost modals) {
        this.services = Objects.requireNonNull(services);
        this.tasks = tasks;
        this.modals = modals;
        accountId.set(services.accountId());
    }

    public ConsoleServices services() {
        return services;
    }

    public TaskRunner tasks() {
        return tasks;
    }

    public ModalHost modals() {
        return modals;
    }

    public ObjectProperty<Region> regionProperty() {
        return region;
    }

    public Region region() {
        return region.get();
    }

    public String regionId() {
        return region.get().regionId();
    }

    /** The account the console acts as: the root account, or another one picked in the top bar. */
    public StringProperty accountIdProperty() {
        return accountId;
    }

    public String accountId() {
        return accountId.get();
    }

    /** The context for one call as the root identity of the selected account in the selected region. */
    public CallContext context() {
        return CallContext.root(accountId(), regionId());
    }

    public Navigator navigator() {
        return navigator;
    }

    public void setNavigator(Navigator navigator) {
        this.navigator = Objects.requireNonNull(navigator);
    }

    /** Moves between pages, e.g. from a disk's key to that key's KMS details. Implemented by the main window. */
    public interface Navigator {
        Navigator NONE = new Navigator() {
            @Override
            public void openKey(String keyId) {
            }

            @Override
            public void openDisk(String diskId) {
            }

            @Override
            public void createDiskFromSnapshot(String snapshotId) {
            }
        };

        /** KMS → Keys → the key's details page. */
        void openKey(String keyId);

        /** ECS → Disks → the disk's details page. */
        void openDisk(String diskId);

        /** ECS → Disks with the Create Disk wizard open on this snapshot. */
        void createDiskFromSnapshot(String snapshotId);

        /** ECS → Instances → the instance's details page. */
        default void openInstance(String instanceId) {
        }

        /** Operation Orchestration → Executions → the execution's details, e.g. one just started. */
        default void openExecution(String executionId) {
        }

        /** ActionTrail → Event Query with the filters of {@code filter}, e.g. the events of one key. */
        default void openTrail(TrailFilter filter) {
        }

        /** ECS → Images with Create Custom Image open on this instance. */
        default void createImageFromInstance(String instanceId) {
        }

        /** What opens the guided labs page, or null when the console has none (the welcome then offers none). */
        default Runnable labs() {
            return null;
        }
    }
}
