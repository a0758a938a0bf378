package dev.ecskms.ui.common;

import javafx.geometry.HPos;
import javafx.geometry.VPos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;

/** The two-column forms of the console's wizards and pages: right-aligned labels of 120 px, fields that grow. */
public final class Forms {
    private Forms() {
    }

    /** An empty form grid with the console's columns; {@code styleClasses} come after "form-grid". */
    public static GridPane grid(double vgap, String... styleClasses) {
        GridPane form = new GridPane();
        form.getStyleClass().add("form-grid");
        form.getStyleClass().addAll(styleClasses);
        form.setHgap(16);
        form.setVgap(vgap);
        ColumnConstraints labels = new ColumnConstraints(120);
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        form.getColumnConstraints().addAll(labels, fields);
        return form;
    }

    /** Adds a labelled row (label aligned to the top of its field); returns the next row index. */
    public static int addRow(GridPane form, int row, String text, Node field, boolean required) {
        Label label = Tables.formLabel(text, required);
        GridPane.setValignment(label, VPos.TOP);
        form.add(label, 0, row);
        form.add(field, 1, row);
        return row + 1;
    }

    /** A small grey wrapped hint under or beside a field, found by its id. */
    public static Label hint(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("field-hint");
        label.setWrapText(true);
        return label;
    }

    /** A red wrapped line next to a field with the service's message for its value; hidden while there is none. */
    public static Label fieldError(String id) {
        Label label = new Label();
        label.setId(id);
        label.getStyleClass().add("field-error");
        label.setWrapText(true);
        label.setVisible(false);
        label.setManaged(false);
        return label;
    }

    /** Shows the message (or hides the line when null). */
    public static void showFieldError(Label label, String message) {
        label.setText(message);
        label.setVisible(message != null);
        label.setManaged(message != null);
    }
}
