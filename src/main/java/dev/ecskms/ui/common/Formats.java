package dev.ecskms.ui.common;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the console writes times and other values; simulated time is always shown in UTC. */
public final class Formats {
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    public static final String NONE = "-";

    private Formats() {
    }

    public static String dateTime(Instant instant) {
        return instant == null ? NONE : DATE_TIME.format(instant);
    }

    public static String date(Instant instant) {
        return instant == null ? NONE : DATE_TIME.format(instant).substring(0, 10);
    }

    public static String dateTimeUtc(Instant instant) {
        return instant == null ? NONE : DATE_TIME.format(instant) + " UTC";
    }

    public static String orNone(String value) {
        return value == null || value.isBlank() ? NONE : value;
    }

    /** "+30d 4h" for how far simulated time runs ahead of real time; empty when it does not. */
    public static String offset(Duration offset) {
        if (offset.isZero() || offset.isNegative()) {
            return "";
        }
        long days = offset.toDays();
        long hours = offset.minusDays(days).toHours();
        long minutes = offset.minusDays(days).minusHours(hours).toMinutes();
        StringBuilder text = new StringBuilder("+");
        if (days > 0) {
            text.append(days).append("d ");
        }
        text.append(hours).append("h");
        if (days == 0 && minutes > 0) {
            text.append(' ').append(minutes).append("m");
        }
        return text.toString();
    }

    /** A rotation interval as the API writes it ("604800s" or "365d") in days, or null if it is not one. */
    public static Integer intervalDays(String interval) {
        if (interval == null || interval.isBlank()) {
            return null;
        }
        try {
            if (interval.endsWith("d")) {
                return Integer.parseInt(interval.substring(0, interval.length() - 1));
            }
            if (interval.endsWith("s")) {
                return (int) (Long.parseLong(interval.substring(0, interval.length() - 1)) / 86_400L);
            }
            return (int) (Long.parseLong(interval) / 86_400L);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The console's human reading of a rotation interval: "365 days". */
    public static String interval(String interval) {
        Integer days = intervalDays(interval);
        return days == null ? orNone(interval) : days + (days == 1 ? " day" : " days");
    }

    /** "$1.23" for a price in USD; small hourly prices keep four decimals. */
    public static String usd(double amount) {
        return amount >= 1 || amount == 0 ? String.format(java.util.Locale.ROOT, "$%,.2f", amount)
                : String.format(java.util.Locale.ROOT, "$%.4f", amount);
    }

    /** A long id cut for a small box: "key-hzz6…4f2a". */
    public static String shortId(String id) {
        if (id == null || id.length() <= 16) {
            return orNone(id);
        }
        return id.substring(0, 10) + "\u2026" + id.substring(id.length() - 4);
    }
}
