package dev.ecskms.ui.common;

import dev.ecskms.sim.common.Numbers;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.util.StringConverter;

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
        Spinner<Integer> spinner = followingTyping(min, max, initial, id);
        // Leaving the field with an out-of-range entry shows the value that will be used.
        spinner.focusedProperty().addListener((obs, was, focused) -> {
            if (!focused) {
                spinner.getEditor().setText(String.valueOf(spinner.getValue()));
            }
        });
        return spinner;
    }

    /**
     * An editable whole-number spinner that never changes what the user typed: its value is exactly the number in
     * the field (any size), so a page checks it with the service's rule and refuses it next to the field instead of
     * clamping it. {@link #typed} tells whether the text is a number at all.
     */
    public static Spinner<Integer> checked(int initial, String id) {
        return followingTyping(0, 999_999_999, initial, id); // every number asciiInt reads (up to 9 digits)
    }

    private static Spinner<Integer> followingTyping(int min, int max, int initial, String id) {
        Spinner<Integer> spinner = new Spinner<>(min, max, initial);
        spinner.setId(id);
        spinner.setEditable(true);
        spinner.setPrefWidth(110);
        SpinnerValueFactory.IntegerSpinnerValueFactory factory =
                (SpinnerValueFactory.IntegerSpinnerValueFactory) spinner.getValueFactory();
        factory.setConverter(asciiConverter(factory));
        spinner.getEditor().textProperty().addListener((obs, old, text) -> {
            // ASCII digits only, as the API takes them ("٧" or "２０" are not numbers there either); anything else
            // (e.g. empty while retyping) leaves the last valid value standing.
            Integer typed = asciiInt(text);
            if (typed != null && typed >= factory.getMin() && typed <= factory.getMax()) {
                factory.setValue(typed);
            }
        });
        return spinner;
    }

    /** The whole number in the spinner's field as typed, or null when the field does not hold one. */
    public static Integer typed(Spinner<Integer> spinner) {
        return asciiInt(spinner.getEditor().getText());
    }

    /**
     * The default converter (Integer.valueOf) would commit "٧" as 7 on Enter: ASCII digits only, as the API takes
     * them, and otherwise the last valid value stands.
     */
    private static StringConverter<Integer> asciiConverter(SpinnerValueFactory.IntegerSpinnerValueFactory factory) {
        return new StringConverter<>() {
            @Override
            public String toString(Integer value) {
                return value == null ? "" : value.toString();
            }

            @Override
            public Integer fromString(String text) {
                Integer typed = asciiInt(text);
                return typed != null ? typed : factory.getValue();
            }
        };
    }

    /** The number typed in ASCII digits (surrounding spaces allowed while typing), or null. */
    private static Integer asciiInt(String text) {
        String trimmed = text == null ? "" : text.trim();
        return Numbers.isAsciiDigits(trimmed) && trimmed.length() <= 9 ? Integer.valueOf(trimmed) : null;
    }
}
