package dev.ecskms.sim.ram.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON read with Jackson's streaming parser into a small tree that remembers, for every name and value, the line
 * and column where it starts in the text as written — what a message about a policy needs to say where. (Jackson's
 * own tree keeps no locations.) Duplicate names are kept as found so the validator can name the second one.
 */
final class LocatedJson {
    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private LocatedJson() {
    }

    sealed interface Node permits Obj, Arr, Str, Num, Bool, Null {
        int line();

        int column();

        /** What kind of JSON value this is, for "… must be a string, not an object" messages. */
        String kind();
    }

    record Member(String name, int line, int column, Node value) {
    }

    record Obj(List<Member> members, int line, int column) implements Node {
        public String kind() {
            return "an object";
        }

        /** The first member of this name, or null. */
        Member get(String name) {
            for (Member m : members) {
                if (m.name().equals(name)) {
                    return m;
                }
            }
            return null;
        }

        /** Members in order, the later duplicates left out (they are reported separately). */
        Map<String, Member> byName() {
            Map<String, Member> map = new LinkedHashMap<>();
            for (Member m : members) {
                map.putIfAbsent(m.name(), m);
            }
            return map;
        }
    }

    record Arr(List<Node> items, int line, int column) implements Node {
        public String kind() {
            return "a list";
        }
    }

    record Str(String value, int line, int column) implements Node {
        public String kind() {
            return "a string";
        }
    }

    record Num(String text, int line, int column) implements Node {
        public String kind() {
            return "a number";
        }
    }

    record Bool(boolean value, int line, int column) implements Node {
        public String kind() {
            return "a boolean";
        }
    }

    record Null(int line, int column) implements Node {
        public String kind() {
            return "null";
        }
    }

    /** A JSON syntax error and where the parser stood when it found it. */
    static final class SyntaxError extends Exception {
        final int line;
        final int column;

        SyntaxError(String message, int line, int column) {
            super(message);
            this.line = line;
            this.column = column;
        }
    }

    static Node read(String text) throws SyntaxError {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new SyntaxError("the document is empty: write a JSON object such as {\"Version\": \"1\","
                        + " \"Statement\": [...]}", 1, 1);
            }
            Node root = value(parser);
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new SyntaxError("there is more after the end of the policy object: remove it, a document"
                        + " holds exactly one object", at.getLineNr(), at.getColumnNr());
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            int line = at == null ? 1 : Math.max(1, at.getLineNr());
            int column = at == null ? 1 : Math.max(1, at.getColumnNr());
            throw new SyntaxError(explain(e.getOriginalMessage()), line, column);
        } catch (IOException e) {
            throw new SyntaxError("the document cannot be read: " + e.getMessage(), 1, 1);
        }
    }

    private static Node value(JsonParser parser) throws IOException {
        JsonLocation at = parser.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken token = parser.currentToken();
        switch (token) {
            case START_OBJECT -> {
                List<Member> members = new ArrayList<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    JsonLocation nameAt = parser.currentTokenLocation();
                    String name = parser.currentName();
                    parser.nextToken();
                    members.add(new Member(name, nameAt.getLineNr(), nameAt.getColumnNr(), value(parser)));
                }
                return new Obj(members, line, column);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(parser));
                }
                return new Arr(items, line, column);
            }
            case VALUE_STRING -> {
                return new Str(parser.getText(), line, column);
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                return new Num(parser.getText(), line, column);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Bool(token == JsonToken.VALUE_TRUE, line, column);
            }
            case VALUE_NULL -> {
                return new Null(line, column);
            }
            default -> throw new IllegalStateException("unexpected token " + token);
        }
    }

    /** Jackson's message, with what to do for the mistakes people make most. */
    private static String explain(String jackson) {
        String m = jackson == null ? "invalid JSON" : jackson.replace('\n', ' ');
        // Jackson names the source it hides ("[Source: REDACTED …; line: 1, column: 31]"): keep only the place.
        m = m.replaceAll("start marker at \\[Source: [^\\]]*?; line: (\\d+), column: (\\d+)\\]",
                "opened at line $1, column $2");
        m = m.replaceAll(" ?\\[Source: [^\\]]*\\]", "");
        if (m.contains("(''' (code 39)")) {
            return "JSON syntax: names and strings are written in double quotes, not single quotes (" + m + ")";
        }
        if (m.contains("Unrecognized token")) {
            return "JSON syntax: text must be in double quotes; the only bare words are true, false and null ("
                    + m + ")";
        }
        if (m.contains("was expecting double-quote to start field name")) {
            return "JSON syntax: an element name in double quotes was expected here; remove a trailing comma or"
                    + " put the name in double quotes (" + m + ")";
        }
        if (m.contains("Unexpected end-of-input")) {
            return "JSON syntax: the document ends too early; close every { with } and every [ with ] (" + m + ")";
        }
        if (m.contains("was expecting comma to separate")) {
            return "JSON syntax: a comma is missing between two entries (" + m + ")";
        }
        return "JSON syntax: " + m;
    }
}
