package dev.ecskms.ui.shell;

import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.ui.ConsoleServices;
import dev.ecskms.ui.common.ConsolePage;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.ErrorBanner;
import dev.ecskms.ui.common.Icons;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * The console frame: top bar (logo, region, simulated clock, identity), left navigation, the content area with
 * the current page, and the status bar with the API endpoint and the identity acted as with its AccessKey id.
 */
public final class ShellView extends BorderPane {
    /** The window width from which the product title and the account id fit next to everything else. */
    static final double WIDE_TOP_BAR = 1300;
    private static final double IDENTITY_COMPACT_WIDTH = 150;
    /**
     * Whether the window is that wide. Below it the top bar drops the product title (the window title names it) and
     * shows the identity's kind without the id, and the status bar drops the API default region (its tooltip says
     * it): everything left fits the minimum window width uncut. The window's width, not the bars': their own width
     * follows what they show.
     */
    private final ObservableValue<Boolean> wide = sceneProperty().flatMap(Scene::widthProperty)
            .map(width -> width.doubleValue() >= WIDE_TOP_BAR).orElse(true);
    private final ConsoleSession session;
    private final ShellModel model;
    private final ShellController controller;
    private final StackPane pageHolder = new StackPane();
    private final ToggleGroup navigation = new ToggleGroup();

    public ShellView(ConsoleSession session, ShellModel model, ShellController controller) {
        this.session = session;
        this.model = model;
        this.controller = controller;
        setId("shell");
        getStyleClass().add("shell");
        setTop(topBar());
        setBottom(statusBar(session.services()));

        Label breadcrumb = new Label();
        breadcrumb.setId("breadcrumb");
        breadcrumb.getStyleClass().add("breadcrumb");
        model.currentPageProperty().addListener((obs, old, page) -> {
            breadcrumb.setText(page == null ? "" : page.breadcrumb());
            pageHolder.getChildren().setAll(page == null ? new Label() : page.view());
        });
        ErrorBanner banner = new ErrorBanner("shellError", model.errorProperty(), controller::dismissError);
        pageHolder.getStyleClass().add("page-holder");
        VBox.setVgrow(pageHolder, Priority.ALWAYS);
        VBox content = new VBox(10, breadcrumb, banner, pageHolder);
        content.getStyleClass().add("content-area");
        setCenter(content);
    }

    /** Adds a navigation group with its pages; the first page added overall is shown. */
    public void addNavigationGroup(String groupTitle, NavigationItem... items) {
        VBox nav = navigationColumn();
        if (groupTitle != null) {
            Label group = new Label(groupTitle);
            group.getStyleClass().add("nav-group");
            nav.getChildren().add(group);
        }
        for (NavigationItem item : items) {
            addItem(nav, item);
        }
    }

    /**
     * The left navigation, made on first use. It scrolls: with the RAM group its entries are taller than the
     * smallest window, which would otherwise push the top bar and the status bar out of it.
     */
    private VBox navigationColumn() {
        if (nav == null) {
            nav = new VBox();
            nav.setId("leftNav");
            nav.getStyleClass().add("left-nav");
            Label product = new Label("ECS & KMS");
            product.getStyleClass().add("nav-product");
            nav.getChildren().add(product);
            nav.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(nav);
            scroll.setId("leftNavScroll");
            scroll.getStyleClass().add("left-nav-scroll");
            scroll.setFitToWidth(true);
            scroll.setFitToHeight(true);
            scroll.setHbarPolicy(javafx.scene.control.ScrollPane.ScrollBarPolicy.NEVER);
            scroll.setMinHeight(0);
            setLeft(scroll);
        }
        return nav;
    }

    private VBox nav;

    private ToggleButton addItem(VBox nav, NavigationItem item) {
        ToggleButton button = new ToggleButton(item.title());
        button.setId(item.id());
        button.setToggleGroup(navigation);
        button.getStyleClass().add("nav-item");
        button.setMaxWidth(Double.MAX_VALUE);
        button.setAlignment(Pos.CENTER_LEFT);
        button.setOnAction(event -> {
            button.setSelected(true); // a second click keeps the page selected
            controller.showPage(item.page());
        });
        nav.getChildren().add(button);
        if (navigation.getSelectedToggle() == null) {
            button.setSelected(true);
            controller.showPage(item.page());
        }
        return button;
    }

