package dev.ecskms.ui.common;

import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * The frame of a list page (Disks, Instances, Keys, Snapshots): title, subtitle, banners and the white list card,
 * and the pieces of its toolbar (search field, refresh button) and tabs.
 */
public final class ListPageLayout {
    private ListPageLayout() {
    }

    /** Title, wrapped subtitle, the banners (error, notice), then {@code content} in a card taking the height left. */
    public static VBox page(String title, String subtitle, Node content, Node... banners) {
        Label heading = new Label(title);
        heading.getStyleClass().add("page-title");
        Label caption = new Label(subtitle);
        caption.getStyleClass().add("page-subtitle");
        caption.setWrapText(true);
        caption.setMinHeight(Region.USE_PREF_SIZE); // all its lines, also in a low window where the list gives way
        VBox.setVgrow(content, Priority.ALWAYS);
        VBox card = new VBox(content);
        card.getStyleClass().addAll("card", "list-card");
        for (Node banner : banners) {
            if (banner instanceof ErrorBanner errors) {
                showRefusalInPlace(card, content, errors);
            }
        }
        VBox.setVgrow(card, Priority.ALWAYS);
        VBox page = new VBox(8, heading, caption);
        page.getChildren().addAll(banners);
        page.getChildren().add(card);
        return page;
    }

    /**
     * A load the identity may not make (a RAM user without the List permission) shows the access-denied panel in
     * place of the list, not an empty table under a banner; the next successful load brings the list back.
     */
    private static void showRefusalInPlace(VBox card, Node content, ErrorBanner errors) {
        AccessDeniedPanel panel = new AccessDeniedPanel();
        VBox.setVgrow(panel, Priority.ALWAYS);
        javafx.beans.value.ChangeListener<String> show = (obs, old, now) -> {
            boolean refused = Errors.isRefusedLoad(now);
            errors.shownElsewhereProperty().set(refused);
            if (refused) {
                panel.show(now);
                card.getChildren().setAll(panel);
            } else if (card.getChildren().contains(panel)) {
                card.getChildren().setAll(content);
            }
        };
        errors.message().addListener(show);
        show.changed(errors.message(), null, errors.message().get());
    }

    /** The tabs of a list card ("Customer Master Keys" / "Default Keys" and the like); tabs cannot be closed. */
    public static TabPane tabs(String id, Tab... tabs) {
        TabPane pane = new TabPane(tabs);
        pane.setId(id);
        pane.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        pane.getStyleClass().add("page-tabs");
        return pane;
    }

    /** A tab with an id for tests. */
    public static Tab tab(String text, String id, Node content) {
        Tab tab = new Tab(text, content);
        tab.setId(id);
        return tab;
    }

    /** The toolbar's search field, bound both ways to the list's query. */
    public static TextField searchField(String id, String prompt, double width, StringProperty query) {
        TextField search = new TextField();
        search.setId(id);
        search.setPromptText(prompt);
        search.setPrefWidth(width);
        search.textProperty().bindBidirectional(query);
        return search;
    }

    /** The toolbar's refresh icon, disabled while the list loads. */
    public static Button refreshButton(String id, Runnable reload, ObservableBooleanValue loading) {
        Button refresh = new Button(null, Icons.icon(AntDesignIconsOutlined.RELOAD));
        refresh.setId(id);
        refresh.getStyleClass().add("icon-only");
        refresh.setTooltip(new Tooltip("Refresh"));
        refresh.setOnAction(event -> reload.run());
        refresh.disableProperty().bind(loading);
        return refresh;
    }
}
