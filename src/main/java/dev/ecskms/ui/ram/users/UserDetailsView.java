package dev.ecskms.ui.ram.users;

import dev.ecskms.sim.ram.AccessKeyInfo;
import dev.ecskms.sim.ram.Group;
import dev.ecskms.sim.ram.User;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.DetailsLayout;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Formats;
import dev.ecskms.ui.common.InfoGrid;
import dev.ecskms.ui.common.ListPageLayout;
import dev.ecskms.ui.common.NoticeBanner;
import dev.ecskms.ui.common.StatusTag;
import dev.ecskms.ui.common.Tables;
import dev.ecskms.ui.ram.PermissionsView;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** A RAM user's details: basic information and the tabs Groups, Permissions and AccessKeys. */
final class UserDetailsView extends VBox {
    private final UserDetailsModel model;
    private final UserDetailsController controller;
    private final InfoGrid info = new InfoGrid();

    UserDetailsView(ConsoleSession session, String userName, Runnable back) {
        this.model = new UserDetailsModel(userName);
        this.controller = new UserDetailsController(session, model);
        setId("userDetails");
        setSpacing(10);
        Label title = new Label(userName);
        title.setId("userDetailsTitle");
        HBox header = DetailsLayout.header(title, new Label(), new HBox());
        ErrorBanner errors = new ErrorBanner("userError", model.errorProperty(), controller::dismissError);
        NoticeBanner notice = new NoticeBanner("userNotice", model.noticeProperty(), controller::dismissNotice,
                NoticeBanner.SHOW_FOR);
        model.userProperty().addListener((obs, old, user) -> showInfo(user));
        showInfo(null);

        TabPane tabs = ListPageLayout.tabs("userDetailTabs",
                ListPageLayout.tab("Groups", "userGroupsTab", groupsTab()),
                ListPageLayout.tab("Permissions", "userPermissionsTab", new PermissionsView("user",
                        model.policies(), controller::openAttachPolicy, controller::openDetachPolicy)),
                ListPageLayout.tab("AccessKeys", "userAccessKeysTab", accessKeysTab()));
        tabs.getSelectionModel().select(1);
        VBox.setVgrow(tabs, Priority.ALWAYS);
        VBox card = new VBox(tabs);
        card.getStyleClass().add("card");
        VBox.setVgrow(card, Priority.ALWAYS);
        getChildren().addAll(DetailsLayout.backLink("Users", "backToUsers", back), header, errors, notice,
                DetailsLayout.card("Basic Information", info), card);
    }

    void refresh() {
        controller.load();
    }

    private void showInfo(User user) {
        List<String[]> fields = new ArrayList<>();
        fields.add(new String[] {"Logon Name", model.userName(), "userNameValue"});
        fields.add(new String[] {"UID", user == null ? null : user.userId(), "userIdValue"});
        fields.add(new String[] {"Display Name", user == null ? null : user.displayName(), "displayNameValue"});
        fields.add(new String[] {"Created", user == null ? null : Formats.dateTime(user.createDate()),
                "userCreatedValue"});
        info.setFields(fields);
    }

    private VBox groupsTab() {
        TableView<Group> table = new TableView<>(model.groups());
        table.setId("userGroupsTable");
        table.getStyleClass().add("console-table");
        Tables.fitOrScroll(table);
        table.getColumns().add(Tables.textColumn("Group Name", 220, Group::groupName));
        table.getColumns().add(Tables.textColumn("Comments", 260, Group::comments));
        table.getColumns().add(Tables.textColumn("Created", 150, g -> Formats.dateTime(g.createDate())));
        table.setPlaceholder(new Label("Not in any group. Add the user to a group on RAM → Groups."));
        VBox box = new VBox(10, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private VBox accessKeysTab() {
        Button create = new Button("Create AccessKey", dev.ecskms.ui.common.Icons.icon(AntDesignIconsOutlined.PLUS));
        create.setId("createAccessKeyButton");
        create.getStyleClass().add("primary-button");
        create.setOnAction(event -> controller.openCreateAccessKey());
        Label note = new Label("A user may have two AccessKeys; the secret is shown only when a key is created.");
        note.getStyleClass().add("toolbar-note");
        note.setWrapText(true);
        HBox toolbar = new HBox(8, create, note);
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("table-toolbar");

        TableView<AccessKeyInfo> table = new TableView<>(model.accessKeys());
        table.setId("accessKeysTable");
        table.getStyleClass().add("console-table");
        Tables.fitOrScroll(table);
        table.getColumns().add(Tables.textColumn("AccessKey ID", 240, AccessKeyInfo::accessKeyId));
        table.getColumns().add(Tables.nodeColumn("Status", 110, key -> StatusTag.tag(key.status(),
                "Active".equals(key.status()) ? "status-success" : "status-neutral")));
        table.getColumns().add(Tables.textColumn("Created", 150, k -> Formats.dateTime(k.createDate())));
        table.getColumns().add(Tables.nodeColumn("Actions", 170, key -> Tables.actions(
                "Active".equals(key.status())
                        ? Tables.action("Disable", "disable-key", key.accessKeyId(),
                                () -> controller.setAccessKeyStatus(key.accessKeyId(), "Inactive"))
                        : Tables.action("Enable", "enable-key", key.accessKeyId(),
                                () -> controller.setAccessKeyStatus(key.accessKeyId(), "Active")),
                Tables.action("Delete", "delete-key", key.accessKeyId(),
                        () -> controller.openDeleteAccessKey(key.accessKeyId())))));
        table.setPlaceholder(new Label("No AccessKeys: this user cannot call the API."));
        VBox box = new VBox(10, toolbar, table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }
}
