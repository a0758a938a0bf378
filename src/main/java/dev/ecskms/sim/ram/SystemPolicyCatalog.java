package dev.ecskms.sim.ram;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The system policies RAM offers in every account: name, description and document. A bridge until the policy
 * package's {@code SystemPolicies} (the one source of these documents) lands; then this class asks it.
 */
final class SystemPolicyCatalog {
    record Entry(String name, String description, String document) {
    }

    private static final Map<String, Entry> ALL = new LinkedHashMap<>();

    static {
        add("AdministratorAccess", "Provides full access to Alibaba Cloud services and resources.",
                allow("\"*\""));
        add("AliyunECSFullAccess", "Provides full access to Elastic Compute Service(ECS) via Management Console.",
                allow("\"ecs:*\""));
        add("AliyunECSReadOnlyAccess", "Provides read-only access to Elastic Compute Service(ECS) via Management"
                + " Console.", allow("[\"ecs:Describe*\",\"ecs:List*\"]"));
        add("AliyunKMSFullAccess", "Provides full access to Key Management Service(KMS) via Management Console.",
                allow("\"kms:*\""));
        add("AliyunKMSReadOnlyAccess", "Provides read-only access to Key Management Service(KMS) via Management"
                + " Console.", allow("[\"kms:List*\",\"kms:Describe*\",\"kms:Get*\"]"));
        add("AliyunRAMFullAccess", "Provides full access to Resource Access Management(RAM) via Management Console.",
                allow("\"ram:*\""));
        add("AliyunOOSFullAccess", "Provides full access to Operation Orchestration Service(OOS) via Management"
                + " Console.", allow("\"oos:*\""));
        add(RamService.ECS_DISK_ENCRYPTION_POLICY, "The policy for the ECS disk encryption service role: lets ECS"
                + " use your KMS keys to encrypt cloud disks.", allow("[\"kms:List*\",\"kms:Describe*\","
                        + "\"kms:GenerateDataKey*\",\"kms:Encrypt\",\"kms:Decrypt\",\"kms:TagResource\"]"));
    }

    private SystemPolicyCatalog() {
    }

    private static void add(String name, String description, String document) {
        ALL.put(name, new Entry(name, description, document));
    }

    private static String allow(String action) {
        return "{\n  \"Version\": \"1\",\n  \"Statement\": [\n    {\n      \"Action\": " + action
                + ",\n      \"Resource\": \"*\",\n      \"Effect\": \"Allow\"\n    }\n  ]\n}";
    }

    static List<Entry> all() {
        return List.copyOf(ALL.values());
    }

    static Optional<Entry> find(String name) {
        return Optional.ofNullable(ALL.get(name));
    }
}
