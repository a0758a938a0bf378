package dev.ecskms.ui.ram;

import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.Tables;
import java.util.function.Consumer;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** The Permissions tab of a user or a group: the policies attached to it, Attach Policy and Detach. */
public final class PermissionsView extends VBox {

    /**
     * @param idPrefix "user" or "group": ids {@code idPrefix + "AttachPolicyButton"}, {@code + "PoliciesTable"}
     * @param onDetach asks to detach one policy (a confirmation follows)
     */
    public PermissionsView(String idPrefix, ObservableList<AttachedPolicy> policies, Runnable onAttach,
            Consumer<AttachedPolicy> onDetach) {
        setSpacing(10);
        Button attach = new Button("Attach Policy", Icons.icon(AntDesignIconsOutlined.PLUS));
        attach.setId(idPrefix + "AttachPolicyButton");
        attach.getStyleClass().add("primary-button");
        attach.setOnAction(event -> onAttach.run());
        HBox toolbar = new HBox(8, attach);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("table-toolbar");

        TableView<AttachedPolicy> table = new TableView<>(policies);
        table.setId(idPrefix + "PoliciesTable");
        table.getStyleClass().add("console-table");
        Tables.fitOrScroll(table);
        table.getColumns().add(Tables.textColumn("Policy Name", 220, AttachedPolicy::policyName));
        table.getColumns().add(Tables.textColumn("Policy Type", 100, AttachedPolicy::policyType));
        table.getColumns().add(Tables.textColumn("Description", 300, AttachedPolicy::description));
        table.getColumns().add(Tables.textColumn("Attached", 150, p -> Formats.dateTime(p.attachDate())));
        table.getColumns().add(Tables.nodeColumn("Actions", 120, p -> Tables.actions(
                Tables.action("Detach", "detach-policy", p.policyName(), () -> onDetach.accept(p)))));
        table.setPlaceholder(new Label("No policies attached: this identity may do nothing yet."));
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(toolbar, table);
    }
}
