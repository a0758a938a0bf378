package dev.ecskms.ui.ram.groups;

import dev.ecskms.sim.ram.Group;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.ListDetails;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.NoticeBanner;
import dev.ecskms.ui.common.Tables;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** RAM → Groups: user groups; a group's members and permissions open in place of the list. */
public final class GroupsPage implements ConsolePage {
    private final ConsoleSession session;
    private final GroupsModel model = new GroupsModel();
    private final GroupsController controller;
    private final ListDetails content;

    public GroupsPage(ConsoleSession session) {
        this.session = session;
        this.controller = new GroupsController(session, model);
        ErrorBanner errors = new ErrorBanner("groupsError", model.errorProperty(), controller::dismissError);
        NoticeBanner notice = new NoticeBanner("groupsNotice", model.noticeProperty(), controller::dismissNotice,
                NoticeBanner.SHOW_FOR);
        Button create = new Button("Create Group", Icons.icon(AntDesignIconsOutlined.USERGROUP_ADD));
        create.setId("createGroupButton");
        create.getStyleClass().add("primary-button");
        create.setOnAction(event -> controller.openCreateGroup());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox toolbar = new HBox(8, create, spacer, ListPageLayout.searchField("groupsSearchField",
                "Search by group name or comments", 280, model.rows().queryProperty()),
                ListPageLayout.refreshButton("groupsRefreshButton", controller::load, model.loadingProperty()));
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("table-toolbar");

        TableView<Group> table = new TableView<>(model.rows().pageRows());
        table.setId("groupsTable");
        table.getStyleClass().add("console-table");
        Tables.fitOrScroll(table);
        table.setFixedCellSize(44);
        table.getColumns().add(Tables.nodeColumn("Group Name", 220, group -> {
            Hyperlink link = new Hyperlink(group.groupName());
            link.setId("group-" + group.groupName());
            link.setOnAction(event -> showGroup(group.groupName()));
            return link;
        }));
        table.getColumns().add(Tables.textColumn("Comments", 300, Group::comments));
        table.getColumns().add(Tables.textColumn("Created", 150, g -> Formats.dateTime(g.createDate())));
        table.getColumns().add(Tables.nodeColumn("Actions", 220, group -> Tables.actions(
                Tables.action("Add Members", "add-members", group.groupName(), () -> showGroup(group.groupName())),
                Tables.action("Delete", "delete-group", group.groupName(),
                        () -> controller.openDeleteGroup(group.groupName())))));
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(model.loadingProperty()).then("Loading...").otherwise(
                "No user groups. A group gives its members the permissions of its policies."));
        table.setPlaceholder(placeholder);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox list = new VBox(12, toolbar, table, Tables.pager("groups", model.rows()));
        VBox page = ListPageLayout.page("User Groups", "Users in a group get the permissions of the policies"
                + " attached to the group, besides their own.", list, errors, notice);
        content = new ListDetails(page, controller::load);
        content.view().setId("ramGroupsPage");
    }

    public GroupsModel model() {
        return model;
    }

    public void showGroup(String groupName) {
        GroupDetailsView details = new GroupDetailsView(session, groupName, content::showList);
        content.showDetails(details, details::refresh);
    }

    @Override
    public String breadcrumb() {
        return "RAM / Identities / User Groups";
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
