package dev.ecskms.sim.ram.policy;

import static dev.ecskms.sim.ram.policy.Decision.ALLOW;
import static dev.ecskms.sim.ram.policy.Decision.EXPLICIT_DENY;
import static dev.ecskms.sim.ram.policy.Decision.IMPLICIT_DENY;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The policy evaluation table: documents, a request (action, resource, condition keys) and what RAM decides. The
 * documents are the RAM documentation's examples where we could find them, the source document's two pieces of
 * production advice, and the system policies of {@link SystemPolicies}.
 */
class PolicyEvaluationTest {
    private static final String ACCOUNT = "1234567890123456";
    private static final String ANY = "*";
    private static final String DISK = "acs:ecs:cn-hangzhou:" + ACCOUNT + ":disk/*";
    private static final String INSTANCE = "acs:ecs:cn-hangzhou:" + ACCOUNT + ":instance/*";
    private static final String KEY = "acs:kms:cn-hangzhou:" + ACCOUNT + ":key/key-hzz62f1cb66fa42qo3a2";

    /** The source document's advice: users may create only encrypted disks (ECS › Prevent unencrypted disks). */
    static final String ENCRYPTED_DISKS_ONLY = """
            {
              "Version": "1",
              "Statement": [
                {
                  "Effect": "Deny",
                  "Action": ["ecs:CreateDisk", "ecs:RunInstances", "ecs:CreateInstance"],
                  "Resource": "*",
                  "Condition": {"Bool": {"ecs:IsDiskEncrypted": ["false"]}}
                }
              ]
            }""";

    static final String ALLOW_ECS = """
            {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*", "Resource": "*"}]}""";

    /** RAM › Allow managing a specific ECS instance. */
    static final String ONE_INSTANCE = """
            {
                "Version": "1",
                "Statement": [
                    {
                        "Effect": "Allow",
                        "Action": "ecs:*",
                        "Resource": "acs:ecs:*:*:instance/i-001"
                    },
                    {
                        "Effect": "Allow",
                        "Action": "ecs:Describe*",
                        "Resource": "*"
                    }
                ]
            }""";

    /** RAM › Access Alibaba Cloud in a specified period of time. */
    static final String BEFORE_AUGUST_12 = """
            {
            "Statement": [
            {
            "Action": "ecs:*",
            "Effect": "Allow",
            "Resource": "*",
            "Condition": {
            "DateLessThan": {
            "acs:CurrentTime": "2019-08-12T17:00:00+08:00"
            }
            }
            }
            ],
            "Version": "1"
            }""";

    /** RAM › Conditional operators, StringEquals example: only instances tagged team:dev. */
    static final String TEAM_DEV = """
            {
              "Version": "1",
              "Statement": [{
                "Effect": "Allow",
                "Action": "ecs:*",
                "Resource": "*",
                "Condition": {
                  "StringEquals": {
                    "acs:ResourceTag/team": [
                      "dev"
                    ]
                  }
                }
              }]
            }""";

    /** RAM › Conditional operators, StringLike example (OSS prefix). */
    static final String OSS_PREFIX = """
            {
              "Version": "1",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "oss:GetObject"
                  ],
                  "Resource": [
                    "acs:oss:*:*:myphotos/hangzhou/2015/*"
                  ]
                },
                {
                  "Effect": "Allow",
                  "Action": [
                    "oss:ListObjects"
                  ],
                  "Resource": [
                    "acs:oss:*:*:myphotos"
                  ],
                  "Condition":{
                    "StringLike":{
                      "oss:Prefix":"hangzhou/2015/*"
                    }
                  }
                }
              ]
            }""";

    /** The first statement of RAM's PowerUserAccess: everything but RAM and its relatives. */
    static final String POWER_USER = """
            {
              "Version": "1",
              "Statement": [
                {
                  "Effect": "Allow",
                  "NotAction": ["ram:*", "ims:*", "resourcemanager:*", "resourcesharing:*", "cloudsso:*"],
                  "Resource": "*"
                }
              ]
            }""";

    /** KMS › Policy condition keys, acs:SourceIp RAM example (the documentation masks the address as 116.62.XX.XX). */
    static final String KMS_FROM_SUBNET = """
            {
                "Statement": [
                    {
                        "Action": "kms:GenerateDataKey",
                        "Effect": "Allow",
                        "Resource": "*",
                        "Condition": {
                            "IpAddress": {
                                "acs:SourceIp": "116.62.10.0/24"
                            }
                        }
                    }
                ],
                "Version": "1"
            }""";

