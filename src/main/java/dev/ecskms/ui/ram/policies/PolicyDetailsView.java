package dev.ecskms.ui.ram.policies;

import dev.ecskms.sim.ram.Policy;
import dev.ecskms.sim.ram.PolicyAttachment;
import dev.ecskms.sim.ram.PolicyVersion;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DetailsLayout;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.InfoGrid;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.NoticeBanner;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** A policy's details: what it does in words, the default version's document, its versions and its entities. */
final class PolicyDetailsView extends VBox {
    private final PolicyDetailsModel model;
    private final PolicyDetailsController controller;
    private final InfoGrid info = new InfoGrid();
    private final VBox summary = new VBox(2);

    PolicyDetailsView(ConsoleSession session, String policyType, String policyName, Runnable back) {
        this.model = new PolicyDetailsModel(policyType, policyName);
        this.controller = new PolicyDetailsController(session, model);
        setId("policyDetails");
        setSpacing(10);
        Label title = new Label(policyName);
        title.setId("policyDetailsTitle");
        HBox buttons = new HBox(8);
        if (model.isCustom()) {
            buttons.getChildren().add(DetailsLayout.button("Create Version", "createPolicyVersionButton",
                    AntDesignIconsOutlined.PLUS, controller::openCreateVersion));
        }
        HBox header = DetailsLayout.header(title, StatusTag.tag(policyType + " Policy",
                model.isCustom() ? "status-success" : "status-info"), buttons);
        ErrorBanner errors = new ErrorBanner("policyError", model.errorProperty(), controller::dismissError);
        NoticeBanner notice = new NoticeBanner("policyNotice", model.noticeProperty(), controller::dismissNotice,
                NoticeBanner.SHOW_FOR);
        model.policyProperty().addListener((obs, old, policy) -> showInfo(policy));
        showInfo(null);
        summary.setId("policyDetailsSummary");
        model.summary().addListener((ListChangeListener<String>) change -> showSummary());

        TabPane tabs = ListPageLayout.tabs("policyDetailTabs",
                ListPageLayout.tab("Policy Document", "policyDocumentTab", documentTab()),
                ListPageLayout.tab("Versions", "policyVersionsTab", versionsTab()),
                ListPageLayout.tab("References", "policyEntitiesTab", entitiesTab()));
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox card = new VBox(tabs);
        card.getStyleClass().add("card");
        VBox.setVgrow(card, Priority.ALWAYS);
        getChildren().addAll(DetailsLayout.backLink("Policies", "backToPolicies", back), header, errors, notice,
                DetailsLayout.card("Basic Information", new VBox(10, info, summary)), card);
    }

    void refresh() {
        controller.load();
    }

    private void showInfo(Policy policy) {
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"Policy Name", model.policyName(), "policyNameValue"});
        fields.add(new String[] {"Default Version", policy == null ? null : policy.defaultVersion(),
                "policyDefaultVersionValue"});
        fields.add(new String[] {"Description", policy == null ? null : policy.description(),
                "policyDescriptionValue"});
        fields.add(new String[] {"Attachments", policy == null ? null : Integer.toString(policy.attachmentCount()),
                "policyAttachmentsValue"});
        info.setFields(fields);
    }

    private void showSummary() {
        summary.getChildren().clear();
        Label heading = new Label("What this policy does");
        heading.getStyleClass().add("section-label");
        summary.getChildren().add(heading);
        int i = 0;
        for (String line : model.summary()) {
            Label text = new Label("\u2022 " + line);
            text.setId("policyDetailsSummary-" + i++);
            text.setWrapText(true);
            summary.getChildren().add(text);
        }
    }

    private Node documentTab() {
        TextArea document = new TextArea();
        document.setId("policyDocumentText");
        document.setEditable(false);
        document.getStyleClass().add("policy-document");
        document.textProperty().bind(model.documentProperty());
        VBox.setVgrow(document, Priority.ALWAYS);
        return new VBox(document);
    }

    private Node versionsTab() {
        TableView<PolicyVersion> table = new TableView<>(model.versions());
        table.setId("policyVersionsTable");
        table.getStyleClass().add("console-table");
        Tables.fitOrScroll(table);
        table.getColumns().add(Tables.textColumn("Version", 90, PolicyVersion::versionId));
        table.getColumns().add(Tables.nodeColumn("Default", 100, v -> v.isDefaultVersion()
                ? StatusTag.tag("Default", "status-success") : new Label(Formats.NONE)));
        table.getColumns().add(Tables.textColumn("Created", 150, v -> Formats.dateTime(v.createDate())));
        table.getColumns().add(Tables.nodeColumn("Actions", 160, v -> v.isDefaultVersion() || !model.isCustom()
                ? new Label() : Tables.actions(Tables.action("Set as Default", "set-default-version", v.versionId(),
                        () -> controller.setDefaultVersion(v.versionId())))));
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(table);
    }

    private Node entitiesTab() {
        TableView<PolicyAttachment> table = new TableView<>(model.entities());
        table.setId("policyEntitiesTable");
        table.getStyleClass().add("console-table");
        Tables.fitOrScroll(table);
        table.getColumns().add(Tables.textColumn("Name", 220, PolicyAttachment::name));
        table.getColumns().add(Tables.textColumn("Type", 100, PolicyAttachment::entityType));
        table.getColumns().add(Tables.textColumn("Attached", 150, a -> Formats.dateTime(a.attachDate())));
        table.setPlaceholder(new Label("Not attached to any user, group or role of this account."));
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(table);
    }
}
