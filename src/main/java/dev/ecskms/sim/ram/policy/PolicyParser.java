package dev.ecskms.sim.ram.policy;

import dev.ecskms.sim.ram.policy.LocatedJson.Arr;
import dev.ecskms.sim.ram.policy.LocatedJson.Bool;
import dev.ecskms.sim.ram.policy.LocatedJson.Member;
import dev.ecskms.sim.ram.policy.LocatedJson.Node;
import dev.ecskms.sim.ram.policy.LocatedJson.Num;
import dev.ecskms.sim.ram.policy.LocatedJson.Obj;
import dev.ecskms.sim.ram.policy.LocatedJson.Str;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and validates a permission policy the way RAM's CreatePolicy does, collecting every problem with the line
 * and column of the element at fault instead of stopping at the first.
 *
 * <p>The grammar (RAM › Policy structure and syntax, Policy elements): an object with exactly {@code Version} ("1")
 * and {@code Statement} (a non-empty list — the grammar writes {@code "Statement": [ <statement>, ... ]}, so a bare
 * object is refused); each statement has {@code Effect} (Allow|Deny), exactly one of {@code Action}/{@code NotAction},
 * exactly one of {@code Resource}/{@code NotResource} (NotResource is in RAM's published grammar
 * {@code ("Resource" | "NotResource")}; the newer element pages no longer mention it, so we accept it as the grammar
 * says) and an optional {@code Condition}. {@code Principal} belongs to resource policies (a role's trust policy)
 * and is refused in an identity policy. {@code Sid} is not a RAM element and is refused like any unknown element.
 */
final class PolicyParser {
    /**
     * The limit on PolicyDocument: "The document must be 1 to 6,144 characters in length" in the current
     * CreatePolicy and CreatePolicyVersion references (older pages said 2,048; the larger, current one wins).
     */
    static final int MAX_CHARS = 6144;

    /**
     * The codes of a refused document. {@code MalformedPolicyDocument} is the one RAM returns for a document it
     * cannot accept (and the one this simulator already uses for trust policies). UNCONFIRMED:
     * {@code InvalidParameter.PolicyDocument.Length} for a document over the limit — the documentation states the
     * limit but the error-code table we could find does not list this code; it follows RAM's
     * {@code InvalidParameter.<Parameter>.<Reason>} naming.
     */
    static final String MALFORMED = "MalformedPolicyDocument";
    static final String TOO_LONG = "InvalidParameter.PolicyDocument.Length";

    private static final Set<String> TOP_LEVEL = Set.of("Version", "Statement");
    private static final Set<String> STATEMENT_ELEMENTS =
            Set.of("Effect", "Action", "NotAction", "Resource", "NotResource", "Condition");
    private static final Pattern ACTION = Pattern.compile("[A-Za-z0-9_*?-]+:[A-Za-z0-9_*?-]+");
    private static final Pattern CONDITION_KEY = Pattern.compile("[A-Za-z0-9_-]+:\\S+");
    private static final String EXAMPLE = "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\","
            + " \"Action\": \"ecs:Describe*\", \"Resource\": \"*\"}]}";

    /** A problem and the code RAM answers with for it. */
    record Issue(String code, int line, int column, String message) {
        PolicyProblem problem() {
            return new PolicyProblem(line, column, message);
        }
    }

    record Result(List<Statement> statements, List<Issue> issues) {
    }

    private final List<Issue> issues = new ArrayList<>();

    private PolicyParser() {
    }

    static Result parse(String text) {
        PolicyParser parser = new PolicyParser();
        List<Statement> statements = parser.document(text);
        // In the order of the text, as an editor lists them (the sort is stable: same place, order found).
        List<Issue> issues = new ArrayList<>(parser.issues);
        issues.sort(java.util.Comparator.comparingInt(Issue::line).thenComparingInt(Issue::column));
        return new Result(statements, List.copyOf(issues));
    }

    private List<Statement> document(String text) {
        if (text == null || text.isBlank()) {
            issue(1, 1, "The policy document is empty: write a JSON object such as " + EXAMPLE + ".");
            return List.of();
        }
        if (text.length() > MAX_CHARS) {
            int[] at = position(text, MAX_CHARS);
            issues.add(new Issue(TOO_LONG, at[0], at[1], "The policy document has " + text.length()
                    + " characters; RAM allows at most " + MAX_CHARS + ". Shorten it (wildcards such as"
                    + " \"ecs:Describe*\" replace long lists) or split it into two policies."));
        }
        Node root;
        try {
            root = LocatedJson.read(text);
        } catch (LocatedJson.SyntaxError e) {
            issue(e.line, e.column, e.getMessage() + ".");
            return List.of();
        }
        if (!(root instanceof Obj obj)) {
            issue(root, "A policy document is a JSON object, not " + root.kind() + ": write " + EXAMPLE + ".");
            return List.of();
        }
        duplicates(obj, "the policy");
        for (Member m : obj.members()) {
            if (!TOP_LEVEL.contains(m.name())) {
                issue(m.line(), m.column(), "Unknown element \"" + m.name() + "\" at the top level: a policy has"
                        + " only \"Version\" and \"Statement\"" + didYouMean(m.name(), TOP_LEVEL) + ".");
            }
        }
        Member version = obj.get("Version");
        if (version == null) {
            issue(obj, "\"Version\" is missing: add \"Version\": \"1\" (the only version of the policy language).");
        } else if (!(version.value() instanceof Str s) || !s.value().equals("1")) {
            issue(version.value(), "\"Version\" must be the string \"1\", not " + shown(version.value())
                    + ": write \"Version\": \"1\".");
        }
        Member statement = obj.get("Statement");
        List<Statement> statements = new ArrayList<>();
        if (statement == null) {
            issue(obj, "\"Statement\" is missing: add \"Statement\": [ {\"Effect\": \"Allow\", \"Action\": …,"
                    + " \"Resource\": …} ].");
        } else if (statement.value() instanceof Obj single) {
            issue(single, "\"Statement\" must be a list of statements: put the statement in square brackets,"
                    + " \"Statement\": [ { … } ].");
        } else if (!(statement.value() instanceof Arr list)) {
            issue(statement.value(), "\"Statement\" must be a list of statements, not " + statement.value().kind()
                    + ": write \"Statement\": [ { \"Effect\": …, \"Action\": …, \"Resource\": … } ].");
        } else if (list.items().isEmpty()) {
            issue(list, "\"Statement\" is empty: a policy needs at least one statement.");
        } else {
            int n = 0;
            for (Node item : list.items()) {
                n++;
                statement(item, n).ifPresent(statements::add);
            }
        }
        return statements;
    }

    private Optional<Statement> statement(Node node, int n) {
        String where = "statement " + n;
        if (!(node instanceof Obj obj)) {
            issue(node, "Each statement is a JSON object, " + where + " is " + node.kind()
                    + ": write { \"Effect\": …, \"Action\": …, \"Resource\": … }.");
            return Optional.empty();
        }
        int before = issues.size();
        duplicates(obj, where);
        for (Member m : obj.members()) {
            if (m.name().equals("Principal") || m.name().equals("NotPrincipal")) {
                issue(m.line(), m.column(), "\"" + m.name() + "\" is not allowed in a permission policy: it"
                        + " names who a resource policy (such as a role's trust policy) applies to, while a"
                        + " permission policy applies to whoever it is attached to. Remove it.");
            } else if (!STATEMENT_ELEMENTS.contains(m.name())) {
                issue(m.line(), m.column(), "Unknown element \"" + m.name() + "\" in " + where + ": a statement"
                        + " has \"Effect\", \"Action\" or \"NotAction\", \"Resource\" or \"NotResource\", and"
                        + " optionally \"Condition\"" + didYouMean(m.name(), STATEMENT_ELEMENTS) + ".");
            }
        }
        Statement.Effect effect = effect(obj, where);
        Member action = obj.get("Action");
        Member notAction = obj.get("NotAction");
        List<String> actions = List.of();
        if (action != null && notAction != null) {
            issue(notAction.line(), notAction.column(), where + " has both \"Action\" and \"NotAction\": keep"
                    + " exactly one of them.");
        } else if (action == null && notAction == null) {
            issue(obj, where + " has no \"Action\": add \"Action\": \"<product>:<Action>\" (e.g."
                    + " \"ecs:CreateDisk\", \"kms:List*\" or \"*\"), or \"NotAction\" for everything but those.");
        } else {
            Member m = action != null ? action : notAction;
            actions = strings(m, where, this::checkAction);
        }
        Member resource = obj.get("Resource");
        Member notResource = obj.get("NotResource");
        List<String> resources = List.of();
        if (resource != null && notResource != null) {
            issue(notResource.line(), notResource.column(), where + " has both \"Resource\" and \"NotResource\":"
                    + " keep exactly one of them.");
        } else if (resource == null && notResource == null) {
            issue(obj, where + " has no \"Resource\": add \"Resource\": \"*\" for all resources or an ARN such as"
                    + " \"acs:ecs:*:*:disk/*\".");
        } else {
            Member m = resource != null ? resource : notResource;
            resources = strings(m, where, this::checkResource);
        }
        List<Condition> conditions = List.of();
        Member condition = obj.get("Condition");
        if (condition != null) {
            conditions = conditions(condition.value(), where);
        }
        if (issues.size() > before || effect == null) {
            return Optional.empty();
        }
        return Optional.of(new Statement(effect, notAction != null, actions, notResource != null, resources,
                conditions));
    }

    private Statement.Effect effect(Obj obj, String where) {
        Member effect = obj.get("Effect");
        if (effect == null) {
            issue(obj, where + " has no \"Effect\": add \"Effect\": \"Allow\" or \"Effect\": \"Deny\".");
            return null;
        }
        if (effect.value() instanceof Str s) {
            for (Statement.Effect e : Statement.Effect.values()) {
                if (e.name().equals(s.value())) {
                    return e;
                }
            }
            for (Statement.Effect e : Statement.Effect.values()) {
                if (e.name().equalsIgnoreCase(s.value().trim())) {
                    issue(s, "\"Effect\" is case-sensitive: write \"" + e.name() + "\", not \"" + s.value() + "\".");
                    return null;
                }
            }
        }
        issue(effect.value(), "\"Effect\" must be \"Allow\" or \"Deny\", not " + shown(effect.value()) + ".");
        return null;
    }

    private interface Check {
        /** A message saying what is wrong with one value and what to write, or null if it is fine. */
        String problem(String value);
    }

    /** A string or a non-empty list of strings (Action, NotAction, Resource, NotResource), each checked. */
    private List<String> strings(Member m, String where, Check check) {
        Node v = m.value();
        List<Str> items = new ArrayList<>();
        if (v instanceof Str s) {
            items.add(s);
        } else if (v instanceof Arr a) {
            if (a.items().isEmpty()) {
                issue(a, "\"" + m.name() + "\" in " + where + " is an empty list: give at least one value.");
                return List.of();
            }
            for (Node item : a.items()) {
                if (item instanceof Str s) {
                    items.add(s);
                } else {
                    issue(item, "Each value of \"" + m.name() + "\" is a string in double quotes, not "
                            + item.kind() + ".");
                }
            }
        } else {
            issue(v, "\"" + m.name() + "\" in " + where + " must be a string or a list of strings, not "
                    + v.kind() + ".");
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (Str s : items) {
            String problem = check.problem(s.value());
            if (problem != null) {
                issue(s, "\"" + m.name() + "\" value \"" + s.value() + "\": " + problem);
            } else {
                values.add(s.value());
            }
        }
        return values;
    }

    private String checkAction(String action) {
        if (action.equals("*") || ACTION.matcher(action).matches()) {
            return null;
        }
        if (action.isBlank()) {
            return "an action cannot be empty; write \"<product>:<Action>\", e.g. \"ecs:CreateDisk\".";
        }
        if (action.indexOf(':') < 0) {
            return "an action names its product: write \"<product>:" + action.trim() + "\", e.g. \"ecs:"
                    + action.trim() + "\" or \"kms:" + action.trim() + "\".";
        }
        return "an action is \"<product>:<Action>\" of letters and digits with * and ? as wildcards, e.g."
                + " \"ecs:CreateDisk\" or \"kms:List*\".";
    }

    private String checkResource(String resource) {
        if (resource.equals("*")) {
            return null;
        }
        if (resource.startsWith("acs:") && resource.split(":", 5).length == 5
                && !resource.split(":", 5)[1].isEmpty() && !resource.split(":", 5)[4].isEmpty()) {
            return null;
        }
        return "a resource is \"*\" or an ARN \"acs:<service>:<region>:<account-id>:<relative-id>\" (use * for"
                + " any region or account), e.g. \"acs:ecs:*:*:disk/*\" or"
                + " \"acs:kms:cn-hangzhou:1234567890123456:key/*\".";
    }

    private List<Condition> conditions(Node node, String where) {
        if (!(node instanceof Obj block)) {
            issue(node, "\"Condition\" in " + where + " must be an object of operators, not " + node.kind()
                    + ": write \"Condition\": { \"Bool\": { \"ecs:IsDiskEncrypted\": [\"false\"] } }.");
            return List.of();
        }
        duplicates(block, "\"Condition\" of " + where);
        if (block.members().isEmpty()) {
            issue(block, "\"Condition\" in " + where + " is empty: add an operator such as \"StringEquals\", or"
                    + " remove \"Condition\".");
        }
        List<Condition> conditions = new ArrayList<>();
        for (Member op : block.byName().values()) {
            Optional<ConditionOperator> operator = ConditionOperator.named(op.name());
            if (operator.isEmpty()) {
                issue(op.line(), op.column(), unknownOperator(op.name()));
                continue;
            }
            if (!(op.value() instanceof Obj keys)) {
                issue(op.value(), "\"" + op.name() + "\" must be an object of condition keys, not "
                        + op.value().kind() + ": write \"" + op.name() + "\": { \"acs:SourceIp\": [ … ] }.");
                continue;
            }
            duplicates(keys, "\"" + op.name() + "\"");
            if (keys.members().isEmpty()) {
                issue(keys, "\"" + op.name() + "\" has no condition key: add one, e.g. \"acs:SourceIp\".");
            }
            for (Member key : keys.byName().values()) {
                condition(operator.get(), key).ifPresent(conditions::add);
            }
        }
        return conditions;
    }

    private Optional<Condition> condition(ConditionOperator operator, Member key) {
        if (!CONDITION_KEY.matcher(key.name()).matches()) {
            issue(key.line(), key.column(), "Condition key \"" + key.name() + "\" is not one: a key is"
                    + " \"<prefix>:<name>\", e.g. \"acs:SourceIp\", \"acs:CurrentTime\" or \"ecs:IsDiskEncrypted\".");
            return Optional.empty();
        }
        List<Node> nodes = new ArrayList<>();
        if (key.value() instanceof Arr a) {
            if (a.items().isEmpty()) {
                issue(a, "Condition key \"" + key.name() + "\" has an empty list: give at least one value, e.g. "
                        + example(operator) + ".");
                return Optional.empty();
            }
            nodes.addAll(a.items());
        } else {
            nodes.add(key.value());
        }
        List<String> values = new ArrayList<>();
        List<Object> parsed = new ArrayList<>();
        boolean ok = true;
        for (Node n : nodes) {
            String text = scalar(n);
            if (text == null) {
                issue(n, "A value of condition key \"" + key.name() + "\" is a string, number or boolean, not "
                        + n.kind() + ": write e.g. " + example(operator) + ".");
                ok = false;
                continue;
            }
            Optional<Object> value = operator.parse(text);
            if (value.isEmpty()) {
                issue(n, "\"" + text + "\" is not a value " + operator.name() + " can compare: it takes "
                        + operator.family().expected() + ".");
                ok = false;
                continue;
            }
            values.add(text);
            parsed.add(value.get());
        }
        return ok ? Optional.of(new Condition(operator, key.name(), values, parsed)) : Optional.empty();
    }

    private static String scalar(Node n) {
        if (n instanceof Str s) {
            return s.value();
        }
        if (n instanceof Num num) {
            return num.text();
        }
        if (n instanceof Bool b) {
            return Boolean.toString(b.value());
        }
        return null;
    }

    private static String example(ConditionOperator operator) {
        return switch (operator.family()) {
            case STRING -> "[\"dev\"]";
            case NUMERIC -> "[\"10\"]";
            case DATE -> "[\"2019-08-12T17:00:00+08:00\"]";
            case BOOL -> "[\"false\"]";
            case IP -> "[\"192.168.0.0/16\"]";
        };
    }

    private static String unknownOperator(String name) {
        StringBuilder m = new StringBuilder("Unknown condition operator \"" + name + "\"");
        Optional<ConditionOperator> closest = ConditionOperator.closest(name);
        if (name.endsWith("IfExists")) {
            m.append(": RAM has no IfExists forms");
            closest.ifPresent(o -> m.append("; write \"").append(o.name()).append("\""));
        } else if (closest.isPresent()) {
            m.append(": operators are case-sensitive, write \"").append(closest.get().name()).append("\"");
        } else {
            m.append(": use one of String{Equals,NotEquals,EqualsIgnoreCase,NotEqualsIgnoreCase,Like,NotLike},"
                    + " Numeric{Equals,NotEquals,LessThan,LessThanEquals,GreaterThan,GreaterThanEquals},"
                    + " Date{Equals,NotEquals,LessThan,LessThanEquals,GreaterThan,GreaterThanEquals}, Bool,"
                    + " IpAddress or NotIpAddress");
        }
        return m.append('.').toString();
    }

    private void duplicates(Obj obj, String where) {
        Set<String> seen = new HashSet<>();
        for (Member m : obj.members()) {
            if (!seen.add(m.name())) {
                issue(m.line(), m.column(), "\"" + m.name() + "\" appears twice in " + where
                        + ": keep one and merge the values into it.");
            }
        }
    }

    private static String didYouMean(String name, Set<String> known) {
        for (String k : known) {
            if (k.equalsIgnoreCase(name)) {
                return " (element names are case-sensitive: write \"" + k + "\")";
            }
        }
        return "";
    }

    private static String shown(Node n) {
        if (n instanceof Str s) {
            return "\"" + s.value() + "\"";
        }
        if (n instanceof Num num) {
            return num.text();
        }
        return n.kind();
    }

    /** Line and column (1-based) of the character at {@code index}, as an editor counts them. */
    static int[] position(String text, int index) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
        }
        return new int[] {line, column};
    }

    private void issue(Node at, String message) {
        issue(at.line(), at.column(), message);
    }

    private void issue(int line, int column, String message) {
        issues.add(new Issue(MALFORMED, line, column, message));
    }
}
