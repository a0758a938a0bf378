package dev.ecskms.api;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/**
 * How values are written on the wire: dates as ISO-8601 UTC to the second (instances' to the minute), binary data and
 * text the real service encodes (console output, command output) as base64.
 */
public final class WireFormats {
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter ISO_MINUTES =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm'Z'").withZone(ZoneOffset.UTC);

    private WireFormats() {
    }

    /** {@code 2016-03-28T03:13:08Z}; null stays null so that the field is left out. */
    public static String date(Instant instant) {
        return instant == null ? null : ISO_SECONDS.format(instant);
    }

    /**
     * {@code 2017-12-10T04:04Z}: instances' CreationTime and StartTime, which the real DescribeInstances writes to the
     * minute; null stays null.
     */
    public static String dateToMinute(Instant instant) {
        return instant == null ? null : ISO_MINUTES.format(instant);
    }

    public static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }

    /** Text as base64 of its UTF-8 bytes; null stays null. */
    public static String base64Text(String text) {
        return text == null ? null : base64(text.getBytes(StandardCharsets.UTF_8));
    }
}
