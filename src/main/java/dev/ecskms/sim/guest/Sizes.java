package dev.ecskms.sim.guest;

import java.util.Locale;

/** Size formatting the way the Linux tools and Windows Explorer print it. */
final class Sizes {
    private static final String UNITS = "BKMGTP";

    private Sizes() {
    }

    /** lsblk / df -h style, powers of 1024: "40G", "4.0K", "512B", "19.9G". */
    static String human(long bytes, boolean roundUp) {
        if (bytes < 1024) {
            return bytes == 0 ? "0" : bytes + "B";
        }
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < UNITS.length() - 1) {
            v /= 1024;
            u++;
        }
        if (v < 10) {
            double r = roundUp ? Math.ceil(v * 10) / 10 : Math.round(v * 10) / 10.0;
            if (r >= 10) {
                return (long) r + UNITS.substring(u, u + 1);
            }
            return String.format(Locale.ROOT, "%.1f%s", r, UNITS.charAt(u));
        }
        long r = roundUp ? (long) Math.ceil(v) : Math.round(v);
        return r + UNITS.substring(u, u + 1);
    }

    /** lsblk prints "40G" rather than "40.0G" for whole values. */
    static String lsblk(long bytes) {
        if (bytes == 0) {
            return "0B";
        }
        String s = human(bytes, false);
        return s.replace(".0", "");
    }

    /** fdisk style: "20 GiB", "1023 MiB", "1.5 GiB". */
    static String iec(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        String n = Math.abs(v - Math.rint(v)) < 0.05 ? String.valueOf(Math.round(v))
                : String.format(Locale.ROOT, "%.1f", v);
        return n + " " + units[u];
    }

    /** parted / Explorer style decimal units: "21.5GB". */
    static String decimal(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return (v >= 100 ? String.valueOf(Math.round(v)) : String.format(Locale.ROOT, "%.3g", v)) + units[u];
    }

    /** Windows Explorer: "39.9 GB" (powers of 1024, named GB as Explorer does). */
    static String explorer(long bytes) {
        String[] units = {"bytes", "KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return (u == 0 ? String.valueOf(bytes) : String.format(Locale.ROOT, "%.1f", v)) + " " + units[u];
    }
}
