package dev.ecskms.sim.ram.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Documents RAM refuses, each with the code it answers and the line and column of the element at fault. The
 * expected position is where the named piece of text stands in the document as written (the {@code anchor}; its
 * last occurrence when {@code last} is set), so the table says "here" the way a reader points at it.
 */
class MalformedPolicyTest {
    private static final String MALFORMED = "MalformedPolicyDocument";

    private static Arguments row(String name, String json, String anchor, boolean last, String hint) {
        return Arguments.of(name, json, MALFORMED, anchor, last, hint);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                row("not JSON: trailing comma", """
                        {
                          "Version": "1",
                        }""", "}", true, "trailing comma"),
                row("not JSON: cut short", """
                        {"Version": "1", "Statement": [""", null, false, "ends too early"),
                row("not JSON: single quotes", """
                        {'Version': '1'}""", "'", false, "double quotes"),
                row("more after the object", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]} {}""",
                        "{}", true, "more after the end"),
                row("a list instead of an object", """
                        [{"Version": "1"}]""", "[", false, "JSON object"),
                row("Version missing", """
                        {"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""", "{", false,
                        "\"Version\": \"1\""),
                row("Version 2", """
                        {"Version": "2", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""",
                        "\"2\"", false, "\"Version\": \"1\""),
                row("Version as a number", """
                        {
                          "Version": 1,
                          "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]
                        }""", "1,", false, "string \"1\""),
                row("version in lower case", """
                        {"version": "1", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}""",
                        "\"version\"", false, "write \"Version\""),
                row("an unknown top-level element", """
                        {"Version": "1", "Id": "x", "Statement": [{"Effect": "Allow", "Action": "*",
                         "Resource": "*"}]}""", "\"Id\"", false, "only \"Version\" and \"Statement\""),
                row("Statement missing", """
                        {"Version": "1"}""", "{", false, "\"Statement\" is missing"),
                row("Statement a single object", """
                        {"Version": "1",
                         "Statement": {"Effect": "Allow", "Action": "*", "Resource": "*"}}""", "{\"Effect\"", false,
                        "square brackets"),
                row("Statement empty", """
                        {"Version": "1", "Statement": []}""", "[", false, "at least one statement"),
                row("a statement that is a string", """
                        {"Version": "1", "Statement": ["Allow everything"]}""", "\"Allow everything\"", false,
                        "JSON object"),
                row("Effect missing", """
                        {"Version": "1", "Statement": [
                          {"Action": "*", "Resource": "*"}]}""", "{\"Action\"", false, "\"Effect\": \"Allow\""),
                row("Effect in lower case", """
                        {"Version": "1", "Statement": [
                          {"Effect": "allow", "Action": "*", "Resource": "*"}]}""", "\"allow\"", false,
                        "write \"Allow\""),
                row("Effect Permit", """
                        {"Version": "1", "Statement": [
                          {"Effect": "Permit", "Action": "*", "Resource": "*"}]}""", "\"Permit\"", false,
                        "\"Allow\" or \"Deny\""),
                row("Effect a boolean", """
                        {"Version": "1", "Statement": [
                          {"Effect": true, "Action": "*", "Resource": "*"}]}""", "true", false,
                        "\"Allow\" or \"Deny\""),
                row("Action and NotAction both", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*",
                          "NotAction": "ecs:DeleteDisk", "Resource": "*"}]}""", "\"NotAction\"", false,
                        "exactly one"),
                row("Action missing", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Resource": "*"}]}""", "{\"Effect\"",
                        false, "no \"Action\""),
                row("an action without its product", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": ["ecs:DescribeDisks",
                          "CreateDisk"], "Resource": "*"}]}""", "\"CreateDisk\"", false, "ecs:CreateDisk"),
                row("an action with a space", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:Create Disk",
                          "Resource": "*"}]}""", "\"ecs:Create Disk\"", false, "<product>:<Action>"),
                row("Action an empty list", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": [], "Resource": "*"}]}""",
                        "[]", false, "empty list"),
                row("Action a number", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": 5, "Resource": "*"}]}""",
                        "5", false, "string or a list of strings"),
                row("an action that is not a string", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": ["ecs:*", null],
                          "Resource": "*"}]}""", "null", false, "double quotes"),
                row("Resource missing", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "*"}]}""", "{\"Effect\"", false,
                        "no \"Resource\""),
                row("a resource that is not an ARN", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*",
                          "Resource": "disk/*"}]}""", "\"disk/*\"", false, "acs:ecs:*:*:disk/*"),
                row("a resource with too few parts", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*",
                          "Resource": ["acs:ecs:*:disk/*"]}]}""", "\"acs:ecs:*:disk/*\"", false, "<relative-id>"),
                row("Resource and NotResource both", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
                          "NotResource": "acs:ecs:*:*:instance/i-1"}]}""", "\"NotResource\"", false, "exactly one"),
                row("Principal in a permission policy", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
                          "Principal": {"RAM": ["acs:ram::1234567890123456:root"]}}]}""", "\"Principal\"", false,
                        "Remove it"),
                row("Sid is not a RAM element", """
                        {"Version": "1", "Statement": [{"Sid": "s1", "Effect": "Allow", "Action": "ecs:*",
                          "Resource": "*"}]}""", "\"Sid\"", false, "Unknown element"),
                row("an element twice", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
                          "Effect": "Deny"}]}""", "\"Effect\"", true, "appears twice"),
                row("Condition a string", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
                          "Condition": "encrypted"}]}""", "\"encrypted\"", false, "object of operators"),
                row("Condition empty", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
                          "Condition": {}}]}""", "{}", false, "is empty"),
                row("an unknown operator", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
                          "Condition": {"StringMatches": {"acs:ResourceTag/team": "dev"}}}]}""",
                        "\"StringMatches\"", false, "use one of"),
                row("an operator in the wrong case", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
                          "Condition": {"stringequals": {"acs:ResourceTag/team": "dev"}}}]}""",
                        "\"stringequals\"", false, "write \"StringEquals\""),
                row("IfExists is not RAM's", """
                        {"Version": "1", "Statement": [{"Effect": "Deny", "Action": "ecs:*", "Resource": "*",
                          "Condition": {"BoolIfExists": {"ecs:IsDiskEncrypted": "false"}}}]}""",
                        "\"BoolIfExists\"", false, "no IfExists forms"),
                row("an operator that is not an object", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
                          "Condition": {"Bool": ["acs:SecureTransport", "true"]}}]}""",
                        "[\"acs:SecureTransport\"", false, "object of condition keys"),
                row("a condition key without a prefix", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
                          "Condition": {"IpAddress": {"SourceIp": "10.0.0.0/8"}}}]}""", "\"SourceIp\"", false,
                        "acs:SourceIp"),
                row("a condition key with an empty list", """
                        {"Version": "1", "Statement": [{"Effect": "Deny", "Action": "ecs:*", "Resource": "*",
                          "Condition": {"Bool": {"ecs:IsDiskEncrypted": []}}}]}""", "[]", false,
                        "[\"false\"]"),
                row("a condition value that is an object", """
                        {"Version": "1", "Statement": [{"Effect": "Deny", "Action": "ecs:*", "Resource": "*",
                          "Condition": {"StringEquals": {"acs:ResourceTag/team": {"is": "dev"}}}}]}""",
                        "{\"is\"", false, "string, number or boolean"),
                row("Bool yes", """
                        {"Version": "1", "Statement": [{"Effect": "Deny", "Action": "ecs:*", "Resource": "*",
                          "Condition": {"Bool": {"ecs:IsDiskEncrypted": ["false", "yes"]}}}]}""", "\"yes\"", false,
                        "\"true\" or \"false\""),
                row("a number that is not one", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
                          "Condition": {"NumericLessThan": {"ecs:DiskSize": "ten"}}}]}""", "\"ten\"", false,
                        "a number"),
                row("a date that is not one", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
                          "Condition": {"DateLessThan": {"acs:CurrentTime": "tomorrow"}}}]}""", "\"tomorrow\"",
                        false, "ISO 8601"),
                row("a CIDR with a /33", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
                          "Condition": {"IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "10.0.0.0/33"]}}}]}""",
                        "\"10.0.0.0/33\"", false, "CIDR block"),
                row("a host name for an address", """
                        {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*",
                          "Condition": {"NotIpAddress": {"acs:SourceIp": "office.example.com"}}}]}""",
                        "\"office.example.com\"", false, "IP address"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void refused(String name, String json, String code, String anchor, boolean last, String hint) {
        int[] expected = anchor == null ? end(json) : where(json, anchor, last);
        List<PolicyProblem> problems = PolicyDocument.problems(json);
        assertTrue(problems.stream().anyMatch(p -> p.line() == expected[0] && p.column() == expected[1]),
                name + ": expected a problem at line " + expected[0] + ", column " + expected[1] + ", got "
                        + problems);
        PolicyProblem there = problems.stream()
                .filter(p -> p.line() == expected[0] && p.column() == expected[1]).findFirst().orElseThrow();
        assertTrue(there.message().contains(hint), name + ": \"" + there.message() + "\" should say " + hint);

        ApiException e = assertThrows(ApiException.class, () -> PolicyDocument.parse(json));
        assertEquals(code, e.code());
        assertEquals(400, e.httpStatus());
        assertTrue(e.getMessage().contains("line " + expected[0] + ", column " + expected[1]), e.getMessage());
    }

    @Test
    void tooLongIsRefusedWithTheLengthCodeAtTheFirstCharacterOver() {
        StringBuilder actions = new StringBuilder();
        while (actions.length() < PolicyParser.MAX_CHARS) {
            actions.append("\"ecs:DescribeInstances\", ");
        }
        String json = "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": [" + actions
                + "\"ecs:DescribeDisks\"], \"Resource\": \"*\"}]}";
        ApiException e = assertThrows(ApiException.class, () -> PolicyDocument.parse(json));
        assertEquals("InvalidParameter.PolicyDocument.Length", e.code());
        assertEquals(400, e.httpStatus());
        assertTrue(e.getMessage().contains("line 1, column " + (PolicyParser.MAX_CHARS + 1)), e.getMessage());
        assertTrue(e.getMessage().contains("at most 6144"), e.getMessage());
    }

    @Test
    void exactlyTheLimitIsAccepted() {
        String head = "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"ecs:";
        String tail = "\", \"Resource\": \"*\"}]}";
        String json = head + "D".repeat(PolicyParser.MAX_CHARS - head.length() - tail.length()) + tail;
        assertEquals(PolicyParser.MAX_CHARS, json.length());
        assertTrue(PolicyDocument.problems(json).isEmpty());
    }

    @Test
    void emptyAndBlankDocumentsAreRefusedAtTheStart() {
        for (String json : new String[] {null, "", "   \n"}) {
            List<PolicyProblem> problems = PolicyDocument.problems(json);
            assertEquals(1, problems.size());
            assertEquals(1, problems.get(0).line());
            assertEquals(1, problems.get(0).column());
            assertEquals(MALFORMED, assertThrows(ApiException.class, () -> PolicyDocument.parse(json)).code());
        }
    }

    @Test
    void everyProblemIsListedForTheEditor() {
        String json = """
                {
                  "Version": "2",
                  "Statement": [
                    {"Effect": "allow", "Action": "CreateDisk", "Resource": "*"},
                    {"Effect": "Deny", "Action": "ecs:*", "Resource": "*",
                     "Condition": {"Bool": {"ecs:IsDiskEncrypted": "maybe"}}}
                  ]
                }""";
        List<PolicyProblem> problems = PolicyDocument.problems(json);
        assertEquals(4, problems.size(), problems.toString());
        assertEquals(List.of(2, 4, 4, 6), problems.stream().map(PolicyProblem::line).toList());
        ApiException e = assertThrows(ApiException.class, () -> PolicyDocument.parse(json));
        for (PolicyProblem p : problems) {
            assertTrue(e.getMessage().contains(p.toString()), e.getMessage());
        }
    }

    @Test
    void problemsComeInTheOrderOfTheText() {
        String json = """
                {"Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*", "Sid": "late"}],
                 "Id": "x"}""";
        List<PolicyProblem> problems = PolicyDocument.problems(json);
        assertEquals(3, problems.size(), problems.toString());
        List<PolicyProblem> sorted = problems.stream().sorted(java.util.Comparator.comparingInt(PolicyProblem::line)
                .thenComparingInt(PolicyProblem::column)).toList();
        assertEquals(sorted, problems);
        assertTrue(problems.get(0).message().contains("\"Version\" is missing"), problems.toString());
    }

    @Test
    void theRealDocumentsAreValid() {
        for (String json : List.of(PolicyEvaluationTest.ENCRYPTED_DISKS_ONLY, PolicyEvaluationTest.ONE_INSTANCE,
                PolicyEvaluationTest.BEFORE_AUGUST_12, PolicyEvaluationTest.TEAM_DEV, PolicyEvaluationTest.OSS_PREFIX,
                PolicyEvaluationTest.POWER_USER)) {
            assertEquals(List.of(), PolicyDocument.problems(json));
        }
    }

    /** Line and column of {@code anchor} in {@code json}, 1-based. */
    private static int[] where(String json, String anchor, boolean last) {
        int index = last ? json.lastIndexOf(anchor) : json.indexOf(anchor);
        if (index < 0) {
            throw new IllegalArgumentException(anchor + " is not in " + json);
        }
        return lineAndColumn(json, index);
    }

    private static int[] lineAndColumn(String text, int index) {
        String before = text.substring(0, index);
        int line = (int) before.chars().filter(c -> c == '\n').count() + 1;
        return new int[] {line, index - (before.lastIndexOf('\n') + 1) + 1};
    }

    /** Just past the last character: where a parser that ran out of text stands. */
    private static int[] end(String json) {
        return lineAndColumn(json, json.length());
    }
}
