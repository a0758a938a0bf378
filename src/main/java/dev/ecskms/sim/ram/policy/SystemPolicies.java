package dev.ecskms.sim.ram.policy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system policies a user of this product meets, with the documents RAM publishes for them (Resource Access
 * Management › System policy reference, and ECS › System policies for ECS). Each is parsed once, here, with the
 * same parser custom policies go through — a system policy that does not parse is a bug caught at class load.
 *
 * <p>Sources: AliyunKMSReadOnlyAccess (v3) and AliyunKMSFullAccess (v3) are copied from their RAM reference pages;
 * AliyunECSFullAccess and AliyunECSReadOnlyAccess from ECS's "System policies for ECS" page. The others could not
 * be confirmed in the documentation available to us and are the closest faithful documents — see each comment.
 */
public final class SystemPolicies {
    /** A system policy: its name, RAM's description of it, and its policy document. */
    public record SystemPolicy(String name, String description, String document) {
        /** The document, parsed once. */
        public PolicyDocument policy() {
            return PARSED.get(name);
        }
    }

    /** UNCONFIRMED document: the well-known full-access form; RAM describes it as access to everything. */
    private static final String ADMINISTRATOR_ACCESS = """
            {
              "Statement": [
                {
                  "Action": "*",
                  "Effect": "Allow",
                  "Resource": "*"
                }
              ],
              "Version": "1"
            }""";

    private static final String ECS_FULL_ACCESS = """
            {
              "Version": "1",
              "Statement": [
                {
                  "Action": "ecs:*",
                  "Resource": "*",
                  "Effect": "Allow"
                },
                {
                  "Action": [
                    "vpc:DescribeVpcs",
                    "vpc:DescribeVSwitches"
                  ],
                  "Resource": "*",
                  "Effect": "Allow"
                }
              ]
            }""";

    private static final String ECS_READ_ONLY_ACCESS = """
            {
              "Version": "1",
              "Statement": [
                {
                  "Action": "ecs:Describe*",
                  "Resource": "*",
                  "Effect": "Allow"
                },
                {
                  "Action": "ecs:List*",
                  "Resource": "*",
                  "Effect": "Allow"
                },
                {
                  "Action": [
                    "vpc:DescribeVpcs",
                    "vpc:DescribeVSwitches"
                  ],
                  "Resource": "*",
                  "Effect": "Allow"
                }
              ]
            }""";

    private static final String KMS_FULL_ACCESS = """
            {
              "Version": "1",
              "Statement": [
                {
                  "Action": "kms:*",
                  "Resource": "*",
                  "Effect": "Allow"
                },
                {
                  "Action": "ram:CreateServiceLinkedRole",
                  "Condition": {
                    "StringEquals": {
                      "ram:ServiceName": [
                        "secretsmanager-rds.kms.aliyuncs.com",
                        "keystore.kms.aliyuncs.com"
                      ]
                    }
                  },
                  "Resource": "*",
                  "Effect": "Allow"
                }
              ]
            }""";

    private static final String KMS_READ_ONLY_ACCESS = """
            {
              "Version": "1",
              "Statement": [
                {
                  "Action": [
                    "kms:List*",
                    "kms:Describe*",
                    "kms:GetPublicKey",
                    "kms:GetUploadBackupDataInfo",
                    "kms:GetKmsInstanceSharedAccounts",
                    "kms:GetKmsInstanceQuotaInfos",
                    "kms:GetCheckAssociateResourceTaskResults",
                    "kms:GetKeyPolicy",
                    "kms:GetKeyDefaultPolicy",
                    "kms:GetSecretPolicy",
                    "kms:GetSecretDefaultPolicy",
                    "kms:GetKmsInstance",
                    "kms:GetDefaultKmsInstance"
                  ],
                  "Resource": "*",
                  "Effect": "Allow"
                }
              ]
            }""";

    /**
     * UNCONFIRMED document: RAM's full-access form for its own code, {@code ram:*} on everything (its read-only
     * sibling AliyunRAMReadOnlyAccess, confirmed, is {@code ram:Get*}, {@code ram:List*} on "*").
     */
    private static final String RAM_FULL_ACCESS = """
            {
              "Statement": [
                {
                  "Action": "ram:*",
                  "Resource": "*",
                  "Effect": "Allow"
                }
              ],
              "Version": "1"
            }""";

