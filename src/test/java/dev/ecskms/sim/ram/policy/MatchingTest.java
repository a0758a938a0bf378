package dev.ecskms.sim.ram.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The pieces under the evaluation table: wildcards, addresses and dates as the policy language reads them. */
class MatchingTest {
    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "*, '', true",
            "*, anything, true",
            "?, '', false",
            "?, a, true",
            "a*b, ab, true",
            "a*b, axxb, true",
            "a*b, axxbc, false",
            "*b*, abc, true",
            "d-00?, d-001, true",
            "d-00?, d-01, false",
            "acs:ecs:*:*:disk/*, acs:ecs:cn-hangzhou:123:disk/d-1, true",
            "acs:ecs:*:*:disk/*, acs:ecs:cn-hangzhou:123:instance/i-1, false",
            "acs:*:disk/*, acs:ecs:cn-hangzhou:123:disk/d-1, true",
    })
    void wildcards(String pattern, String value, boolean expected) {
        assertEquals(expected, Wildcards.matches(pattern, value, false));
    }

    @Test
    void wildcardsIgnoreCaseWhenAsked() {
        assertTrue(Wildcards.matches("ecs:Create*", "ECS:CREATEDISK", true));
        assertFalse(Wildcards.matches("ecs:Create*", "ECS:CREATEDISK", false));
    }

    @Test
    void manyStarsDoNotBacktrackForever() {
        String value = "a".repeat(20_000);
        assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> assertFalse(Wildcards.matches("*a*a*a*a*a*a*a*a*b", value, false)));
    }

    @ParameterizedTest(name = "{1} in {0} = {2}")
    @CsvSource({
            "10.0.0.0/8, 10.255.255.255, true",
            "10.0.0.0/8, 11.0.0.0, false",
            "192.168.1.128/25, 192.168.1.129, true",
            "192.168.1.128/25, 192.168.1.127, false",
            "0.0.0.0/0, 8.8.8.8, true",
            "203.0.113.5, 203.0.113.5, true",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "::1, ::1, true",
            "10.0.0.0/8, ::ffff:10.0.0.1, true",
            "2001:db8::/32, 10.0.0.1, false",
            "::1, [::1], true",
            "::1, 0:0:0:0:0:0:0:1, true",
            "fe80::/10, fe80::1%eth0, true",
    })
    void addresses(String cidr, String address, boolean expected) {
        ConditionOperator.Cidr network = ConditionOperator.Cidr.parse(cidr).orElseThrow();
        assertEquals(expected, network.contains(ConditionOperator.Cidr.address(address).orElseThrow()));
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/33", "256.0.0.1", "10.0.0", "example.com", "2001:db8::/129", "1.2.3.4/", "::g"})
    void notAddresses(String text) {
        assertTrue(ConditionOperator.Cidr.parse(text).isEmpty(), text);
    }

    @ParameterizedTest
    @CsvSource({
            "2019-08-12T17:00:00+08:00, 2019-08-12T09:00:00Z",
            "2019-08-12T09:00:00Z, 2019-08-12T09:00:00Z",
            "2019-08-12T09:00:00.500Z, 2019-08-12T09:00:00.500Z",
            "2019-08-12T09:00:00, 2019-08-12T09:00:00Z",
            "2019-08-12, 2019-08-12T00:00:00Z",
            "1565600400, 2019-08-12T09:00:00Z",
    })
    void dates(String text, String instant) {
        assertEquals(Instant.parse(instant), ConditionOperator.date(text).orElseThrow());
    }
}
