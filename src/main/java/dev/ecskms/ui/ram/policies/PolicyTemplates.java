package dev.ecskms.ui.ram.policies;

import java.util.List;

/**
 * The policies the source document advises for production, offered by the editor's Template menu: a user under
 * "Only encrypted disks" may create no disk or instance whose disks are not encrypted; "KMS read-only" lets people
 * look at keys but not disable or delete them.
 */
public final class PolicyTemplates {
    private PolicyTemplates() {
    }

    /** One template: the menu's name, a suggested policy name and the document. */
    public record Template(String title, String policyName, String description, String document) {
    }

    public static final Template ONLY_ENCRYPTED_DISKS = new Template("Only encrypted disks",
            "OnlyEncryptedDisks", "Refuses creating cloud disks and instances whose disks are not encrypted", """
            {
              "Version": "1",
              "Statement": [
                {
                  "Effect": "Deny",
                  "Action": [
                    "ecs:CreateDisk",
                    "ecs:RunInstances",
                    "ecs:CreateInstance"
                  ],
                  "Resource": "*",
                  "Condition": {
                    "Bool": {
                      "ecs:IsDiskEncrypted": [
                        "false"
                      ]
                    }
                  }
                }
              ]
            }
            """);

    public static final Template KMS_READ_ONLY = new Template("KMS read-only", "KmsReadOnly",
            "May list and describe KMS keys, not change, disable or delete them", """
            {
              "Version": "1",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [
                    "kms:List*",
                    "kms:Describe*",
                    "kms:Get*"
                  ],
                  "Resource": "acs:kms:*:*:*"
                }
              ]
            }
            """);

    /** A starting point for a policy of one's own: allows nothing yet. */
    public static final String EMPTY = """
            {
              "Version": "1",
              "Statement": [
                {
                  "Effect": "Allow",
                  "Action": [],
                  "Resource": "*"
                }
              ]
            }
            """;

    public static List<Template> all() {
        return List.of(ONLY_ENCRYPTED_DISKS, KMS_READ_ONLY);
    }
}