    /** ECS › Custom policies: restart instances only when the RAM user signed in with MFA. */
    static final String REBOOT_WITH_MFA = """
            {"Version": "1", "Statement": [{"Action": "ecs:RebootInstance", "Effect": "Allow", "Resource": "*",
              "Condition": {"Bool": {"acs:MFAPresent": "true"}}}]}""";

    static final String DENY_KEY_DELETION = """
            {"Version": "1", "Statement": [{"Effect": "Deny",
              "Action": ["kms:ScheduleKeyDeletion", "kms:DisableKey"], "Resource": "*"}]}""";

    static final String DENY_OUTSIDE_OFFICE = """
            {"Version": "1", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
              "Condition": {"NotIpAddress": {"acs:SourceIp": ["10.0.0.0/8", "2001:db8::/32"]}}}]}""";

    static final String ONLY_HTTPS = """
            {"Version": "1", "Statement": [{"Effect": "Deny", "Action": "*", "Resource": "*",
              "Condition": {"Bool": {"acs:SecureTransport": "false"}}}]}""";

    static final String FROM_OFFICE = """
            {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "kms:*", "Resource": "*",
              "Condition": {"IpAddress": {"acs:SourceIp": ["10.0.0.0/8", "192.168.1.0/24", "203.0.113.5",
                "2001:db8::/32"]}}}]}""";

    static final String OFFICE_HOURS_2026 = """
            {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:Describe*", "Resource": "*",
              "Condition": {"DateGreaterThanEquals": {"acs:CurrentTime": "2026-01-01T00:00:00Z"},
                            "DateLessThan": {"acs:CurrentTime": "2027-01-01T00:00:00Z"}}}]}""";

    static final String HANGZHOU_KEYS = """
            {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "kms:*",
              "Resource": "acs:kms:cn-hangzhou:*:key/*"}]}""";

    static final String MY_ACCOUNT_KEYS = """
            {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "kms:*",
              "Resource": ["acs:kms:*:1234567890123456:key/*"]}]}""";

    static final String DISKS_D00X = """
            {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*Disk",
              "Resource": "acs:ecs:*:*:disk/d-00?"}]}""";

    static final String NOT_PROD = """
            {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "ecs:*",
              "NotResource": "acs:ecs:*:*:instance/i-prod*"}]}""";

    static final String CREATE_ONLY = """
            {"Version": "1", "Statement": [{"Effect": "Allow", "Action": ["ecs:Create*", "ecs:?ttachDisk"],
              "Resource": "*"}]}""";

    static final String DENY_ALL_BUT_DESCRIBE = """
            {"Version": "1", "Statement": [{"Effect": "Deny", "NotAction": "kms:Describe*", "Resource": "*"}]}""";

    static final String STRING_OPERATORS = """
            {"Version": "1", "Statement": [
              {"Effect": "Allow", "Action": "ecs:StartInstance", "Resource": "*",
               "Condition": {"StringNotEquals": {"acs:ResourceTag/team": "dev"}}},
              {"Effect": "Allow", "Action": "ecs:StopInstance", "Resource": "*",
               "Condition": {"StringEqualsIgnoreCase": {"acs:ResourceTag/team": "dev"}}},
              {"Effect": "Allow", "Action": "ecs:RebootInstance", "Resource": "*",
               "Condition": {"StringNotEqualsIgnoreCase": {"acs:ResourceTag/team": "dev"}}},
              {"Effect": "Allow", "Action": "ecs:DeleteInstance", "Resource": "*",
               "Condition": {"StringNotLike": {"acs:ResourceTag/team": "prod-*"}}},
              {"Effect": "Allow", "Action": "ecs:ModifyInstanceAttribute", "Resource": "*",
               "Condition": {"StringEquals": {"acs:ResourceTag/team": ["dev", "test"],
                                              "acs:ResourceTag/env": "staging"}}},
              {"Effect": "Allow", "Action": "ecs:ResetDisk", "Resource": "*",
               "Condition": {"StringEquals": {"acs:ResourceTag/team": "dev"},
                             "IpAddress": {"acs:SourceIp": "10.0.0.0/8"}}}
            ]}""";

    /** Numbers: a made-up key, since RAM's numeric keys are product-specific; the operators are RAM's. */
    static final String NUMERIC_OPERATORS = """
            {"Version": "1", "Statement": [
              {"Effect": "Allow", "Action": "ecs:CreateDisk", "Resource": "*",
               "Condition": {"NumericLessThanEquals": {"ecs:DiskSize": 100}}},
              {"Effect": "Allow", "Action": "ecs:ResizeDisk", "Resource": "*",
               "Condition": {"NumericGreaterThan": {"ecs:DiskSize": "20"}, "NumericLessThan": {"ecs:DiskSize": 2000}}},
              {"Effect": "Allow", "Action": "ecs:CreateSnapshot", "Resource": "*",
               "Condition": {"NumericEquals": {"ecs:DiskSize": ["40", "80"]}}},
              {"Effect": "Allow", "Action": "ecs:DeleteSnapshot", "Resource": "*",
               "Condition": {"NumericNotEquals": {"ecs:DiskSize": 40}}},
              {"Effect": "Allow", "Action": "ecs:CopySnapshot", "Resource": "*",
               "Condition": {"NumericGreaterThanEquals": {"ecs:DiskSize": 500}}}
            ]}""";