    /**
     * UNCONFIRMED document: OOS's documented "administrator" sample (oos:* plus passing roles to the OOS
     * service), the same shape as the confirmed AliyunFCFullAccess.
     */
    private static final String OOS_FULL_ACCESS = """
            {
              "Version": "1",
              "Statement": [
                {
                  "Action": "oos:*",
                  "Resource": "*",
                  "Effect": "Allow"
                },
                {
                  "Action": "ram:PassRole",
                  "Resource": "*",
                  "Effect": "Allow",
                  "Condition": {
                    "StringEquals": {
                      "acs:Service": "oos.aliyuncs.com"
                    }
                  }
                }
              ]
            }""";

    /**
     * UNCONFIRMED document: the policy of ECS's disk-encryption service role AliyunECSDiskEncryptDefaultRole, written
     * as RAM's confirmed sibling role policies for disk encryption (AliyunRDSInstanceEncryptionRolePolicy,
     * AliyunNasEncryptDefaultRolePolicy) are: list and describe keys, tag them, and use only the keys tagged for
     * ECS disk encryption ({@code acs:ecs:disk-encryption=true}, the tag ECS puts on a key it uses). Whoever
     * evaluates it for the role must put {@code kms:tag/acs:ecs:disk-encryption} in the request's context.
     */
    private static final String ECS_DISK_ENCRYPT_ROLE_POLICY = """
            {
              "Version": "1",
              "Statement": [
                {
                  "Action": [
                    "kms:List*",
                    "kms:DescribeKey",
                    "kms:TagResource",
                    "kms:UntagResource"
                  ],
                  "Resource": [
                    "acs:kms:*:*:*"
                  ],
                  "Effect": "Allow"
                },
                {
                  "Action": [
                    "kms:Encrypt",
                    "kms:Decrypt",
                    "kms:GenerateDataKey"
                  ],
                  "Resource": [
                    "acs:kms:*:*:*"
                  ],
                  "Effect": "Allow",
                  "Condition": {
                    "StringEqualsIgnoreCase": {
                      "kms:tag/acs:ecs:disk-encryption": "true"
                    }
                  }
                }
              ]
            }""";

    private static final List<SystemPolicy> ALL = List.of(
            new SystemPolicy("AdministratorAccess",
                    "Provides full access to Alibaba Cloud services and resources.", ADMINISTRATOR_ACCESS),
            new SystemPolicy("AliyunECSFullAccess",
                    "Provides full access to Elastic Compute Service(ECS) via Management Console.", ECS_FULL_ACCESS),
            new SystemPolicy("AliyunECSReadOnlyAccess",
                    "Provides read-only access to Elastic Compute Service(ECS) via Management Console.",
                    ECS_READ_ONLY_ACCESS),
            new SystemPolicy("AliyunKMSFullAccess",
                    "Provides full access to Key Management Service(KMS) via Management Console.", KMS_FULL_ACCESS),
            new SystemPolicy("AliyunKMSReadOnlyAccess",
                    "Provides read-only access to Key Management Service via Management Console.",
                    KMS_READ_ONLY_ACCESS),
            new SystemPolicy("AliyunRAMFullAccess",
                    "Provides full access to Resource Access Management(RAM) via Management Console.",
                    RAM_FULL_ACCESS),
            new SystemPolicy("AliyunOOSFullAccess", "Provides full access to OOS via Management Console.",
                    OOS_FULL_ACCESS),
            new SystemPolicy("AliyunECSDiskEncryptRolePolicy",
                    "Policy for the ECS disk encryption service role (AliyunECSDiskEncryptDefaultRole): lets ECS use"
                            + " KMS keys to encrypt disks.",
                    ECS_DISK_ENCRYPT_ROLE_POLICY));

    private static final Map<String, PolicyDocument> PARSED = parseAll();

    private SystemPolicies() {
    }

    private static Map<String, PolicyDocument> parseAll() {
        Map<String, PolicyDocument> map = new LinkedHashMap<>();
        for (SystemPolicy p : ALL) {
            map.put(p.name(), PolicyDocument.parse(p.document()));
        }
        return Map.copyOf(map);
    }

    /** Every system policy, in the order the console lists them. */
    public static List<SystemPolicy> all() {
        return ALL;
    }

    /** The system policy of exactly this name (policy names are case-sensitive). */
    public static Optional<SystemPolicy> find(String name) {
        return ALL.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
