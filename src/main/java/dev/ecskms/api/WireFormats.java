package dev.ecskms.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;

/** How values are written on the wire: dates as ISO-8601 UTC to the second, binary data as base64. */
public final class WireFormats {
    private static final DateTimeFormatter ISO_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    private WireFormats() {
    }

    /** {@code 2016-03-28T03:13:08Z}; null stays null so that the field is left out. */
    public static String date(Instant instant) {
        return instant == null ? null : ISO_SECONDS.format(instant);
    }

    public static String base64(byte[] bytes) {
        return bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
    }
}
