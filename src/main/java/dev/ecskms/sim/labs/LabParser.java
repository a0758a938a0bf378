package dev.ecskms.sim.labs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the line-based lab format a trainer writes in a text editor:
 *
 * <pre>
 * # a comment
 * title: Verify what a disabled key does
 * summary: One or more lines of what the lab shows.
 * step: Disable the key
 * hint: KMS → Keys → the key's Disable.
 * check: key-disabled key=key
 * </pre>
 *
 * One directive per line; {@code summary:} and {@code hint:} may repeat (their lines are joined); a step has one or
 * more {@code check:} lines naming a check of {@link Checks} and its {@code key=value} parameters (a value with
 * spaces in double quotes). Every problem is a {@link LabFileException} naming the file and line.
 */
public final class LabParser {
    static final List<String> DIRECTIVES = List.of("title", "summary", "step", "hint", "check");

    private LabParser() {
    }

    public static Lab parse(String fileName, String origin, String text) {
        String title = null;
        int titleLine = 0;
        StringBuilder summary = new StringBuilder();
        List<Lab.Step> steps = new ArrayList<>();
        String stepTitle = null;
        int stepLine = 0;
        StringBuilder hint = new StringBuilder();
        List<CheckCall> checks = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int n = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String directive = colon < 0 ? line : line.substring(0, colon).strip();
            if (colon < 0 || directive.contains(" ")) {
                throw new LabFileException(fileName, n, "expected 'directive: text', e.g. 'step: Disable the key'"
                        + " — directives: " + String.join(", ", DIRECTIVES));
            }
            String value = line.substring(colon + 1).strip();
            switch (directive) {
                case "title" -> {
                    if (title != null) {
                        throw new LabFileException(fileName, n, "a second 'title:' (the first is on line " + titleLine
                                + ")");
                    }
                    title = required(fileName, n, directive, value);
                    titleLine = n;
                }
                case "summary" -> append(summary, required(fileName, n, directive, value));
                case "step" -> {
                    if (stepTitle != null) {
                        steps.add(finish(fileName, steps.size() + 1, stepTitle, hint, checks, stepLine));
                    }
                    stepTitle = required(fileName, n, directive, value);
                    stepLine = n;
                    hint = new StringBuilder();
                    checks = new ArrayList<>();
                }
                case "hint" -> {
                    if (stepTitle == null) {
                        throw new LabFileException(fileName, n, "'hint:' before the first 'step:' — a hint belongs"
                                + " to the step above it");
                    }
                    append(hint, required(fileName, n, directive, value));
                }
                case "check" -> {
                    if (stepTitle == null) {
                        throw new LabFileException(fileName, n, "'check:' before the first 'step:' — a check belongs"
                                + " to the step above it");
                    }
                    checks.add(check(fileName, n, value));
                }
                default -> throw new LabFileException(fileName, n, "unknown directive '" + directive + ":' — known"
                        + " directives: " + String.join(", ", DIRECTIVES));
            }
        }
        if (title == null) {
            throw new LabFileException(fileName, 1, "the lab has no 'title:' line — start the file with e.g."
                    + " 'title: Encrypt an existing data disk'");
        }
        if (stepTitle == null) {
            throw new LabFileException(fileName, lines.length, "the lab has no 'step:' — add at least one step with"
                    + " its 'check:'");
        }
        steps.add(finish(fileName, steps.size() + 1, stepTitle, hint, checks, stepLine));
        return new Lab(idOf(fileName), fileName, origin, title, summary.toString(), steps);
    }

    /** The lab's id: its file name without the {@code .lab} ending. */
    public static String idOf(String fileName) {
        return fileName.endsWith(".lab") ? fileName.substring(0, fileName.length() - 4) : fileName;
    }

    private static Lab.Step finish(String fileName, int number, String title, StringBuilder hint,
            List<CheckCall> checks, int line) {
        if (checks.isEmpty()) {
            throw new LabFileException(fileName, line, "step " + number + " ('" + title + "') has no 'check:' —"
                    + " add the check that lights it");
        }
        return new Lab.Step(number, title, hint.toString(), checks, line);
    }

    private static String required(String fileName, int line, String directive, String value) {
        if (value.isEmpty()) {
            throw new LabFileException(fileName, line, "'" + directive + ":' has no text after it");
        }
        return value;
    }

    private static void append(StringBuilder text, String line) {
        if (!text.isEmpty()) {
            text.append(' ');
        }
        text.append(line);
    }

    /** {@code name key=value key="a value"}: the check must exist, its parameters be known and their values allowed. */
    static CheckCall check(String fileName, int line, String text) {
        List<String> words = words(fileName, line, text);
        if (words.isEmpty()) {
            throw new LabFileException(fileName, line, "'check:' names no check — known checks: "
                    + String.join(", ", Checks.names()));
        }
        String name = words.get(0);
        Check check = Checks.find(name).orElseThrow(() -> new LabFileException(fileName, line, "unknown check '"
                + name + "' — known checks: " + String.join(", ", Checks.names())));
        Map<String, String> params = new LinkedHashMap<>();
        for (String word : words.subList(1, words.size())) {
            int eq = word.indexOf('=');
            if (eq <= 0 || eq == word.length() - 1) {
                throw new LabFileException(fileName, line, "'" + word + "' is not key=value (e.g. encrypted=true)"
                        + " — check '" + name + "' takes: " + describe(check));
            }
            String key = word.substring(0, eq);
            String value = unquote(word.substring(eq + 1));
            Set<String> allowed = check.params().get(key);
            if (allowed == null) {
                throw new LabFileException(fileName, line, "check '" + name + "' has no parameter '" + key + "' —"
                        + " it takes: " + describe(check));
            }
            if (!allowed.isEmpty() && !allowed.contains(value)) {
                throw new LabFileException(fileName, line, "'" + value + "' is not a value of " + key + "= — one of: "
                        + String.join(", ", allowed.stream().sorted().toList()));
            }
            if (key.equals("count") && !value.matches("[1-9][0-9]{0,2}")) {
                throw new LabFileException(fileName, line, "count= takes a whole number from 1 to 999, not '"
                        + value + "'");
            }
            if (params.put(key, value) != null) {
                throw new LabFileException(fileName, line, "parameter '" + key + "' is given twice");
            }
        }
        for (String key : check.required()) {
            if (!params.containsKey(key)) {
                throw new LabFileException(fileName, line, "check '" + name + "' needs " + key + "=");
            }
        }
        return new CheckCall(name, params, line);
    }

    private static String describe(Check check) {
        return check.params().isEmpty() ? "no parameters" : String.join(", ", check.params().keySet().stream()
                .map(k -> k + "=").toList());
    }

    private static String unquote(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1) : value;
    }

    /** Splits on spaces, keeping "quoted values" together. */
    private static List<String> words(String fileName, int line, String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        for (char ch : text.toCharArray()) {
            if (ch == '"') {
                quoted = !quoted;
                word.append(ch);
            } else if (Character.isWhitespace(ch) && !quoted) {
                if (!word.isEmpty()) {
                    words.add(word.toString());
                    word.setLength(0);
                }
            } else {
                word.append(ch);
            }
        }
        if (quoted) {
            throw new LabFileException(fileName, line, "a quote (\") is not closed");
        }
        if (!word.isEmpty()) {
            words.add(word.toString());
        }
        return words;
    }
}
