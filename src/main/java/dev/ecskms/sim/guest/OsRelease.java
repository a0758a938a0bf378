package dev.ecskms.sim.guest;

import java.util.LinkedHashMap;
import java.util.Map;

/** /etc/os-release as read from the disk. */
record OsRelease(Map<String, String> fields) {

    static OsRelease parse(String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq <= 0 || line.startsWith("#")) {
                continue;
            }
            String v = line.substring(eq + 1).trim();
            if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
                v = v.substring(1, v.length() - 1);
            }
            m.put(line.substring(0, eq).trim(), v);
        }
        return new OsRelease(m);
    }

    String prettyName() {
        return fields.getOrDefault("PRETTY_NAME", fields.getOrDefault("NAME", "Linux"));
    }

    String id() {
        return fields.getOrDefault("ID", "linux");
    }
}
