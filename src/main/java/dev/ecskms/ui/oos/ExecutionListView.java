package dev.ecskms.ui.oos;

import dev.ecskms.sim.oos.Execution;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.Tables;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** The executions table with its toolbar (Create Execution, refresh). */
final class ExecutionListView extends VBox {

    ExecutionListView(OosModel model, OosController controller, Runnable createExecution,
            Consumer<String> openDetails) {
        setSpacing(12);
        Button create = new Button("Create Execution", Icons.icon(AntDesignIconsOutlined.PLUS));
        create.setId("createExecutionButton");
        create.getStyleClass().add("primary-button");
        create.setOnAction(event -> createExecution.run());
        create.setDisable(!controller.available());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button refresh = ListPageLayout.refreshButton("executionRefreshButton", controller::loadExecutions,
                model.loadingProperty());
        HBox toolbar = new HBox(8, create, spacer, refresh);
        toolbar.getStyleClass().add("table-toolbar");
        toolbar.setAlignment(Pos.CENTER_LEFT);

        TableView<Execution> table = new TableView<>(model.executions());
        table.setId("executionTable");
        table.getStyleClass().add("console-table");
        Tables.fitOrScroll(table);
        table.setFixedCellSize(44);
        Label placeholder = new Label();
        placeholder.getStyleClass().add("table-placeholder");
        placeholder.textProperty().bind(Bindings.when(model.loadingProperty()).then("Loading...")
                .otherwise("No executions in this region. Click Create Execution to run the template."));
        table.setPlaceholder(placeholder);
        table.getColumns().add(Tables.nodeColumn("Execution ID", 170, e -> {
            Hyperlink link = new Hyperlink(e.executionId());
            link.setId("executionLink-" + e.executionId());
            link.getStyleClass().add("key-id-link");
            link.setMinWidth(Region.USE_PREF_SIZE);
            link.setOnAction(event -> openDetails.accept(e.executionId()));
            return link;
        }));
        table.getColumns().add(Tables.textColumn("Template", 220, Execution::templateName));
        table.getColumns().add(Tables.nodeColumn("Status", 90, e -> {
            Label tag = OosStatus.tag(e.status());
            tag.setId("executionStatus-" + e.executionId());
            return tag;
        }));
        table.getColumns().add(Tables.textColumn("Instances", 170, e -> counters(e.counters())));
        table.getColumns().add(Tables.textColumn("Started", 140, e -> Formats.dateTime(e.startDate())));
        table.getColumns().add(Tables.textColumn("Ended", 140, e -> Formats.dateTime(e.endDate())));
        table.getColumns().add(Tables.textColumn("Executed By", 100, Execution::executedBy));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(toolbar, table);
    }

    /** "2 total · 1 Success · 1 Running": the loop's items by status. */
    static String counters(Map<String, Integer> counters) {
        if (counters == null || counters.isEmpty()) {
            return Formats.NONE;
        }
        StringBuilder text = new StringBuilder(counters.getOrDefault("Total", 0) + " total");
        for (String status : new String[] {"Success", "Running", "Queued", "Failed", "Cancelled"}) {
            int n = counters.getOrDefault(status, 0);
            if (n > 0) {
                text.append(" · ").append(n).append(' ').append(status);
            }
        }
        return text.toString();
    }
}
