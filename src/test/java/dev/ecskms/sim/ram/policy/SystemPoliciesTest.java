package dev.ecskms.sim.ram.policy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.ram.policy.SystemPolicies.SystemPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The system policies the issue names, their documents valid, found by exact name, summarised readably. */
class SystemPoliciesTest {
    @Test
    void theEightPoliciesOfTheIssueAreThere() {
        assertEquals(List.of("AdministratorAccess", "AliyunECSFullAccess", "AliyunECSReadOnlyAccess",
                "AliyunKMSFullAccess", "AliyunKMSReadOnlyAccess", "AliyunRAMFullAccess", "AliyunOOSFullAccess",
                "AliyunECSDiskEncryptRolePolicy"), SystemPolicies.all().stream().map(SystemPolicy::name).toList());
    }

    @Test
    void everyDocumentIsValidAndDescribed() {
        for (SystemPolicy p : SystemPolicies.all()) {
            assertEquals(List.of(), PolicyDocument.problems(p.document()), p.name());
            assertEquals(p.document(), p.policy().text());
            assertFalse(p.description().isBlank(), p.name());
        }
    }

    @Test
    void foundByExactName() {
        assertEquals("AliyunKMSReadOnlyAccess", SystemPolicies.find("AliyunKMSReadOnlyAccess").orElseThrow().name());
        assertTrue(SystemPolicies.find("aliyunkmsreadonlyaccess").isEmpty());
        assertTrue(SystemPolicies.find("AliyunKMSWriteAccess").isEmpty());
    }

    @Test
    void summariesReadAsTheConsoleShowsThem() {
        assertEquals(List.of("Allow every action on all resources"),
                SystemPolicies.find("AdministratorAccess").orElseThrow().policy().summary());
        assertEquals(List.of("Allow ecs:Describe* on all resources", "Allow ecs:List* on all resources",
                "Allow vpc:DescribeVpcs, vpc:DescribeVSwitches on all resources"),
                SystemPolicies.find("AliyunECSReadOnlyAccess").orElseThrow().policy().summary());
        assertEquals(List.of("Allow kms:* on all resources", "Allow ram:CreateServiceLinkedRole on all resources"
                + " when ram:ServiceName is one of secretsmanager-rds.kms.aliyuncs.com, keystore.kms.aliyuncs.com"),
                SystemPolicies.find("AliyunKMSFullAccess").orElseThrow().policy().summary());
    }

    @Test
    void theSourceDocumentsPolicySummarised() {
        assertEquals(List.of("Deny ecs:CreateDisk, ecs:RunInstances, ecs:CreateInstance on all resources when"
                + " ecs:IsDiskEncrypted is false"),
                PolicyDocument.parse(PolicyEvaluationTest.ENCRYPTED_DISKS_ONLY).summary());
    }

    @Test
    void otherStatementsSummarised() {
        assertEquals(List.of("Allow every action except ram:*, ims:*, resourcemanager:*, resourcesharing:*,"
                + " cloudsso:* on all resources"), PolicyDocument.parse(PolicyEvaluationTest.POWER_USER).summary());
        assertEquals(List.of("Allow ecs:* on all resources except acs:ecs:*:*:instance/i-prod*"),
                PolicyDocument.parse(PolicyEvaluationTest.NOT_PROD).summary());
        assertEquals(List.of("Allow ecs:* on acs:ecs:*:*:instance/i-001", "Allow ecs:Describe* on all resources"),
                PolicyDocument.parse(PolicyEvaluationTest.ONE_INSTANCE).summary());
        assertEquals(List.of("Allow ecs:Describe* on all resources when acs:CurrentTime is at or after"
                + " 2026-01-01T00:00:00Z and acs:CurrentTime is before 2027-01-01T00:00:00Z"),
                PolicyDocument.parse(PolicyEvaluationTest.OFFICE_HOURS_2026).summary());
        assertEquals(List.of("Deny every action on all resources when acs:SourceIp is not in any of 10.0.0.0/8,"
                + " 2001:db8::/32"), PolicyDocument.parse(PolicyEvaluationTest.DENY_OUTSIDE_OFFICE).summary());
        assertEquals("Allow ecs:StopInstance on all resources when acs:ResourceTag/team is dev (ignoring case)",
                PolicyDocument.parse(PolicyEvaluationTest.STRING_OPERATORS).summary().get(1));
        assertEquals("Allow ecs:CreateDisk on all resources when ecs:DiskSize is at most 100",
                PolicyDocument.parse(PolicyEvaluationTest.NUMERIC_OPERATORS).summary().get(0));
    }
}
