package dev.ecskms.ui.ram.groups;

import dev.ecskms.sim.ram.User;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DetailsLayout;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.Icons;
import dev.ecskms.ui.common.InfoGrid;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.NoticeBanner;
import dev.ecskms.ui.common.Tables;
import dev.ecskms.ui.ram.PermissionsView;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** A group's details: basic information and the tabs Members and Permissions. */
final class GroupDetailsView extends VBox {
    private final GroupDetailsModel model;
    private final GroupDetailsController controller;
    private final InfoGrid info = new InfoGrid();

    GroupDetailsView(ConsoleSession session, String groupName, Runnable back) {
        this.model = new GroupDetailsModel(groupName);
        this.controller = new GroupDetailsController(session, model);
        setId("groupDetails");
        setSpacing(10);
        Label title = new Label(groupName);
        title.setId("groupDetailsTitle");
        ErrorBanner errors = new ErrorBanner("groupError", model.errorProperty(), controller::dismissError);
        NoticeBanner notice = new NoticeBanner("groupNotice", model.noticeProperty(), controller::dismissNotice,
                NoticeBanner.SHOW_FOR);
        model.groupProperty().addListener((obs, old, group) -> showInfo());
        showInfo();
        TabPane tabs = ListPageLayout.tabs("groupDetailTabs",
                ListPageLayout.tab("Members", "groupMembersTab", membersTab()),
                ListPageLayout.tab("Permissions", "groupPermissionsTab", new PermissionsView("group",
                        model.policies(), controller::openAttachPolicy, controller::openDetachPolicy)));
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox card = new VBox(tabs);
        card.getStyleClass().add("card");
        VBox.setVgrow(card, Priority.ALWAYS);
        getChildren().addAll(DetailsLayout.backLink("User Groups", "backToGroups", back),
                DetailsLayout.header(title, new Label(), new HBox()), errors, notice,
                DetailsLayout.card("Basic Information", info), card);
    }

    void refresh() {
        controller.load();
    }

    private void showInfo() {
        var group = model.groupProperty().get();
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"Group Name", model.groupName(), "groupNameValue"});
        fields.add(new String[] {"Comments", group == null ? null : group.comments(), "groupCommentsValue"});
        fields.add(new String[] {"Created", group == null ? null : Formats.dateTime(group.createDate()),
                "groupCreatedValue"});
        info.setFields(fields);
    }

    private Node membersTab() {
        Button add = new Button("Add Members", Icons.icon(AntDesignIconsOutlined.USER_ADD));
        add.setId("addMembersButton");
        add.getStyleClass().add("primary-button");
        add.setOnAction(event -> controller.openAddMembers());
        HBox toolbar = new HBox(8, add);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("table-toolbar");
        TableView<User> table = new TableView<>(model.members());
        table.setId("groupMembersTable");
        table.getStyleClass().add("console-table");
        Tables.fitOrScroll(table);
        table.getColumns().add(Tables.textColumn("User Name", 200, User::userName));
        table.getColumns().add(Tables.textColumn("Display Name", 200, User::displayName));
        table.getColumns().add(Tables.nodeColumn("Actions", 120, user -> Tables.actions(Tables.action("Remove",
                "remove-member", user.userName(), () -> controller.openRemoveMember(user.userName())))));
        table.setPlaceholder(new Label("No members yet."));
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(10, toolbar, table);
    }
}
