package dev.ecskms.sim.oos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * A loop's rate control (Mode Concurrency): how many items run at once, and how many may fail before no new item
 * starts. Each is a count ({@code 10}) or a share of the items ({@code "10%"}), as the OOS console offers them.
 */
record RateControl(int concurrency, int maxErrors) {

    /** A checked Concurrency or MaxErrors value: a whole number of at least {@code min}, or a percentage. */
    static JsonNode checked(String name, JsonNode value, int min) {
        String text = value.asText("").strip();
        try {
            if (text.endsWith("%")) {
                int percent = Integer.parseInt(text.substring(0, text.length() - 1).strip());
                if (percent < 0 || percent > 100) {
                    throw new NumberFormatException();
                }
                return TextNode.valueOf(percent + "%");
            }
            int count = value.isInt() ? value.intValue() : Integer.parseInt(text);
            if (count < min) {
                throw new NumberFormatException();
            }
            return IntNode.valueOf(count);
        } catch (NumberFormatException e) {
            throw OosErrors.badParameter("rateControl", name + " is a whole number of at least " + min
                    + " or a percentage such as \"10%\", not \"" + text + "\".");
        }
    }

    /** The rate control of a rateControl parameter for a loop over {@code items} items. */
    static RateControl of(JsonNode rateControl, int items) {
        int concurrency = Math.max(1, resolve(rateControl.path("Concurrency"), items, 10));
        int maxErrors = resolve(rateControl.path("MaxErrors"), items, 0);
        return new RateControl(concurrency, maxErrors);
    }

    private static int resolve(JsonNode value, int items, int fallback) {
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        String text = value.asText();
        if (text.endsWith("%")) {
            // a share of the items, rounded down (as the OOS console explains percentages)
            return items * Integer.parseInt(text.substring(0, text.length() - 1)) / 100;
        }
        return value.asInt(fallback);
    }
}