    static final String DATE_OPERATORS = """
            {"Version": "1", "Statement": [
              {"Effect": "Allow", "Action": "kms:CreateKey", "Resource": "*",
               "Condition": {"DateEquals": {"acs:CurrentTime": "1767225600"}}},
              {"Effect": "Allow", "Action": "kms:EnableKey", "Resource": "*",
               "Condition": {"DateNotEquals": {"acs:CurrentTime": "2026-01-01T00:00:00Z"}}},
              {"Effect": "Allow", "Action": "kms:TagResource", "Resource": "*",
               "Condition": {"DateLessThanEquals": {"acs:CurrentTime": "2026-01-01T08:00:00+08:00"}}},
              {"Effect": "Allow", "Action": "kms:UntagResource", "Resource": "*",
               "Condition": {"DateGreaterThan": {"acs:CurrentTime": "2026-01-01"}}}
            ]}""";

    private static String system(String name) {
        return SystemPolicies.find(name).orElseThrow().document();
    }

    private static Map<String, List<String>> ctx(String... keyValues) {
        Map<String, List<String>> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.computeIfAbsent(keyValues[i], k -> new ArrayList<>()).add(keyValues[i + 1]);
        }
        return map;
    }

    private static Arguments row(String name, List<String> docs, String action, String resource,
            Map<String, List<String>> context, Decision expected) {
        return Arguments.of(name, docs, action, resource, context, expected);
    }

    static Stream<Arguments> table() {
        String admin = system("AdministratorAccess");
        String kmsRead = system("AliyunKMSReadOnlyAccess");
        String kmsFull = system("AliyunKMSFullAccess");
        String ecsFull = system("AliyunECSFullAccess");
        String ecsRead = system("AliyunECSReadOnlyAccess");
        String plain = "false";
        String encrypted = "true";
        List<String> onlyEncrypted = List.of(ENCRYPTED_DISKS_ONLY, ALLOW_ECS);
        return Stream.of(
                // The source document: only encrypted disks.
                row("plain CreateDisk is refused", onlyEncrypted, "ecs:CreateDisk", DISK,
                        ctx("ecs:IsDiskEncrypted", plain), EXPLICIT_DENY),
                row("encrypted CreateDisk is allowed", onlyEncrypted, "ecs:CreateDisk", DISK,
                        ctx("ecs:IsDiskEncrypted", encrypted), ALLOW),
                row("plain RunInstances is refused", onlyEncrypted, "ecs:RunInstances", INSTANCE,
                        ctx("ecs:IsDiskEncrypted", plain), EXPLICIT_DENY),
                row("plain CreateInstance is refused", onlyEncrypted, "ecs:CreateInstance", INSTANCE,
                        ctx("ecs:IsDiskEncrypted", plain), EXPLICIT_DENY),
                row("encrypted RunInstances is allowed", onlyEncrypted, "ecs:RunInstances", INSTANCE,
                        ctx("ecs:IsDiskEncrypted", encrypted), ALLOW),
                row("one plain data disk among encrypted ones is refused", onlyEncrypted, "ecs:RunInstances",
                        INSTANCE, ctx("ecs:IsDiskEncrypted", encrypted, "ecs:IsDiskEncrypted", plain),
                        EXPLICIT_DENY),
                row("the deny alone allows nothing", List.of(ENCRYPTED_DISKS_ONLY), "ecs:CreateDisk", DISK,
                        ctx("ecs:IsDiskEncrypted", encrypted), IMPLICIT_DENY),
                row("the deny alone refuses plain disks explicitly", List.of(ENCRYPTED_DISKS_ONLY),
                        "ecs:CreateDisk", DISK, ctx("ecs:IsDiskEncrypted", plain), EXPLICIT_DENY),
                row("AdministratorAccess does not lift the deny", List.of(ENCRYPTED_DISKS_ONLY, admin),
                        "ecs:CreateDisk", DISK, ctx("ecs:IsDiskEncrypted", plain), EXPLICIT_DENY),
                row("AdministratorAccess with the deny creates encrypted disks", List.of(ENCRYPTED_DISKS_ONLY, admin),
                        "ecs:CreateDisk", DISK, ctx("ecs:IsDiskEncrypted", encrypted), ALLOW),
                row("the deny does not touch DescribeDisks", onlyEncrypted, "ecs:DescribeDisks", DISK, ctx(),
                        ALLOW),
                row("read-only ECS with the deny cannot create even encrypted disks",
                        List.of(ENCRYPTED_DISKS_ONLY, ecsRead), "ecs:CreateDisk", DISK,
                        ctx("ecs:IsDiskEncrypted", encrypted), IMPLICIT_DENY),
                row("condition keys ignore case", onlyEncrypted, "ecs:CreateDisk", DISK,
                        ctx("ECS:isdiskencrypted", plain), EXPLICIT_DENY),
                row("Bool values ignore case", onlyEncrypted, "ecs:CreateDisk", DISK,
                        ctx("ecs:IsDiskEncrypted", "False"), EXPLICIT_DENY),
                row("action names ignore case", onlyEncrypted, "ECS:createdisk", DISK,
                        ctx("ecs:IsDiskEncrypted", plain), EXPLICIT_DENY),

                // The source document: AliyunKMSReadOnlyAccess.
                row("read-only lists keys", List.of(kmsRead), "kms:ListKeys", ANY, ctx(), ALLOW),
                row("read-only describes a key", List.of(kmsRead), "kms:DescribeKey", KEY, ctx(), ALLOW),
                row("read-only cannot disable a key", List.of(kmsRead), "kms:DisableKey", KEY, ctx(),
                        IMPLICIT_DENY),
                row("read-only cannot schedule deletion", List.of(kmsRead), "kms:ScheduleKeyDeletion", KEY, ctx(),
                        IMPLICIT_DENY),
                row("read-only cannot generate data keys", List.of(kmsRead), "kms:GenerateDataKey", KEY, ctx(),
                        IMPLICIT_DENY),
                row("read-only reads the public key", List.of(kmsRead), "kms:GetPublicKey", KEY, ctx(), ALLOW),
                row("read-only lists aliases, any case", List.of(kmsRead), "kms:listaliases", ANY, ctx(), ALLOW),
                row("read-only KMS is nothing in ECS", List.of(kmsRead), "ecs:DescribeDisks", ANY, ctx(),
                        IMPLICIT_DENY),

                // Explicit deny beats everything.
                row("AdministratorAccess allows RAM too", List.of(admin), "ram:CreateUser",
                        "acs:ram:*:" + ACCOUNT + ":user/alice", ctx(), ALLOW),
                row("explicit deny beats AdministratorAccess", List.of(admin, DENY_KEY_DELETION),
                        "kms:ScheduleKeyDeletion", KEY, ctx(), EXPLICIT_DENY),
                row("the deny names only its actions", List.of(admin, DENY_KEY_DELETION), "kms:CancelKeyDeletion",
                        KEY, ctx(), ALLOW),
                row("explicit deny beats read-only allow", List.of(kmsRead, DENY_ALL_BUT_DESCRIBE),
                        "kms:ListKeys", ANY, ctx(), EXPLICIT_DENY),
                row("a deny NotAction spares what it lists", List.of(kmsRead, DENY_ALL_BUT_DESCRIBE),
                        "kms:DescribeKey", KEY, ctx(), ALLOW),
                row("no policy, no access", List.of(), "ecs:DescribeInstances", ANY, ctx(), IMPLICIT_DENY),

                // Other system policies.
                row("KMS full access deletes keys", List.of(kmsFull), "kms:ScheduleKeyDeletion", KEY, ctx(), ALLOW),
                row("KMS full access creates its service-linked role", List.of(kmsFull),
                        "ram:CreateServiceLinkedRole", ANY, ctx("ram:ServiceName", "keystore.kms.aliyuncs.com"),
                        ALLOW),
                row("but not another service's", List.of(kmsFull), "ram:CreateServiceLinkedRole", ANY,
                        ctx("ram:ServiceName", "ecs.aliyuncs.com"), IMPLICIT_DENY),
                row("nor one unnamed", List.of(kmsFull), "ram:CreateServiceLinkedRole", ANY, ctx(), IMPLICIT_DENY),
                row("ECS full access deletes disks", List.of(ecsFull), "ecs:DeleteDisk", DISK, ctx(), ALLOW),
                row("ECS full access lists VPCs", List.of(ecsFull), "vpc:DescribeVpcs", ANY, ctx(), ALLOW),
                row("ECS full access is nothing in KMS", List.of(ecsFull), "kms:ListKeys", ANY, ctx(),
                        IMPLICIT_DENY),
                row("ECS read-only describes", List.of(ecsRead), "ecs:DescribeInstances", INSTANCE, ctx(), ALLOW),
                row("ECS read-only lists tags", List.of(ecsRead), "ecs:ListTagResources", ANY, ctx(), ALLOW),
                row("ECS read-only cannot stop", List.of(ecsRead), "ecs:StopInstance", INSTANCE, ctx(),
                        IMPLICIT_DENY),
                row("RAM full access manages users", List.of(system("AliyunRAMFullAccess")), "ram:DeleteUser",
                        ANY, ctx(), ALLOW),
                row("OOS full access starts executions", List.of(system("AliyunOOSFullAccess")),
                        "oos:StartExecution", ANY, ctx(), ALLOW),
                row("the disk-encryption role uses keys tagged for ECS",
                        List.of(system("AliyunECSDiskEncryptRolePolicy")), "kms:GenerateDataKey", KEY,
                        ctx("kms:tag/acs:ecs:disk-encryption", "true"), ALLOW),
                row("but not keys without the tag", List.of(system("AliyunECSDiskEncryptRolePolicy")),
                        "kms:Decrypt", KEY, ctx(), IMPLICIT_DENY),
                row("and may always describe keys", List.of(system("AliyunECSDiskEncryptRolePolicy")),
                        "kms:DescribeKey", KEY, ctx(), ALLOW),

                // NotAction (PowerUserAccess).
                row("power user creates disks", List.of(POWER_USER), "ecs:CreateDisk", DISK, ctx(), ALLOW),
                row("power user cannot create users", List.of(POWER_USER), "ram:CreateUser", ANY, ctx(),
                        IMPLICIT_DENY),

                // Resources and their wildcards.
                row("one instance: manage i-001", List.of(ONE_INSTANCE), "ecs:StopInstance",
                        "acs:ecs:cn-hangzhou:" + ACCOUNT + ":instance/i-001", ctx(), ALLOW),
                row("one instance: not i-002", List.of(ONE_INSTANCE), "ecs:StopInstance",
                        "acs:ecs:cn-hangzhou:" + ACCOUNT + ":instance/i-002", ctx(), IMPLICIT_DENY),
                row("one instance: describe all", List.of(ONE_INSTANCE), "ecs:DescribeInstances",
                        "acs:ecs:cn-hangzhou:" + ACCOUNT + ":instance/i-002", ctx(), ALLOW),
                row("region fixed: another region's key", List.of(HANGZHOU_KEYS), "kms:Decrypt",
                        "acs:kms:cn-shanghai:" + ACCOUNT + ":key/k1", ctx(), IMPLICIT_DENY),
                row("region fixed, any account", List.of(HANGZHOU_KEYS), "kms:Decrypt",
                        "acs:kms:cn-hangzhou:9999999999999999:key/k1", ctx(), ALLOW),
                row("account fixed: another account's key", List.of(MY_ACCOUNT_KEYS), "kms:Decrypt",
                        "acs:kms:cn-hangzhou:9999999999999999:key/k1", ctx(), IMPLICIT_DENY),
                row("account fixed, any region", List.of(MY_ACCOUNT_KEYS), "kms:Decrypt",
                        "acs:kms:eu-central-1:" + ACCOUNT + ":key/k1", ctx(), ALLOW),
                row("? is one character", List.of(DISKS_D00X), "ecs:AttachDisk", "acs:ecs:cn-hangzhou:"
                        + ACCOUNT + ":disk/d-001", ctx(), ALLOW),
                row("? is not two", List.of(DISKS_D00X), "ecs:AttachDisk", "acs:ecs:cn-hangzhou:" + ACCOUNT
                        + ":disk/d-0011", ctx(), IMPLICIT_DENY),
                row("resource ids are case-sensitive", List.of(DISKS_D00X), "ecs:AttachDisk",
                        "acs:ecs:cn-hangzhou:" + ACCOUNT + ":disk/D-001", ctx(), IMPLICIT_DENY),
                row("the service code is not", List.of(DISKS_D00X), "ecs:AttachDisk", "acs:ECS:cn-hangzhou:"
                        + ACCOUNT + ":disk/d-001", ctx(), ALLOW),
                row("NotResource excludes production", List.of(NOT_PROD), "ecs:StopInstance",
                        "acs:ecs:cn-hangzhou:" + ACCOUNT + ":instance/i-prod1", ctx(), IMPLICIT_DENY),
                row("NotResource allows the rest", List.of(NOT_PROD), "ecs:StopInstance",
                        "acs:ecs:cn-hangzhou:" + ACCOUNT + ":instance/i-dev1", ctx(), ALLOW),

                // Action wildcards.
                row("ecs:Create* covers CreateDisk", List.of(CREATE_ONLY), "ecs:CreateDisk", DISK, ctx(), ALLOW),
                row("ecs:Create* does not cover DeleteDisk", List.of(CREATE_ONLY), "ecs:DeleteDisk", DISK, ctx(),
                        IMPLICIT_DENY),
                row("ecs:?ttachDisk covers AttachDisk", List.of(CREATE_ONLY), "ecs:AttachDisk", DISK, ctx(), ALLOW),
                row("ecs:*Disk covers DetachDisk", List.of(DISKS_D00X), "ecs:DetachDisk", "acs:ecs:cn-hangzhou:"
                        + ACCOUNT + ":disk/d-002", ctx(), ALLOW),
                row("ecs:* is not kms:*", List.of(ALLOW_ECS), "kms:ListKeys", ANY, ctx(), IMPLICIT_DENY),

                // String operators (RAM's StringEquals and StringLike examples first).
                row("team:dev manages", List.of(TEAM_DEV), "ecs:StopInstance", INSTANCE,
                        ctx("acs:ResourceTag/team", "dev"), ALLOW),
                row("StringEquals is case-sensitive", List.of(TEAM_DEV), "ecs:StopInstance", INSTANCE,
                        ctx("acs:ResourceTag/team", "Dev"), IMPLICIT_DENY),
                row("an untagged instance is not team:dev", List.of(TEAM_DEV), "ecs:StopInstance", INSTANCE,
                        ctx(), IMPLICIT_DENY),
                row("StringLike: objects under the prefix", List.of(OSS_PREFIX), "oss:ListObjects",
                        "acs:oss:*:" + ACCOUNT + ":myphotos", ctx("oss:Prefix", "hangzhou/2015/march/"), ALLOW),
                row("StringLike: not another year", List.of(OSS_PREFIX), "oss:ListObjects",
                        "acs:oss:*:" + ACCOUNT + ":myphotos", ctx("oss:Prefix", "hangzhou/2016/"), IMPLICIT_DENY),
                row("the OSS example reads objects under its folder", List.of(OSS_PREFIX), "oss:GetObject",
                        "acs:oss:*:" + ACCOUNT + ":myphotos/hangzhou/2015/x.jpg", ctx(), ALLOW),
                row("StringNotEquals: another team", List.of(STRING_OPERATORS), "ecs:StartInstance", INSTANCE,
                        ctx("acs:ResourceTag/team", "ops"), ALLOW),
                row("StringNotEquals: the same team", List.of(STRING_OPERATORS), "ecs:StartInstance", INSTANCE,
                        ctx("acs:ResourceTag/team", "dev"), IMPLICIT_DENY),
                row("StringNotEquals: key missing does not hold", List.of(STRING_OPERATORS), "ecs:StartInstance",
                        INSTANCE, ctx(), IMPLICIT_DENY),
                row("StringEqualsIgnoreCase", List.of(STRING_OPERATORS), "ecs:StopInstance", INSTANCE,
                        ctx("acs:ResourceTag/team", "DEV"), ALLOW),
                row("StringNotEqualsIgnoreCase", List.of(STRING_OPERATORS), "ecs:RebootInstance", INSTANCE,
                        ctx("acs:ResourceTag/team", "DEV"), IMPLICIT_DENY),
                row("StringNotLike: not production", List.of(STRING_OPERATORS), "ecs:DeleteInstance", INSTANCE,
                        ctx("acs:ResourceTag/team", "qa"), ALLOW),
                row("StringNotLike: production", List.of(STRING_OPERATORS), "ecs:DeleteInstance", INSTANCE,
                        ctx("acs:ResourceTag/team", "prod-eu"), IMPLICIT_DENY),
                row("values of a key are OR'ed, keys AND'ed", List.of(STRING_OPERATORS),
                        "ecs:ModifyInstanceAttribute", INSTANCE,
                        ctx("acs:ResourceTag/team", "test", "acs:ResourceTag/env", "staging"), ALLOW),
                row("a second key that fails fails the condition", List.of(STRING_OPERATORS),
                        "ecs:ModifyInstanceAttribute", INSTANCE,
                        ctx("acs:ResourceTag/team", "test", "acs:ResourceTag/env", "prod"), IMPLICIT_DENY),
                row("operators are AND'ed: both hold", List.of(STRING_OPERATORS), "ecs:ResetDisk", DISK,
                        ctx("acs:ResourceTag/team", "dev", "acs:SourceIp", "10.9.8.7"), ALLOW),
                row("operators are AND'ed: one fails", List.of(STRING_OPERATORS), "ecs:ResetDisk", DISK,
                        ctx("acs:ResourceTag/team", "dev", "acs:SourceIp", "172.16.0.1"), IMPLICIT_DENY),

                // Numbers.
                row("NumericLessThanEquals at the bound", List.of(NUMERIC_OPERATORS), "ecs:CreateDisk", DISK,
                        ctx("ecs:DiskSize", "100"), ALLOW),
                row("NumericLessThanEquals above it", List.of(NUMERIC_OPERATORS), "ecs:CreateDisk", DISK,
                        ctx("ecs:DiskSize", "101"), IMPLICIT_DENY),
                row("NumericGreaterThan and NumericLessThan", List.of(NUMERIC_OPERATORS), "ecs:ResizeDisk", DISK,
                        ctx("ecs:DiskSize", "21"), ALLOW),
                row("NumericGreaterThan excludes the bound", List.of(NUMERIC_OPERATORS), "ecs:ResizeDisk", DISK,
                        ctx("ecs:DiskSize", "20"), IMPLICIT_DENY),
                row("NumericEquals compares numbers, not text", List.of(NUMERIC_OPERATORS), "ecs:CreateSnapshot",
                        DISK, ctx("ecs:DiskSize", "80.0"), ALLOW),
                row("NumericNotEquals", List.of(NUMERIC_OPERATORS), "ecs:DeleteSnapshot", DISK,
                        ctx("ecs:DiskSize", "40"), IMPLICIT_DENY),
                row("NumericGreaterThanEquals", List.of(NUMERIC_OPERATORS), "ecs:CopySnapshot", DISK,
                        ctx("ecs:DiskSize", "500"), ALLOW),
                row("a request value that is not a number does not compare", List.of(NUMERIC_OPERATORS),
                        "ecs:CreateDisk", DISK, ctx("ecs:DiskSize", "small"), IMPLICIT_DENY),

                // Dates: RAM's "before 17:00 on August 12, 2019 (UTC+8)" example and the other operators.
                row("a second before the deadline", List.of(BEFORE_AUGUST_12), "ecs:DescribeInstances", ANY,
                        ctx("acs:CurrentTime", "2019-08-12T08:59:59Z"), ALLOW),
                row("at the deadline", List.of(BEFORE_AUGUST_12), "ecs:DescribeInstances", ANY,
                        ctx("acs:CurrentTime", "2019-08-12T17:00:00+08:00"), IMPLICIT_DENY),
                row("the deadline as epoch seconds", List.of(BEFORE_AUGUST_12), "ecs:DescribeInstances", ANY,
                        ctx("acs:CurrentTime", "1565600399"), ALLOW),
                row("inside a year's range", List.of(OFFICE_HOURS_2026), "ecs:DescribeDisks", ANY,
                        ctx("acs:CurrentTime", "2026-11-30T16:00:00Z"), ALLOW),
                row("at the range's start", List.of(OFFICE_HOURS_2026), "ecs:DescribeDisks", ANY,
                        ctx("acs:CurrentTime", "2026-01-01T00:00:00Z"), ALLOW),
                row("after the range", List.of(OFFICE_HOURS_2026), "ecs:DescribeDisks", ANY,
                        ctx("acs:CurrentTime", "2027-01-01T00:00:00Z"), IMPLICIT_DENY),
                row("without a time the range does not hold", List.of(OFFICE_HOURS_2026), "ecs:DescribeDisks", ANY,
                        ctx(), IMPLICIT_DENY),
                row("DateEquals with an epoch policy value", List.of(DATE_OPERATORS), "kms:CreateKey", ANY,
                        ctx("acs:CurrentTime", "2026-01-01T00:00:00Z"), ALLOW),
                row("DateNotEquals", List.of(DATE_OPERATORS), "kms:EnableKey", ANY,
                        ctx("acs:CurrentTime", "2026-01-01T08:00:00+08:00"), IMPLICIT_DENY),
                row("DateLessThanEquals across offsets", List.of(DATE_OPERATORS), "kms:TagResource", ANY,
                        ctx("acs:CurrentTime", "2026-01-01T00:00:00Z"), ALLOW),
                row("DateGreaterThan a bare date", List.of(DATE_OPERATORS), "kms:UntagResource", ANY,
                        ctx("acs:CurrentTime", "2026-01-01T00:00:01Z"), ALLOW),

                // The KMS and ECS documentation's condition examples.
                row("KMS example: GenerateDataKey from the subnet", List.of(KMS_FROM_SUBNET), "kms:GenerateDataKey",
                        KEY, ctx("acs:SourceIp", "116.62.10.77"), ALLOW),
                row("KMS example: not from elsewhere", List.of(KMS_FROM_SUBNET), "kms:GenerateDataKey", KEY,
                        ctx("acs:SourceIp", "116.62.11.77"), IMPLICIT_DENY),
                row("KMS example: only GenerateDataKey", List.of(KMS_FROM_SUBNET), "kms:Decrypt", KEY,
                        ctx("acs:SourceIp", "116.62.10.77"), IMPLICIT_DENY),
                row("ECS example: reboot with MFA", List.of(REBOOT_WITH_MFA), "ecs:RebootInstance", INSTANCE,
                        ctx("acs:MFAPresent", "true"), ALLOW),
                row("ECS example: not without", List.of(REBOOT_WITH_MFA), "ecs:RebootInstance", INSTANCE,
                        ctx("acs:MFAPresent", "false"), IMPLICIT_DENY),

                // Bool and acs:SecureTransport.
                row("HTTP refused under AdministratorAccess", List.of(admin, ONLY_HTTPS), "ecs:DescribeInstances",
                        ANY, ctx("acs:SecureTransport", "false"), EXPLICIT_DENY),
                row("HTTPS allowed", List.of(admin, ONLY_HTTPS), "ecs:DescribeInstances", ANY,
                        ctx("acs:SecureTransport", "true"), ALLOW),

                // IP addresses and acs:SourceIp.
                row("IpAddress in a /8", List.of(FROM_OFFICE), "kms:Decrypt", KEY, ctx("acs:SourceIp", "10.1.2.3"),
                        ALLOW),
                row("IpAddress in a /24", List.of(FROM_OFFICE), "kms:Decrypt", KEY,
                        ctx("acs:SourceIp", "192.168.1.200"), ALLOW),
                row("IpAddress outside the /24", List.of(FROM_OFFICE), "kms:Decrypt", KEY,
                        ctx("acs:SourceIp", "192.168.2.1"), IMPLICIT_DENY),
                row("IpAddress, a single address", List.of(FROM_OFFICE), "kms:Decrypt", KEY,
                        ctx("acs:SourceIp", "203.0.113.5"), ALLOW),
                row("IpAddress, the address next to it", List.of(FROM_OFFICE), "kms:Decrypt", KEY,
                        ctx("acs:SourceIp", "203.0.113.6"), IMPLICIT_DENY),
                row("IpAddress, IPv6 inside", List.of(FROM_OFFICE), "kms:Decrypt", KEY,
                        ctx("acs:SourceIp", "2001:db8:1::7"), ALLOW),
                row("IpAddress, IPv6 outside", List.of(FROM_OFFICE), "kms:Decrypt", KEY,
                        ctx("acs:SourceIp", "2001:db9::1"), IMPLICIT_DENY),
                row("IpAddress, not an address", List.of(FROM_OFFICE), "kms:Decrypt", KEY,
                        ctx("acs:SourceIp", "localhost"), IMPLICIT_DENY),
                row("NotIpAddress denies from outside", List.of(admin, DENY_OUTSIDE_OFFICE), "kms:ListKeys", ANY,
                        ctx("acs:SourceIp", "198.51.100.1"), EXPLICIT_DENY),
                row("NotIpAddress lets the office in", List.of(admin, DENY_OUTSIDE_OFFICE), "kms:ListKeys", ANY,
                        ctx("acs:SourceIp", "10.0.0.1"), ALLOW),
                row("NotIpAddress lets IPv6 office in", List.of(admin, DENY_OUTSIDE_OFFICE), "kms:ListKeys", ANY,
                        ctx("acs:SourceIp", "2001:db8::1"), ALLOW));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void decides(String name, List<String> documents, String action, String resource,
            Map<String, List<String>> context, Decision expected) {
        List<PolicyDocument> policies = documents.stream().map(PolicyDocument::parse).toList();
        assertEquals(expected, PolicyDocument.evaluate(policies, new AccessRequest(action, resource, context)),
                name);
    }

    @Test
    void theTableIsLargeEnough() {
        long rows = table().count();
        org.junit.jupiter.api.Assertions.assertTrue(rows >= 60, rows + " rows");
    }

    @Test
    void oneDocumentAloneDecidesTheSameWay() {
        PolicyDocument both = PolicyDocument.parse("""
                {"Version": "1", "Statement": [
                  {"Effect": "Allow", "Action": "ecs:*", "Resource": "*"},
                  {"Effect": "Deny", "Action": "ecs:DeleteDisk", "Resource": "*"}]}""");
        assertEquals(EXPLICIT_DENY, both.evaluate(new AccessRequest("ecs:DeleteDisk", DISK)));
        assertEquals(ALLOW, both.evaluate(new AccessRequest("ecs:CreateDisk", DISK)));
        assertEquals(IMPLICIT_DENY, both.evaluate(new AccessRequest("kms:ListKeys", ANY)));
    }
}