    /** A smaller, indented heading inside a group, e.g. "Block Storage" under "Elastic Compute Service". */
    public void addNavigationSubgroup(String title, NavigationItem... items) {
        addNavigationGroup(null);
        VBox nav = navigationColumn();
        Label sub = new Label(title);
        sub.getStyleClass().add("nav-subgroup");
        nav.getChildren().add(sub);
        for (NavigationItem item : items) {
            addItem(nav, item).getStyleClass().add("nav-item-nested");
        }
    }

    /** Shows the page of a navigation entry as a click on it would, scrolled into view in the navigation. */
    public void select(String itemId) {
        for (javafx.scene.control.Toggle toggle : navigation.getToggles()) {
            ToggleButton button = (ToggleButton) toggle;
            if (itemId.equals(button.getId())) {
                reveal(button);
                button.fire();
            }
        }
    }

    /** Scrolls the left navigation so that the entry {@code itemId} is in view (a low window hides the last ones). */
    public void revealNavigation(String itemId) {
        navigation.getToggles().stream().map(ToggleButton.class::cast).filter(b -> itemId.equals(b.getId()))
                .findFirst().ifPresent(this::reveal);
    }

    private void reveal(Node item) {
        if (!(getLeft() instanceof javafx.scene.control.ScrollPane scroll) || nav == null) {
            return;
        }
        scroll.layout();
        double content = nav.getBoundsInLocal().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (content <= viewport) {
            return;
        }
        javafx.geometry.Bounds bounds = nav.sceneToLocal(item.localToScene(item.getBoundsInLocal()));
        double top = (content - viewport) * scroll.getVvalue();
        if (bounds.getMinY() < top) {
            scroll.setVvalue(bounds.getMinY() / (content - viewport));
        } else if (bounds.getMaxY() > top + viewport) {
            scroll.setVvalue(Math.min(1, (bounds.getMaxY() - viewport) / (content - viewport)));
        }
    }

    /** One entry of the left navigation and the page it opens. */
    public record NavigationItem(String id, String title, ConsolePage page) {
    }

    private Node topBar() {
        Label logoMark = new Label(null, Icons.icon(AntDesignIconsOutlined.CLOUD));
        logoMark.getStyleClass().add("logo-mark");
        Label logo = new Label("Alibaba Cloud");
        logo.getStyleClass().add("logo-text");
        Label product = new Label("ECS / KMS Console (simulator)");
        product.setId("productTitle");
        product.getStyleClass().add("product-title");

        ComboBox<Region> region = new ComboBox<>();
        region.setId("regionSelector");
        region.getStyleClass().add("region-selector");
        region.getItems().setAll(Catalog.regions());
        region.setValue(session.regionProperty().get());
        region.setCellFactory(list -> new RegionCell(true));
        region.setButtonCell(new RegionCell(false));
        region.setVisibleRowCount(14);
        region.valueProperty().addListener((obs, old, now) -> controller.selectRegion(now));

        Label clock = new Label();
        clock.setId("simulatedClock");
        clock.getStyleClass().add("sim-clock");
        clock.setGraphic(Icons.icon(AntDesignIconsOutlined.CLOCK_CIRCLE));
        clock.textProperty().bind(model.clockTextProperty());
        clock.setTooltip(new Tooltip("Simulated time (UTC). Key deletion windows and rotations run on this clock."));
        Label offset = new Label();
        offset.setId("clockOffset");
        offset.getStyleClass().add("clock-offset");
        offset.textProperty().bind(model.offsetTextProperty());
        offset.visibleProperty().bind(model.offsetTextProperty().isNotEmpty());
        offset.managedProperty().bind(offset.visibleProperty());

        MenuButton fastForward = new MenuButton("Fast-forward", Icons.icon(AntDesignIconsOutlined.FORWARD));
        fastForward.setId("fastForwardMenu");
        fastForward.getStyleClass().add("fast-forward");
        fastForward.getItems().addAll(
                fastForwardItem("+1 hour", "fastForward1h", Duration.ofHours(1)),
                fastForwardItem("+1 day", "fastForward1d", Duration.ofDays(1)),
                fastForwardItem("+7 days", "fastForward7d", Duration.ofDays(7)),
                fastForwardItem("+30 days", "fastForward30d", Duration.ofDays(30)));

        HBox bar = new HBox(10);
        Node productDivider = divider();
        for (Node node : List.of(product, productDivider)) {
            node.visibleProperty().bind(wide);
            node.managedProperty().bind(wide);
        }
        Node identity = identitySwitcher();
        for (javafx.scene.layout.Region fixed : List.of(logo, product, region, clock, offset, fastForward,
                (javafx.scene.layout.Region) identity)) {
            fixed.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never "Alib..."
        }
        bar.getChildren().addAll(logoMark, logo, productDivider, product, grow(), region, divider(), clock, offset,
                fastForward, divider(), identity);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("top-bar");
        return bar;
    }

