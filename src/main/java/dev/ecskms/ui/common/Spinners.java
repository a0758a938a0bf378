package dev.ecskms.ui.common;

import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;

public final class Spinners {
    private Spinners() {
    }

    /**
     * An editable day-count spinner whose value follows what the user types as soon as it is a number in range,
     * so that what depends on it (a deletion date) updates without pressing Enter.
     */
    public static Spinner<Integer> days(int min, int max, int initial, String id) {
        return integers(min, max, initial, id);
    }

    /** An editable whole-number spinner (days, GiB …) that follows typing as {@link #days} does. */
    public static Spinner<Integer> integers(int min, int max, int initial, String id) {
        Spinner<Integer> spinner = new Spinner<>(min, max, initial);
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(110);
        SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                (SpinnerValueFactory.IntegerSpinnerValueFactory) spinner.getValueFactory();
        spinner.getEditor().textProperty().addListener((obs, old, text) -> {
            try {
                int typed = Integer.parseInt(text.trim());
                if (typed >= factory.getMin() && typed <= factory.getMax()) {
                    factory.setValue(typed);
                }
            } catch (NumberFormatException ignored) {
                // Not a number yet (e.g. empty while retyping); the last valid value stands.
            }
        });
        // Leaving the field with an out-of-range entry shows the value that will be used.
        spinner.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                spinner.getEditor().setText(String.valueOf(spinner.getValue()));
            }
        });
        return spinner;
    }
}
