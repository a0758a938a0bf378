package dev.ecskms.ui.common;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/**
 * The frame of a resource's details page (disk, instance, key): the "← list" link, the header with title, state tag
 * and buttons, the titled cards, all in a scrolling column.
 */
public final class DetailsLayout {
    private DetailsLayout() {
    }

    /** "← Disks" and the like, back to the list. */
    public static Hyperlink backLink(String text, String id, Runnable onClick) {
        Hyperlink back = new Hyperlink(text, Icons.icon(AntDesignIconsOutlined.ARROW_LEFT));
        back.setId(id);
        back.getStyleClass().add("back-link");
        back.setOnAction(event -> onClick.run());
        return back;
    }

    /** Title and its tag on the left, the buttons on the right. */
    public static HBox header(Label title, Node titleTag, HBox buttons) {
        title.getStyleClass().add("page-title");
        buttons.setAlignment(Pos.CENTER_RIGHT);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(12, title, titleTag, spacer, buttons);
        header.setAlignment(Pos.CENTER_LEFT);
        return header;
    }

    /** A white card with its heading above the content. */
    public static VBox card(String heading, Node content) {
        Label label = new Label(heading);
        label.getStyleClass().add("card-title");
        VBox card = new VBox(12, label, content);
        card.getStyleClass().add("card");
        return card;
    }

    /** The page's cards, scrolling, taking the height left. */
    public static ScrollPane scroll(Node sections) {
        ScrollPane scroll = new ScrollPane(sections);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("page-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        return scroll;
    }

    /** A header button with its icon. */
    public static Button button(String text, String id, Ikon icon, Runnable action) {
        Button button = new Button(text, Icons.icon(icon));
        button.setId(id);
        button.setOnAction(event -> action.run());
        return button;
    }
}
