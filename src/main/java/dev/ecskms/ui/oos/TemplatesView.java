package dev.ecskms.ui.oos;

import dev.ecskms.ui.common.DetailsLayout;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.InfoGrid;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import dev.ecskms.ui.oos.OosModel.TemplateParameter;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * Operation Orchestration → Public Templates: the public template ACS-ECS-BulkyEncryptSystemDisk as GetTemplate
 * returns it, its parameters, its content, and Create Execution.
 */
final class TemplatesView extends VBox {

    TemplatesView(OosModel model, OosController controller, Runnable createExecution) {
        setId("oosTemplatesPage");
        setSpacing(8);
        Label heading = new Label("Public Templates");
        heading.getStyleClass().add("page-title");
        Label caption = new Label("Templates that Alibaba Cloud publishes for common operations. An execution of a"
                + " template runs its steps as the user who starts it, on the simulated clock.");
        caption.getStyleClass().add("page-subtitle");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE);
        ErrorBanner banner = new ErrorBanner("oosTemplatesError", model.errorProperty(), controller::dismissError);

        Label name = new Label();
        name.setId("templateName");
        name.getStyleClass().add("card-title");
        Label description = new Label();
        description.setId("templateDescription");
        description.setWrapText(true);
        Button create = new Button("Create Execution", Icons.icon(AntDesignIconsOutlined.PLAY_CIRCLE));
        create.setId("templateCreateExecutionButton");
        create.getStyleClass().add("primary-button");
        create.setMinWidth(Region.USE_PREF_SIZE);
        create.setOnAction(event -> createExecution.run());
        create.setDisable(!controller.available());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox title = new HBox(12, name, StatusTag.tag("Public", "status-info"), spacer, create);
        title.setAlignment(Pos.CENTER_LEFT);

        InfoGrid info = new InfoGrid();
        info.setId("templateInfo");

        TableView<TemplateParameter> parameters = new TableView<>(model.parameters());
        parameters.setId("templateParameters");
        parameters.getStyleClass().add("console-table");
        Tables.fitOrScroll(parameters);
        parameters.getColumns().add(Tables.textColumn("Parameter", 130, TemplateParameter::name));
        parameters.getColumns().add(Tables.textColumn("Type", 70, TemplateParameter::type));
        parameters.getColumns().add(Tables.textColumn("Default", 230, p -> Formats.orNone(p.defaultValue())));
        parameters.getColumns().add(Tables.nodeColumn("Description", 420, p -> {
            Label text = new Label(p.description().isEmpty() ? Formats.NONE : p.description());
            text.setWrapText(true);
            text.setMinWidth(0);
            return text;
        }));
        parameters.setFixedCellSize(40);
        parameters.setPrefHeight(40 * 5 + 44);
        parameters.setMinHeight(Region.USE_PREF_SIZE);

        TextArea content = new TextArea();
        content.setId("templateContent");
        content.setEditable(false);
        content.setPrefRowCount(16);
        content.getStyleClass().add("monospace");
        content.setStyle("-fx-font-family: monospace;");
        TitledPane yaml = new TitledPane("Template content (YAML)", content);
        yaml.setId("templateContentPane");
        yaml.setExpanded(false);

        VBox card = new VBox(12, title, description, info, parameters, yaml);
        card.getStyleClass().add("card");
        getChildren().addAll(heading, caption, banner, DetailsLayout.scroll(card));

        model.templateProperty().addListener((obs, old, t) -> {
            if (t == null) {
                return;
            }
            name.setText(t.templateName());
            description.setText(t.description());
            info.setFields(List.of(new String[] {"Template type", t.templateType(), "templateType"},
                    new String[] {"Version", t.templateVersion(), "templateVersion"},
                    new String[] {"Category", t.category(), "templateCategory"},
                    new String[] {"Created by", t.createdBy(), "templateCreatedBy"},
                    new String[] {"Format", t.templateFormat(), "templateFormat"},
                    new String[] {"Published", Formats.dateTime(t.createdDate()), "templatePublished"}));
            content.setText(t.content());
        });
    }
}
