package dev.ecskms.sim.ram.policy;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The condition operators RAM documents (Resource Access Management › Conditional operators): five families —
 * string, number, date and time, Boolean, IP address — and nothing else. RAM's documentation lists no
 * {@code ...IfExists} forms and no {@code Null} operator, so a document using them is refused as an unknown operator.
 *
 * <p>A policy value is parsed once, when the document is; a request value when it is compared. Negated operators
 * ({@code StringNotEquals}, {@code NumericNotEquals}, {@code DateNotEquals}, {@code StringNotLike},
 * {@code NotIpAddress}) hold when no request value matches any policy value (values NOR'ed).
 */
public enum ConditionOperator {
    StringEquals(Family.STRING, Comparison.EQUALS, false, "is"),
    StringNotEquals(Family.STRING, Comparison.EQUALS, true, "is not"),
    StringEqualsIgnoreCase(Family.STRING, Comparison.EQUALS_IGNORE_CASE, false, "is"),
    StringNotEqualsIgnoreCase(Family.STRING, Comparison.EQUALS_IGNORE_CASE, true, "is not"),
    StringLike(Family.STRING, Comparison.LIKE, false, "matches"),
    StringNotLike(Family.STRING, Comparison.LIKE, true, "does not match"),
    NumericEquals(Family.NUMERIC, Comparison.EQUALS, false, "equals"),
    NumericNotEquals(Family.NUMERIC, Comparison.EQUALS, true, "does not equal"),
    NumericLessThan(Family.NUMERIC, Comparison.LESS, false, "is less than"),
    NumericLessThanEquals(Family.NUMERIC, Comparison.LESS_OR_EQUAL, false, "is at most"),
    NumericGreaterThan(Family.NUMERIC, Comparison.GREATER, false, "is greater than"),
    NumericGreaterThanEquals(Family.NUMERIC, Comparison.GREATER_OR_EQUAL, false, "is at least"),
    DateEquals(Family.DATE, Comparison.EQUALS, false, "is"),
    DateNotEquals(Family.DATE, Comparison.EQUALS, true, "is not"),
    DateLessThan(Family.DATE, Comparison.LESS, false, "is before"),
    DateLessThanEquals(Family.DATE, Comparison.LESS_OR_EQUAL, false, "is at or before"),
    DateGreaterThan(Family.DATE, Comparison.GREATER, false, "is after"),
    DateGreaterThanEquals(Family.DATE, Comparison.GREATER_OR_EQUAL, false, "is at or after"),
    Bool(Family.BOOL, Comparison.EQUALS, false, "is"),
    IpAddress(Family.IP, Comparison.IN_RANGE, false, "is in"),
    NotIpAddress(Family.IP, Comparison.IN_RANGE, true, "is not in");

    /** What kind of value the operator compares; decides how a value is parsed and what a bad one is told. */
    public enum Family {
        STRING("a string"),
        NUMERIC("a number, e.g. 10 or \"10\""),
        DATE("a date and time in ISO 8601, e.g. \"2019-08-12T17:00:00+08:00\", or seconds since the epoch"),
        BOOL("\"true\" or \"false\""),
        IP("an IP address or CIDR block, e.g. \"192.168.0.0/16\" or \"2001:db8::/32\"");

        private final String expected;

        Family(String expected) {
            this.expected = expected;
        }

        /** What a value of this family looks like, for messages. */
        public String expected() {
            return expected;
        }
    }

    private enum Comparison {
        EQUALS, EQUALS_IGNORE_CASE, LIKE, LESS, LESS_OR_EQUAL, GREATER, GREATER_OR_EQUAL, IN_RANGE
    }

    private static final Pattern EPOCH_SECONDS = Pattern.compile("-?\\d{1,12}");
    private static final Pattern IPV4 = Pattern.compile(
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private final Family family;
    private final Comparison comparison;
    private final boolean negated;
    private final String phrase;

    ConditionOperator(Family family, Comparison comparison, boolean negated, String phrase) {
        this.family = family;
        this.comparison = comparison;
        this.negated = negated;
        this.phrase = phrase;
    }

    public Family family() {
        return family;
    }

    /** Whether the operator holds when no value matches (StringNotEquals, NotIpAddress …). */
    public boolean negated() {
        return negated;
    }

    /** How the summary says it: "ecs:IsDiskEncrypted is false", "acs:SourceIp is in 10.0.0.0/8". */
    String phrase() {
        return phrase;
    }

    /** What follows the values in the summary: " (ignoring case)" for the IgnoreCase forms. */
    String suffix() {
        return comparison == Comparison.EQUALS_IGNORE_CASE ? " (ignoring case)" : "";
    }

    /** The operator of exactly this name (operators are case-sensitive, as element names are). */
    public static Optional<ConditionOperator> named(String name) {
        return Arrays.stream(values()).filter(o -> o.name().equals(name)).findFirst();
    }

    /** The operator the author probably meant, for "did you mean" hints: same letters ignoring case, or IfExists. */
    static Optional<ConditionOperator> closest(String name) {
        String stripped = name.endsWith("IfExists") ? name.substring(0, name.length() - "IfExists".length()) : name;
        return Arrays.stream(values()).filter(o -> o.name().equalsIgnoreCase(stripped)).findFirst();
    }

    /** A policy value of this operator's family, parsed; empty when it is not one (the caller says where). */
    Optional<Object> parse(String value) {
        return switch (family) {
            case STRING -> Optional.of(value);
            case NUMERIC -> number(value).map(n -> (Object) n);
            case DATE -> date(value).map(d -> (Object) d);
            case BOOL -> bool(value).map(b -> (Object) b);
            case IP -> Cidr.parse(value).map(c -> (Object) c);
        };
    }

    /** Whether any of the request's values matches the policy value under the positive form of this operator. */
    boolean matches(Object policyValue, String requestValue) {
        switch (family) {
            case STRING -> {
                String p = (String) policyValue;
                return switch (comparison) {
                    case EQUALS -> p.equals(requestValue);
                    case EQUALS_IGNORE_CASE -> p.equalsIgnoreCase(requestValue);
                    case LIKE -> Wildcards.matches(p, requestValue, false);
                    default -> throw new IllegalStateException(name());
                };
            }
            case BOOL -> {
                return bool(requestValue).map(policyValue::equals).orElse(false);
            }
            case IP -> {
                return Cidr.address(requestValue).map(((Cidr) policyValue)::contains).orElse(false);
            }
            case NUMERIC -> {
                return number(requestValue).map(r -> ordered(r.compareTo((BigDecimal) policyValue))).orElse(false);
            }
            case DATE -> {
                return date(requestValue).map(r -> ordered(r.compareTo((Instant) policyValue))).orElse(false);
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** Whether a request value can be compared at all: one that cannot makes the condition not hold. */
    boolean comparable(String requestValue) {
        return switch (family) {
            case STRING -> true;
            case NUMERIC -> number(requestValue).isPresent();
            case DATE -> date(requestValue).isPresent();
            case BOOL -> bool(requestValue).isPresent();
            case IP -> Cidr.address(requestValue).isPresent();
        };
    }

    private boolean ordered(int cmp) {
        return switch (comparison) {
            case EQUALS -> cmp == 0;
            case LESS -> cmp < 0;
            case LESS_OR_EQUAL -> cmp <= 0;
            case GREATER -> cmp > 0;
            case GREATER_OR_EQUAL -> cmp >= 0;
            default -> throw new IllegalStateException(name());
        };
    }

    static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static Optional<Boolean> bool(String text) {
        if (text.equalsIgnoreCase("true")) {
            return Optional.of(Boolean.TRUE);
        }
        if (text.equalsIgnoreCase("false")) {
            return Optional.of(Boolean.FALSE);
        }
        return Optional.empty();
    }

    /**
     * ISO 8601 with an offset ({@code 2019-08-12T17:00:00+08:00}, {@code …Z}), without one (taken as UTC), a bare
     * date (midnight UTC), or whole seconds since the epoch — RAM's acs:CurrentTime examples use the first form.
     */
    static Optional<Instant> date(String text) {
        String t = text.trim();
        if (EPOCH_SECONDS.matcher(t).matches()) {
            return Optional.of(Instant.ofEpochSecond(Long.parseLong(t)));
        }
        try {
            return Optional.of(OffsetDateTime.parse(t).toInstant());
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return Optional.of(LocalDateTime.parse(t).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            // try the next form
        }
        try {
            return Optional.of(LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** An IPv4 or IPv6 network; a bare address is a /32 or /128. */
    record Cidr(byte[] network, int prefix, String text) {
        static Optional<Cidr> parse(String text) {
            String t = text.trim();
            int slash = t.indexOf('/');
            Optional<byte[]> address = address(slash < 0 ? t : t.substring(0, slash));
            if (address.isEmpty()) {
                return Optional.empty();
            }
            int bits = address.get().length * 8;
            int prefix = bits;
            if (slash >= 0) {
                String p = t.substring(slash + 1);
                if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > bits) {
                    return Optional.empty();
                }
                prefix = Integer.parseInt(p);
            }
            return Optional.of(new Cidr(address.get(), prefix, t));
        }

        /**
         * The bytes of a literal address, never a host name: IPv4 is matched by pattern, IPv6 is handed to the JDK
         * in brackets, which makes it parse a literal or fail instead of asking DNS.
         */
        static Optional<byte[]> address(String text) {
            String t = text.trim();
            // A request's address may come as a URI writes it ("[::1]") or with an IPv6 zone ("fe80::1%eth0").
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1);
            }
            int zone = t.indexOf('%');
            if (zone > 0 && t.indexOf(':') >= 0) {
                t = t.substring(0, zone);
            }
            if (IPV4.matcher(t).matches()) {
                String[] parts = t.split("\\.");
                byte[] bytes = new byte[4];
                for (int i = 0; i < 4; i++) {
                    bytes[i] = (byte) Integer.parseInt(parts[i]);
                }
                return Optional.of(bytes);
            }
            if (t.indexOf(':') < 0 || !IPV6_CHARS.matcher(t).matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(InetAddress.getByName("[" + t + "]").getAddress());
            } catch (UnknownHostException | SecurityException e) {
                return Optional.empty();
            }
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xFF << (8 - rest)) & 0xFF;
            return (address[full] & mask) == (network[full] & mask);
        }

        @Override
        public String toString() {
            return text.toLowerCase(Locale.ROOT);
        }
    }
}
