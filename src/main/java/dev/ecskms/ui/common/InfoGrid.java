package dev.ecskms.ui.common;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;

/**
 * The "Basic Information" grid of the details pages: label, value, label, value, with fixed shares so that the
 * cards of a page line up. Each value label has an id so tests can read it.
 */
public final class InfoGrid extends GridPane {
    public InfoGrid() {
        getStyleClass().add("info-grid");
    }

    /** Clears the grid and sets its columns; then {@link #addField} or {@link #setFields}. */
    public void reset() {
        getChildren().clear();
        getColumnConstraints().setAll(columns());
    }

    /** Replaces the content with {@code {name, value, id}} triples, two to a row. */
    public void setFields(List<String[]> fields) {
        reset();
        for (int i = 0; i < fields.size(); i++) {
            String[] field = fields.get(i);
            addField(i / 2, (i % 2) * 2, field[0], field[1], field[2]);
        }
    }

    /** One name and its value (a dash when there is none) at {@code row}, from {@code column}. */
    public void addField(int row, int column, String name, String value, String id) {
        Label label = new Label(name);
        label.getStyleClass().add("info-label");
        Label text = new Label(Formats.orNone(value));
        text.setId(id);
        text.getStyleClass().add("info-value");
        text.setWrapText(true);
        add(label, column, row);
        add(text, column + 1, row);
    }

    private static List<ColumnConstraints> columns() {
        List<ColumnConstraints> columns = new ArrayList<>();
        for (double percent : new double[] {13, 37, 13, 37}) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(percent);
            columns.add(column);
        }
        return columns;
    }
}
