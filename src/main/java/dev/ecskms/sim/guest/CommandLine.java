package dev.ecskms.sim.guest;

import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the bash grammar for a console: words with quotes and backslashes, comments, {@code ; && || |},
 * and the redirections {@code > >> 2> 2>> 2>&1}.
 */
final class CommandLine {

    /** One command of a pipeline with its redirections. */
    record Simple(List<String> words, String stdoutFile, boolean appendStdout, String stderrFile,
                  boolean stderrToStdout) {
    }

    /** A pipeline and the operator that joins it to the previous one (";", "&&" or "||"). */
    record Pipeline(String joinedBy, List<Simple> commands) {
    }

    static final class SyntaxError extends Exception {
        SyntaxError(String token) {
            super("syntax error near unexpected token `" + token + "'");
        }
    }

    private record Tok(String text, boolean op) {
    }

    private CommandLine() {
    }

    static List<Pipeline> parse(String line) throws SyntaxError {
        List<Tok> toks = tokenize(line);
        List<Pipeline> pipelines = new ArrayList<>();
        String joinedBy = ";";
        List<Simple> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        String out = null;
        boolean append = false;
        String errFile = null;
        boolean errToOut = false;
        for (int i = 0; i <= toks.size(); i++) {
            Tok t = i < toks.size() ? toks.get(i) : new Tok(";", true);
            if (!t.op()) {
                words.add(t.text());
                continue;
            }
            switch (t.text()) {
                case ">", ">>", "2>", "2>>" -> {
                    if (i + 1 >= toks.size() || toks.get(i + 1).op()) {
                        throw new SyntaxError(i + 1 < toks.size() ? toks.get(i + 1).text() : "newline");
                    }
                    String target = toks.get(++i).text();
                    if (t.text().startsWith("2")) {
                        errFile = target;
                    } else {
                        out = target;
                        append = t.text().equals(">>");
                    }
                }
                case "2>&1" -> errToOut = true;
                case "|", ";", "&&", "||" -> {
                    boolean end = i == toks.size();
                    if (words.isEmpty()) {
                        if (end && commands.isEmpty() && !joinedBy.equals("|")) {
                            break;
                        }
                        throw new SyntaxError(end ? "newline" : t.text());
                    }
                    commands.add(new Simple(List.copyOf(words), out, append, errFile, errToOut));
                    words.clear();
                    out = null;
                    append = false;
                    errFile = null;
                    errToOut = false;
                    if (!t.text().equals("|")) {
                        pipelines.add(new Pipeline(joinedBy, List.copyOf(commands)));
                        commands.clear();
                        joinedBy = t.text();
                    }
                }
                default -> throw new SyntaxError(t.text());
            }
        }
        return pipelines;
    }

    private static List<Tok> tokenize(String line) throws SyntaxError {
        List<Tok> toks = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    toks.add(new Tok(w.toString(), false));
                    w.setLength(0);
                    inWord = false;
                }
                i++;
            } else if (c == '#' && !inWord) {
                break;
            } else if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new SyntaxError("'");
                }
                w.append(line, i + 1, end);
                inWord = true;
                i = end + 1;
            } else if (c == '"') {
                i++;
                while (i < line.length() && line.charAt(i) != '"') {
                    char d = line.charAt(i);
                    if (d == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                        d = line.charAt(++i);
                    }
                    w.append(d);
                    i++;
                }
                if (i >= line.length()) {
                    throw new SyntaxError("\"");
                }
                inWord = true;
                i++;
            } else if (c == '\\') {
                if (i + 1 < line.length()) {
                    w.append(line.charAt(i + 1));
                }
                inWord = true;
                i += 2;
            } else if (c == '2' && !inWord && line.startsWith("2>", i)) {
                String op = line.startsWith("2>&1", i) ? "2>&1" : line.startsWith("2>>", i) ? "2>>" : "2>";
                toks.add(new Tok(op, true));
                i += op.length();
            } else if (";|&>".indexOf(c) >= 0) {
                if (inWord) {
                    toks.add(new Tok(w.toString(), false));
                    w.setLength(0);
                    inWord = false;
                }
                String op;
                if (line.startsWith("&&", i) || line.startsWith("||", i) || line.startsWith(">>", i)) {
                    op = line.substring(i, i + 2);
                } else if (c == '&') {
                    op = ";"; // run in the background: here, at once
                } else {
                    op = String.valueOf(c);
                }
                toks.add(new Tok(op, true));
                i += c == '&' && op.equals(";") ? 1 : op.length();
            } else {
                w.append(c);
                inWord = true;
                i++;
            }
        }
        if (inWord) {
            toks.add(new Tok(w.toString(), false));
        }
        return toks;
    }
}
