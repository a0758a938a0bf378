package dev.ecskms.sim.guest;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An interactive shell's command history as readline walks it: Up recalls the previous line, Down the next one,
 * and Down past the newest brings back what was being typed before Up. Blank lines and a repeat of the line
 * before are not kept ({@code HISTCONTROL=ignoredups}, the default of the distributions the guest imitates).
 */
final class LineHistory {
    private final List<String> lines = new ArrayList<>();
    /** The entry shown now; {@code lines.size()} is the line being typed. */
    private int position;
    private String draft = "";

    /** Keeps a line the user entered and returns to the line being typed. */
    void add(String line) {
        if (!line.isBlank() && (lines.isEmpty() || !lines.get(lines.size() - 1).equals(line))) {
            lines.add(line);
        }
        position = lines.size();
        draft = "";
    }

    /** The line Up shows instead of {@code current}; empty at the oldest line. */
    Optional<String> previous(String current) {
        if (position == 0) {
            return Optional.empty();
        }
        if (position == lines.size()) {
            draft = current;
        }
        position--;
        return Optional.of(lines.get(position));
    }

    /** The line Down shows; empty when the line being typed is already shown. */
    Optional<String> next() {
        if (position >= lines.size()) {
            return Optional.empty();
        }
        position++;
        return Optional.of(position == lines.size() ? draft : lines.get(position));
    }

    List<String> lines() {
        return List.copyOf(lines);
    }
}
