package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.Text;
import java.util.regex.Pattern;

/**
 * The naming rules ECS applies to the names and descriptions of disks, snapshots and instances, in one place. The
 * limits are the real API's; they also fit the columns of the database (128 and 256 characters), so that no name a
 * service accepts can fail to be stored.
 */
final class ResourceNames {
    static final int MAX_NAME_CHARS = 128;
    static final int MAX_DESCRIPTION_CHARS = 256;
    private static final Pattern NAME = Pattern.compile("[\\p{L}][\\p{L}\\p{N}:_.-]{1,127}");

    private ResourceNames() {
    }

    /**
     * A name of 2 to 128 characters starting with a letter, made of letters, digits, ':', '_', '.' or '-', not
     * starting with http:// or https://; "" when absent. {@code code} is the action's own error code
     * (InvalidDiskName.Malformed …).
     */
    static String name(String parameter, String code, String value) {
        return name(parameter, code, value, MAX_NAME_CHARS);
    }

    /** As {@link #name(String, String, String)} with a tighter bound (a name that gets a suffix appended). */
    static String name(String parameter, String code, String value, int maxChars) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        // Characters outside the Basic Multilingual Plane count twice in the database: bound the UTF-16 length too.
        if (!NAME.matcher(value).matches() || value.length() > maxChars || value.startsWith("http://")
                || value.startsWith("https://")) {
            throw new ApiException(code, 400, "The " + parameter + " \"" + Text.quoted(value)
                    + "\" is not valid: 2 to " + maxChars + " characters, starting with a letter, made of letters,"
                    + " digits, ':', '_', '.' or '-', and not starting with http:// or https://.");
        }
        return value;
    }

    /** A description of at most 256 characters not starting with http:// or https://; "" when absent. */
    static String description(String description) {
        if (description == null) {
            return "";
        }
        Text.requireWellFormed("Description", description);
        if (description.length() > MAX_DESCRIPTION_CHARS || description.startsWith("http://")
                || description.startsWith("https://")) {
            throw new ApiException("InvalidDescription.Malformed", 400, "A description has at most "
                    + MAX_DESCRIPTION_CHARS + " characters and does not start with http:// or https://.");
        }
        return description;
    }
}
