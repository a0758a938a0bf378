package dev.ecskms.ui.common;

import java.util.function.Function;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.Callback;
import javafx.util.StringConverter;
import org.kordamp.ikonli.antdesignicons.AntDesignIconsOutlined;

/** The pieces every console table is made of: text and node columns, action links, the pager. */
public final class Tables {
    /**
     * How far a column may shrink below its set width before the table scrolls sideways: at 1366×768 (and in the
     * 1280-wide test screen) the widest tables (Instances, Disks) then still fit with their Actions column in view.
     */
    static final double MIN_SHARE = 0.75;

    private Tables() {
    }

    /**
     * A text column whose values wrap onto a second line (the rows have room for two) rather than end in "...".
     * Like every console column it grows with the table and shrinks to {@link #MIN_SHARE} of {@code width} (its
     * text wraps); a window too narrow even for that scrolls the table sideways instead of cutting its text.
     */
    public static <T> TableColumn<T, String> textColumn(String title, double width, Function<T, String> value) {
        TableColumn<T, String> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(Math.round(width * MIN_SHARE));
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(Formats.orNone(value.apply(cell.getValue()))));
        column.setCellFactory(ignored -> {
            TableCell<T, String> cell = new TableCell<>() {
                @Override
                protected void updateItem(String item, boolean empty) {
                    super.updateItem(item, empty);
                    setText(empty ? null : item);
                }
            };
            cell.setWrapText(true);
            return cell;
        });
        return column;
    }

    /**
     * Lets the table's columns share out its width while they fit at their minimum widths, and scroll sideways
     * when they do not: a constrained policy alone never scrolls, so it would leave the last columns (Actions) out
     * of reach in a narrow window.
     */
    public static <S> void fitOrScroll(TableView<S> table) {
        // room for the vertical scroll bar, which takes its width from the columns when the rows overflow
        double scrollBar = 16;
        InvalidationListener choose = ignored -> {
            double needed = scrollBar + table.snappedLeftInset() + table.snappedRightInset()
                    + table.getVisibleLeafColumns().stream().mapToDouble(TableColumn::getMinWidth).sum();
            Callback<TableView.ResizeFeatures, Boolean> policy = table.getWidth() >= needed
                    ? TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN : TableView.UNCONSTRAINED_RESIZE_POLICY;
            if (table.getColumnResizePolicy() != policy) {
                table.setColumnResizePolicy(policy);
            }
        };
        table.widthProperty().addListener(choose);
        table.getVisibleLeafColumns().addListener(choose);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    /** A column of nodes built per row; at least {@code width} wide, as {@link #textColumn}. */
    public static <T> TableColumn<T, T> nodeColumn(String title, double width, Function<T, Node> render) {
        TableColumn<T, T> column = new TableColumn<>(title);
        column.setPrefWidth(width);
        column.setMinWidth(width);
        column.setSortable(false);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        column.setCellFactory(ignored -> new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                setGraphic(empty || item == null ? null : render.apply(item));
            }
        });
        return column;
    }

    /** A value with a grey caption underneath, as the console's two-line cells (ID over name). */
    public static Node twoLines(Node first, String caption) {
        if (caption == null || caption.isBlank()) {
            return first;
        }
        Label second = new Label(caption);
        second.getStyleClass().add("cell-caption");
        VBox box = new VBox(1, first, second);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** An action link; its id ({@code action + "-" + resourceId}) and user data (the resource id) let tests find it. */
    public static Hyperlink action(String text, String action, String resourceId, Runnable onClick) {
        Hyperlink link = new Hyperlink(text);
        link.setId(action + "-" + resourceId);
        link.setUserData(resourceId);
        link.setMinWidth(Region.USE_PREF_SIZE);
        link.getStyleClass().addAll("key-action", "action-" + action);
        link.setOnAction(event -> onClick.run());
        return link;
    }

    /** An action of a row's "More" menu; id and user data as {@link #action}. */
    public static MenuItem menuAction(String text, String action, String resourceId, Runnable onClick) {
        MenuItem item = new MenuItem(text);
        item.setId(action + "-" + resourceId);
        item.setUserData(resourceId);
        item.getStyleClass().addAll("more-action", "action-" + action);
        item.setOnAction(event -> onClick.run());
        return item;
    }

    /** The "More" link that opens a row's further actions, as the console does when its links no longer fit. */
    public static MenuButton more(String resourceId, MenuItem... items) {
        MenuButton more = new MenuButton("More", Icons.icon(AntDesignIconsOutlined.DOWN));
        more.setId("more-" + resourceId);
        more.setUserData(resourceId);
        more.setContentDisplay(ContentDisplay.RIGHT);
        more.setMinWidth(Region.USE_PREF_SIZE);
        more.getStyleClass().add("more-actions");
        more.getItems().setAll(items);
        return more;
    }

    public static HBox actions(Node... links) {
        HBox box = new HBox(2, links);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("action-links");
        return box;
    }

    /** "Total: n  ‹ 1 / 2 ›  10 / page" under a table; node ids start with {@code idPrefix}. */
    public static Node pager(String idPrefix, PagedList<?> model) {
        Label size = new Label(PagedList.PAGE_SIZE + " / page");
        size.getStyleClass().add("pager-size");
        return pager(idPrefix, model, size);
    }

    /** The pager of a table the service pages, with the console's page-size chooser in place of the fixed size. */
    public static Node pager(String idPrefix, ServerPage<?> model) {
        ComboBox<Integer> size = new ComboBox<>();
        size.setId(idPrefix + "PageSize");
        size.getItems().setAll(ServerPage.PAGE_SIZES);
        size.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : value + " / page";
            }

            @Override
            public Integer fromString(String text) {
                return Integer.valueOf(text.replace(" / page", "").trim());
            }
        });
        size.getStyleClass().add("pager-size");
        size.setValue(model.pageSizeProperty().get());
        size.valueProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.pageSizeProperty().set(now);
            }
        });
        model.pageSizeProperty().addListener((obs, old, now) -> size.setValue(now.intValue()));
        return pager(idPrefix, model, size);
    }

    private static Node pager(String idPrefix, Paging model, Node size) {
        Label total = new Label();
        total.setId(idPrefix + "TotalLabel");
        total.textProperty().bind(Bindings.format("Total: %d", model.totalCountProperty()));
        total.getStyleClass().add("pager-total");
        Button previous = new Button(null, Icons.icon(AntDesignIconsOutlined.LEFT));
        previous.setId(idPrefix + "PreviousPage");
        previous.getStyleClass().add("pager-button");
        previous.disableProperty().bind(model.pageIndexProperty().lessThanOrEqualTo(0));
        previous.setOnAction(event -> model.pageIndexProperty().set(model.pageIndexProperty().get() - 1));
        Button next = new Button(null, Icons.icon(AntDesignIconsOutlined.RIGHT));
        next.setId(idPrefix + "NextPage");
        next.getStyleClass().add("pager-button");
        next.disableProperty().bind(model.pageIndexProperty().greaterThanOrEqualTo(
                model.pageCountProperty().subtract(1)));
        next.setOnAction(event -> model.pageIndexProperty().set(model.pageIndexProperty().get() + 1));
        Label page = new Label();
        page.setId(idPrefix + "PageLabel");
        page.textProperty().bind(Bindings.format("%d / %d", model.pageIndexProperty().add(1),
                model.pageCountProperty()));
        page.getStyleClass().add("pager-page");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox pager = new HBox(8, spacer, total, previous, page, next, size);
        pager.setAlignment(Pos.CENTER_RIGHT);
        pager.getStyleClass().add("pager");
        return pager;
    }

    /** A form label with an optional red asterisk, as in the console's forms. */
    public static Label formLabel(String text, boolean required) {
        Label label = new Label(text);
        label.getStyleClass().add("form-label");
        if (required) {
            Label mark = new Label("*");
            mark.getStyleClass().add("required-mark");
            label.setGraphic(mark);
        }
        label.setPadding(new Insets(4, 0, 0, 0));
        return label;
    }

    /** A wrapped callout (info, warning, danger) with its icon. */
    public static Label callout(String id, String text, String kind) {
        Label label = new Label(text, Icons.icon(switch (kind) {
            case "danger" -> AntDesignIconsOutlined.CLOSE_CIRCLE;
            case "warning" -> AntDesignIconsOutlined.WARNING;
            default -> AntDesignIconsOutlined.INFO_CIRCLE;
        }));
        label.setId(id);
        label.getStyleClass().addAll("callout", "callout-" + kind);
        label.setWrapText(true);
        label.setMaxWidth(Double.MAX_VALUE);
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }
}
