package dev.ecskms.ui.ram.roles;

import dev.ecskms.sim.ram.RamService;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.NoticeBanner;
import dev.ecskms.ui.common.Tables;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * RAM → Roles, read-only: the account's roles with whom they trust and the policies attached — among them ECS's
 * {@value RamService#ECS_DISK_ENCRYPTION_ROLE}, through which ECS uses customer master keys for disks. When it is
 * missing, Authorize creates it (the key selector offers the same when a customer key is first chosen).
 */
public final class RolesPage implements ConsolePage {
    private final RolesModel model = new RolesModel();
    private final RolesController controller;
    private final VBox view;

    public RolesPage(ConsoleSession session) {
        this.controller = new RolesController(session, model);
        ErrorBanner errors = new ErrorBanner("rolesError", model.errorProperty(), controller::dismissError);
        NoticeBanner notice = new NoticeBanner("rolesNotice", model.noticeProperty(), controller::dismissNotice,
                NoticeBanner.SHOW_FOR);

        Label missing = Tables.callout("ecsRoleMissing", "ECS is not authorized to use your KMS keys yet: the role "
                + RamService.ECS_DISK_ENCRYPTION_ROLE + " with " + RamService.ECS_DISK_ENCRYPTION_POLICY
                + " does not exist. Disks can still be encrypted with the service key alias/acs/ecs.", "warning");
        Button authorize = new Button("Authorize ECS", Icons.icon(AntDesignIconsOutlined.SAFETY));
        authorize.setId("authorizeEcsButton");
        authorize.setOnAction(event -> controller.authorizeEcs());
        HBox.setHgrow(missing, Priority.ALWAYS);
        HBox missingBox = new HBox(8, missing, authorize);
        missingBox.setAlignment(Pos.CENTER_LEFT);
        missingBox.visibleProperty().bind(model.ecsRoleReadyProperty().not());
        missingBox.managedProperty().bind(missingBox.visibleProperty());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, spacer,
                ListPageLayout.refreshButton("rolesRefreshButton", controller::load, model.loadingProperty()));
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("table-toolbar");

        TableView<RolesModel.RoleRow> table = new TableView<>(model.roles());
        table.setId("rolesTable");
        table.getStyleClass().add("console-table");
        Tables.fitOrScroll(table);
        table.getColumns().add(Tables.nodeColumn("Role Name", 250, row -> Tables.twoLines(
                new Label(row.role().roleName()), row.role().arn())));
        table.getColumns().add(Tables.textColumn("Trusted Entity", 170, row -> TrustPolicies.trusted(
                row.role().assumeRolePolicyDocument())));
        table.getColumns().add(Tables.textColumn("Policies", 230, RolesModel.RoleRow::policyNames));
        table.getColumns().add(Tables.textColumn("Description", 240, row -> row.role().description()));
        table.getColumns().add(Tables.textColumn("Created", 130, row -> Formats.dateTime(row.role().createDate())));
        table.setPlaceholder(new Label("No RAM roles in this account."));
        table.setPrefHeight(220);

        Label trustTitle = new Label("Trust Policy");
        trustTitle.getStyleClass().add("section-label");
        TextArea trust = new TextArea();
        trust.setId("roleTrustPolicyText");
        trust.setEditable(false);
        trust.getStyleClass().add("policy-document");
        trust.setPromptText("Select a role to see whom it trusts.");
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> trust.setText(
                row == null ? "" : TrustPolicies.pretty(row.role().assumeRolePolicyDocument())));
        model.roles().addListener((javafx.collections.ListChangeListener<RolesModel.RoleRow>) change -> {
            if (table.getSelectionModel().getSelectedItem() == null && !model.roles().isEmpty()) {
                table.getSelectionModel().select(0);
            }
        });
        VBox.setVgrow(trust, Priority.ALWAYS);
        VBox content = new VBox(10, toolbar, table, trustTitle, trust);
        view = ListPageLayout.page("Roles", "A role is an identity that trusted services or accounts assume, with"
                + " the permissions of its policies. ECS encrypts disks with your customer master keys through "
                + RamService.ECS_DISK_ENCRYPTION_ROLE + ".", content, errors, notice, missingBox);
        view.setId("ramRolesPage");
    }

    public RolesModel model() {
        return model;
    }

    @Override
    public String breadcrumb() {
        return "RAM / Identities / Roles";
    }

    @Override
    public Node view() {
        return view;
    }

    /** RAM's changes only (see {@link dev.ecskms.ui.ram.RamTopics}). */
    @Override
    public java.util.Set<dev.ecskms.sim.common.ChangeFeed.Topic> changeTopics() {
        return dev.ecskms.ui.ram.RamTopics.all();
    }

    @Override
    public void refresh() {
        controller.load();
    }
}