    /**
     * Who the console acts as: the root account or the peer account of this simulator, or a RAM user of the
     * account acted in, whose policies then decide every call. The list is read in the background, again each
     * time it opens (users come and go on the RAM pages).
     */
    private Node identitySwitcher() {
        ComboBox<ConsoleIdentity> identities = new ComboBox<>();
        identities.setId("identitySelector");
        identities.getStyleClass().add("identity-selector");
        identities.setCellFactory(list -> new IdentityCell(true));
        IdentityCell button = new IdentityCell(false);
        button.compact = !wide.getValue();
        identities.setButtonCell(button);
        wide.addListener((obs, was, now) -> {
            button.compact = !now;
            button.updateItem(button.getItem(), button.isEmpty());
        });
        // as wide as its list (the longest entry) when there is room, else as wide as "Peer account"
        identities.prefWidthProperty().bind(wide.map(room -> room ? javafx.scene.layout.Region.USE_COMPUTED_SIZE
                : IDENTITY_COMPACT_WIDTH));
        identities.setTooltip(new Tooltip("Act as an account or as one of its RAM users"));
        identities.getItems().add(new ConsoleIdentity(session.accountId(), "root", null));
        identities.getSelectionModel().selectFirst();
        boolean[] filling = {false};
        Runnable reload = () -> controller.loadIdentities(list -> {
            filling[0] = true;
            try {
                List<ConsoleIdentity> offered = new java.util.ArrayList<>(list);
                if (offered.stream().noneMatch(controller::isCurrent)) {
                    offered.add(controller.currentIdentity()); // e.g. a user deleted meanwhile: still acted as
                }
                if (!identities.getItems().equals(offered)) { // an open list is not redrawn for nothing
                    identities.getItems().setAll(offered);
                }
                offered.stream().filter(controller::isCurrent).findFirst().ifPresent(identities::setValue);
            } finally {
                filling[0] = false;
            }
        });
        reload.run();
        identities.setOnShowing(event -> reload.run());
        identities.valueProperty().addListener((obs, old, now) -> {
            if (now != null && !filling[0]) {
                controller.selectIdentity(now);
                if (!now.isUser()) {
                    reload.run(); // the users of the account now acted in
                }
            }
        });
        return identities;
    }

    /** "1234567890123456 · Root account" or "alice (RAM user of 1234…)" with a person icon. */
    private static final class IdentityCell extends ListCell<ConsoleIdentity> {
        private final boolean inList;
        /** The button in a narrow top bar: "Root account" or the user's name without the id. */
        private boolean compact;

        IdentityCell(boolean inList) {
            this.inList = inList;
        }

        @Override
        public void updateItem(ConsoleIdentity identity, boolean empty) {
            super.updateItem(identity, empty);
            if (empty || identity == null) {
                setText(null);
                setGraphic(null);
                return;
            }
            String who = "root".equals(identity.accountKind()) ? "Root account" : "Peer account";
            if (identity.isUser()) {
                setText(compact && !inList ? identity.compact() : (inList ? "    " : "") + identity.describe());
            } else {
                setText(inList ? who + "   " + identity.accountId()
                        : compact ? who : identity.accountId() + "  \u00b7  " + who);
            }
            setGraphic(inList ? null : Icons.icon(identity.isUser() ? AntDesignIconsOutlined.IDCARD
                    : AntDesignIconsOutlined.USER));
            setId(inList ? identity.nodeId() : null);
        }
    }

