package dev.ecskms.ui.ram.users;

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
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** RAM → Users: the account's RAM users in a dense table; a user's details open in place of the list. */
public final class UsersPage implements ConsolePage {
    private final ConsoleSession session;
    private final UsersModel model = new UsersModel();
    private final UsersController controller;
    private final ListDetails content;

    public UsersPage(ConsoleSession session) {
        this.session = session;
        this.controller = new UsersController(session, model);
        ErrorBanner errors = new ErrorBanner("usersError", model.errorProperty(), controller::dismissError);
        NoticeBanner notice = new NoticeBanner("usersNotice", model.noticeProperty(), controller::dismissNotice,
                NoticeBanner.SHOW_FOR);

        Button create = new Button("Create User", Icons.icon(AntDesignIconsOutlined.USER_ADD));
        create.setId("createUserButton");
        create.getStyleClass().add("primary-button");
        create.setOnAction(event -> controller.openCreateUser());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        TextField search = ListPageLayout.searchField("usersSearchField", "Search by user name or display name",
                300, model.rows().queryProperty());
        HBox toolbar = new HBox(8, create, spacer, search,
                ListPageLayout.refreshButton("usersRefreshButton", controller::load, model.loadingProperty()));
        toolbar.setAlignment(Pos.CENTER_LEFT);
        toolbar.getStyleClass().add("table-toolbar");

        TableView<UsersModel.UserRow> table = new TableView<>(model.rows().pageRows());
        table.setId("usersTable");
        table.getStyleClass().add("console-table");
        Tables.fitOrScroll(table);
        table.setFixedCellSize(44);
        table.getColumns().add(Tables.nodeColumn("User Logon Name", 200, row -> {
            Hyperlink link = new Hyperlink(row.user().userName());
            link.setId("user-" + row.user().userName());
            link.setOnAction(event -> showUser(row.user().userName()));
            return Tables.twoLines(link, row.user().userId());
        }));
        table.getColumns().add(Tables.textColumn("Display Name", 160, row -> row.user().displayName()));
        table.getColumns().add(Tables.textColumn("Created", 140, row -> Formats.dateTime(row.user().createDate())));
        table.getColumns().add(Tables.textColumn("AccessKeys", 170, UsersModel.UserRow::accessKeysText));
        table.getColumns().add(Tables.nodeColumn("Actions", 200, row -> Tables.actions(
                Tables.action("Add Permissions", "add-permissions", row.user().userName(),
                        () -> showUser(row.user().userName())),
                Tables.action("Delete", "delete-user", row.user().userName(),
                        () -> controller.openDeleteUser(row.user().userName())))));
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.when(model.loadingProperty()).then("Loading...").otherwise(
                Bindings.when(model.rows().queryProperty().isEmpty())
                        .then("No RAM users yet. Create one to give a person or a program its own identity"
                                + " instead of the account's.")
                        .otherwise("No user matches the search.")));
        table.setPlaceholder(placeholder);
        VBox.setVgrow(table, Priority.ALWAYS);
        VBox list = new VBox(12, toolbar, table, Tables.pager("users", model.rows()));

        VBox page = ListPageLayout.page("Users", "RAM users are identities in your account, each with its own"
                + " AccessKeys and only the permissions its policies grant. Use them instead of the account's own"
                + " AccessKey.", list, errors, notice);
        content = new ListDetails(page, controller::load);
        content.view().setId("ramUsersPage");
    }

    public UsersModel model() {
        return model;
    }

    public UsersController controller() {
        return controller;
    }

    /** Opens a user's details in place of the list. */
    public void showUser(String userName) {
        UserDetailsView details = new UserDetailsView(session, userName, content::showList);
        content.showDetails(details, details::refresh);
    }

    @Override
    public String breadcrumb() {
        return "RAM / Identities / Users";
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

    /** Another identity or account: its users, not the details of the previous account's one. */
    @Override
    public void regionChanged() {
        content.showList();
    }
}
