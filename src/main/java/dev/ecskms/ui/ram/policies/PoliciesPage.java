package dev.ecskms.ui.ram.policies;

import dev.ecskms.sim.ram.Policy;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ListDetails;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.NoticeBanner;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** RAM → Policies: System and Custom policies, Create Policy with the validating editor, a policy's details. */
public final class PoliciesPage implements ConsolePage {
    private final ConsoleSession session;
    private final PoliciesModel model = new PoliciesModel();
    private final PoliciesController controller;
    private final ListDetails content;

    public PoliciesPage(ConsoleSession session) {
        this.session = session;
        this.controller = new PoliciesController(session, model);
        ErrorBanner errors = new ErrorBanner("policiesError", model.errorProperty(), controller::dismissError);
        NoticeBanner notice = new NoticeBanner("policiesNotice", model.noticeProperty(), controller::dismissNotice,
                NoticeBanner.SHOW_FOR);

        Button create = new Button("Create Policy", Icons.icon(AntDesignIconsOutlined.PLUS));
        create.setId("createPolicyButton");
        create.getStyleClass().add("primary-button");
        create.setOnAction(event -> controller.openCreatePolicy());
        ComboBox<PoliciesModel.TypeFilter> type = new ComboBox<>();
        type.setId("policiesTypeFilter");
        type.getItems().setAll(PoliciesModel.TypeFilter.values());
        type.valueProperty().bindBidirectional(model.typeProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        TextField search = ListPageLayout.searchField("policiesSearchField", "Search by policy name or description",
                280, model.rows().queryProperty());
        HBox toolbar = new HBox(8, create, spacer, type, search,
                ListPageLayout.refreshButton("policiesRefreshButton", controller::load, model.loadingProperty()));
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("table-toolbar");

        TableView<Policy> table = new TableView<>(model.rows().pageRows());
        table.setId("policiesTable");
        table.getStyleClass().add("console-table");
        Tables.fitOrScroll(table);
        table.setFixedCellSize(44);
        table.getColumns().add(Tables.nodeColumn("Policy Name", 230, policy -> {
            Hyperlink link = new Hyperlink(policy.policyName());
            link.setId("policy-" + policy.policyName());
            link.setOnAction(event -> showPolicy(policy.policyType(), policy.policyName()));
            return link;
        }));
        table.getColumns().add(Tables.nodeColumn("Policy Type", 100, policy -> StatusTag.tag(
                policy.policyType(), "System".equals(policy.policyType()) ? "status-info" : "status-success")));
        table.getColumns().add(Tables.textColumn("Description", 300, Policy::description));
        table.getColumns().add(Tables.textColumn("Attachments", 90, p -> Integer.toString(p.attachmentCount())));
        table.getColumns().add(Tables.textColumn("Created", 130, p -> Formats.dateTime(p.createDate())));
        table.getColumns().add(Tables.nodeColumn("Actions", 130, policy -> {
            List<Node> links = new ArrayList<>();
            links.add(Tables.action("Details", "policy-details", policy.policyName(),
                    () -> showPolicy(policy.policyType(), policy.policyName())));
            if ("Custom".equals(policy.policyType())) {
                links.add(Tables.action("Delete", "delete-policy", policy.policyName(),
                        () -> controller.openDeletePolicy(policy.policyName())));
            }
            return Tables.actions(links.toArray(Node[]::new));
        }));
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(model.loadingProperty()).then("Loading...")
                .otherwise("No policy matches."));
        table.setPlaceholder(placeholder);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox list = new VBox(12, toolbar, table, Tables.pager("policies", model.rows()));

        VBox page = ListPageLayout.page("Policies", "A policy says which actions on which resources are allowed or"
                + " denied, and under which conditions. System policies are Alibaba Cloud's; custom policies are"
                + " yours. An explicit Deny wins over any Allow.", list, errors, notice);
        content = new ListDetails(page, controller::load);
        content.view().setId("ramPoliciesPage");
    }

    public PoliciesModel model() {
        return model;
    }

    public PoliciesController controller() {
        return controller;
    }

    public void showPolicy(String policyType, String policyName) {
        PolicyDetailsView details = new PolicyDetailsView(session, policyType, policyName, content::showList);
        content.showDetails(details, details::refresh);
    }

    @Override
    public String breadcrumb() {
        return "RAM / Permissions / Policies";
    }

    @Override
    public Node view() {
        return content.view();
    }

    /** RAM's changes only (see {@link dev.ecskms.ui.ram.RamTopics}). */
    @Override
    public java.util.Set<dev.ecskms.sim.common.ChangeFeed.Topic> changeTopics() {
        return dev.ecskms.ui.ram.RamTopics.all();
    }

    @Override
    public void refresh() {
        content.refresh();
    }

    @Override
    public void open() {
        content.showList();
    }

    @Override
    public void regionChanged() {
        content.showList();
    }
}