    private MenuItem fastForwardItem(String text, String id, Duration by) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(event -> controller.fastForward(by));
        return item;
    }

    private Node statusBar(ConsoleServices services) {
        HBox bar = new HBox(8);
        bar.setId("statusBar");
        bar.getStyleClass().add("status-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        if (services.endpoint() == null) {
            Label notServing = new Label("API endpoint: not serving", Icons.icon(AntDesignIconsOutlined.API));
            notServing.setId("endpointLabel");
            bar.getChildren().add(notServing);
        } else {
            bar.getChildren().addAll(copyable("API endpoint", new ReadOnlyStringWrapper(services.endpointUrl()),
                    "endpoint"), divider());
        }
        // Who the calls run as: the account picked in the top bar, and its AccessKey for scripts.
        Label identityName = new Label("Acting as: ");
        identityName.getStyleClass().add("status-name");
        Label identity = new Label();
        identity.setId("identityLabel");
        identity.textProperty().bind(model.identityProperty());
        HBox identityBox = new HBox(2, identityName, identity);
        identityBox.setAlignment(Pos.CENTER_LEFT);
        bar.getChildren().add(identityBox);
        if (services.endpoint() != null) {
            Node key = copyable("AccessKey ID", model.accessKeyIdProperty(), "accessKeyId");
            Label noKey = new Label("AccessKey ID: none");
            noKey.setId("noAccessKeyLabel");
            noKey.getStyleClass().add("status-name");
            key.visibleProperty().bind(model.accessKeyIdProperty().isNotEmpty());
            key.managedProperty().bind(key.visibleProperty());
            noKey.visibleProperty().bind(key.visibleProperty().not());
            noKey.managedProperty().bind(noKey.visibleProperty());
            bar.getChildren().addAll(divider(), key, noKey);
            if (services.apiRegion() != null) {
                Label apiRegion = new Label("API default region: " + services.apiRegion());
                apiRegion.setId("apiRegionLabel");
                apiRegion.setTooltip(new javafx.scene.control.Tooltip("The region of API calls that name none,"
                        + " neither by RegionId nor by a host such as kms.cn-shanghai.aliyuncs.com"));
                Node apiRegionDivider = divider();
                for (Node node : List.of(apiRegionDivider, apiRegion)) {
                    node.visibleProperty().bind(wide);
                    node.managedProperty().bind(wide);
                }
                bar.getChildren().addAll(apiRegionDivider, apiRegion);
            }
        }
        ProgressIndicator busy = new ProgressIndicator();
        busy.setId("busyIndicator");
        busy.getStyleClass().add("busy-indicator");
        busy.setPrefSize(14, 14);
        busy.setMaxSize(14, 14);
        busy.visibleProperty().bind(session.tasks().runningProperty().greaterThan(0));
        Label region = new Label();
        region.getStyleClass().add("status-region");
        region.textProperty().bind(session.regionProperty().map(r -> "Region: " + r.regionId()));
        region.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        bar.getChildren().addAll(grow(), busy, region);
        return bar;
    }

    private Node copyable(String name, ObservableStringValue value, String id) {
        Label label = new Label(name + ": ");
        label.getStyleClass().add("status-name");
        Label text = new Label();
        text.setId(id + "Label");
        text.getStyleClass().add("mono");
        text.textProperty().bind(value);
        Button copy = new Button(null, Icons.icon(AntDesignIconsOutlined.COPY));
        copy.setId(id + "CopyButton");
        copy.getStyleClass().addAll("flat", "button-icon", "copy-button");
        copy.setTooltip(new Tooltip("Copy " + name));
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(value.get());
            Clipboard.getSystemClipboard().setContent(content);
        });
        HBox box = new HBox(2, label, text, copy);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private static Node divider() {
        Separator separator = new Separator(Orientation.VERTICAL);
        separator.getStyleClass().add("bar-divider");
        return separator;
    }

    private static Node grow() {
        javafx.scene.layout.Region spacer = new javafx.scene.layout.Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    /** Shows a region by its local name; the drop-down also says why a limited region is limited. */
    private static final class RegionCell extends ListCell<Region> {
        private final boolean inList;

        RegionCell(boolean inList) {
            this.inList = inList;
        }

        @Override
        protected void updateItem(Region region, boolean empty) {
            super.updateItem(region, empty);
            if (empty || region == null) {
                setText(null);
                setGraphic(null);
                setTooltip(null);
                return;
            }
            setText(region.localName() + (inList ? "   " + region.regionId() : ""));
            setGraphic(inList ? null : Icons.icon(AntDesignIconsOutlined.GLOBAL));
            setTooltip(region.note().isEmpty() ? null : new Tooltip(region.note()));
        }
    }
}
