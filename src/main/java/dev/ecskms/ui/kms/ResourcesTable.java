package dev.ecskms.ui.kms;

import dev.ecskms.sim.kms.ProtectedResource;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Tables;
import java.util.List;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The cloud resources whose data keys a KMS key protects, as {@code kms.resourcesUsing} reports them. */
final class ResourcesTable extends TableView<ProtectedResource> {
    private final Label placeholder = new Label();
    private final String emptyText;

    ResourcesTable(String id, String emptyText) {
        setId(id);
        getStyleClass().addAll("console-table", "dense", "bordered");
        Tables.fitOrScroll(this);
        getColumns().add(column("Type", 90, ProtectedResource::type));
        getColumns().add(column("Resource ID", 200, ProtectedResource::id));
        getColumns().add(column("Name", 160, ProtectedResource::name));
        getColumns().add(column("Region", 110, ProtectedResource::regionId));
        placeholder.getStyleClass().add("table-placeholder");
        placeholder.setWrapText(true);
        setPlaceholder(placeholder);
        this.emptyText = emptyText;
        showLoading();
    }

    private static TableColumn<ProtectedResource, String> column(String title, double width,
            Function<ProtectedResource, String> value) {
        TableColumn<ProtectedResource, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setCellValueFactory(cell -> new ReadOnlyStringWrapper(Formats.orNone(value.apply(cell.getValue()))));
        return column;
    }

    void showLoading() {
        placeholder.setText("Loading the resources that use this key...");
        getItems().clear();
    }

    void showResources(List<ProtectedResource> resources) {
        placeholder.setText(emptyText);
        getItems().setAll(resources);
    }

    void showError(String message) {
        placeholder.setText("The resources that use this key could not be listed: " + message);
        getItems().clear();
    }
}
