package dev.ecskms.sim.ram;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.CopyImageRequest;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.CreateImageRequest;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.EncryptionChoice;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.ReplaceSystemDiskRequest;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.kms.CiphertextKey;
import dev.ecskms.sim.kms.GenerateDataKeyRequest;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.oos.ListTaskExecutionsRequest;
import dev.ecskms.sim.oos.OosService;
import dev.ecskms.sim.oos.StartExecutionRequest;
import dev.ecskms.sim.trail.TrailService;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one place where every call of every product is authorized: a guarding decorator around each service interface,
 * installed by the simulator under the audit trail's recorder (recorder(guard(local))), so that the console, the API
 * endpoint and an OOS execution running as its starter meet the same check, and a refused call is recorded with its
 * error code. Each face has ONE table below mapping each method to what a RAM user needs for it: the RAM action (the
 * real action names, e.g. {@code kms:DisableKey}, {@code ecs:CreateDisk}), the resource ARNs and the request's
 * condition values ({@code ecs:IsDiskEncrypted} …); the common keys (acs:CurrentTime, acs:SourceIp,
 * acs:SecureTransport) are added by {@link Authorizer}. The console's helper reads map to the action the real console
 * needs for the same view (its key lists need {@code kms:ListKeys}). What no RAM user can call is listed as internal
 * with the reason: clock-driven work, the guard's own look-ups, a cloud service's own key.
 *
 * <p>A method in neither list is refused for a RAM user (fail closed); {@code AccessGuardTest} walks every method of
 * every guarded interface so that a new one is mapped before it ships.
 *
 * <p>Cross-service calls inside the simulator do not come through here: ECS validates a key with the local KMS and
 * fetches data keys as its service role, as the real ECS does, so a RAM user allowed {@code ecs:CreateDisk} with a CMK
 * needs no {@code kms:GenerateDataKey} (the real ECS documentation asks only that the service role be authorized).
 */
public final class AccessGuard {

    /** A product's refusal code for a RAM user's call that is not allowed (HTTP 403). */
    public enum Product {
        KMS("Forbidden.NoPermission"),
        ECS("Forbidden.RAM"),
        /** RAM's own code (the RAM API's NoPermission, "You are not authorized to do this action"). */
        RAM("NoPermission"),
        /** (unconfirmed) the gateway's common code; OOS documents none of its own for this. */
        OOS("Forbidden.RAM"),
        /** (unconfirmed) the gateway's common code; ActionTrail documents none of its own for this. */
        ACTIONTRAIL("Forbidden.RAM");

        private final String code;

        Product(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * What one call needs: an action on each of the resources, with this request's condition values.
     *
     * @param resources ARNs, at least one (e.g. AttachDisk needs the instance and the disk)
     */
    public record Need(String action, List<String> resources, Map<String, List<String>> conditions) {
        public Need {
            Objects.requireNonNull(action, "action");
            resources = List.copyOf(resources);
            if (resources.isEmpty()) {
                throw new IllegalArgumentException("a need names at least one resource");
            }
            conditions = Map.copyOf(conditions);
        }

        public Need(String action, String resource) {
            this(action, List.of(resource), Map.of());
        }
    }

    /** What a method needs, from the call's context and arguments (args[0] is the context). */
    @FunctionalInterface
    public interface Rule {
        List<Need> needs(CallContext ctx, Object[] args);

        /** One resource's ARN from the call's context and arguments. */
        @FunctionalInterface
        interface Resource {
            String arn(CallContext ctx, Object[] args);
        }
    }

    /** Decides the needs of a RAM user's call ({@link Authorizer#check}); tests record them instead. */
    @FunctionalInterface
    public interface Check {
        void check(CallContext ctx, Product product, List<Need> needs);
    }

    /** Whether a key (id, or null for the region's service key not yet made) is a cloud service's key. */
    @FunctionalInterface
    public interface KeyKinds {
        boolean isServiceKey(CallContext ctx, String keyId);
    }

    /**
     * One face's table.
     *
     * @param rules    method name → what it needs
     * @param internal method name → why no RAM action applies
     */
    public record Table(Product product, Map<String, Rule> rules, Map<String, String> internal) {
        public Table {
            rules = Map.copyOf(rules);
            internal = Map.copyOf(internal);
        }

        /** Whether the method is mapped: to needs, or explicitly as internal. */
        public boolean maps(String method) {
            return rules.containsKey(method) || internal.containsKey(method);
        }
    }

    private AccessGuard() {
    }

    // ------------------------------------------------------------------ ARNs

    static String arn(String service, CallContext ctx, String resource) {
        return "acs:" + service + ":" + ctx.regionId() + ":" + ctx.accountId() + ":" + resource;
    }

    /** RAM is global: its ARNs carry no region. */
    static String ramArn(CallContext ctx, String resource) {
        return "acs:ram:*:" + ctx.accountId() + ":" + resource;
    }

    private static String id(Object value) {
        return value instanceof String s && !s.isBlank() ? s.strip() : "*";
    }

    private static String arg(Object[] a, int i) {
        return a.length > i ? id(a[i]) : "*";
    }

    private static Rule one(String action, Rule.Resource resource) {
        return (ctx, a) -> List.of(new Need(action, resource.arn(ctx, a)));
    }

    private static Rule ecs(String action, String type, int idArg) {
        return one(action, (ctx, a) -> arn("ecs", ctx, type + "/" + (idArg < 0 ? "*" : arg(a, idArg))));
    }

    /** ECS actions on no resource of their own ("All resources" in the ECS authorization table). */
    private static Rule ecsAccount(String action) {
        return one(action, (ctx, a) -> arn("ecs", ctx, "*"));
    }

    // ------------------------------------------------------------------ KMS

    /**
     * @param keys the unguarded KMS, to name an alias's or an ARN's key as the key's own ARN (policies name keys by
     *             key/&lt;id&gt;, whichever way the caller named it)
     */
    public static Table kmsTable(KmsService keys) {
        Map<String, Rule> r = new HashMap<>();
        Rule.Resource keyArg = (ctx, a) -> keyArn(keys, ctx, a.length > 1 ? a[1] : null);
        Rule.Resource allKeys = (ctx, a) -> arn("kms", ctx, "key/*");
        r.put("createKey", one("kms:CreateKey", allKeys));
        r.put("describeKey", one("kms:DescribeKey", keyArg));
        r.put("listKeys", one("kms:ListKeys", allKeys));
        r.put("updateKeyDescription", one("kms:UpdateKeyDescription", keyArg));
        r.put("enableKey", one("kms:EnableKey", keyArg));
        r.put("disableKey", one("kms:DisableKey", keyArg));
        r.put("scheduleKeyDeletion", one("kms:ScheduleKeyDeletion", keyArg));
        r.put("cancelKeyDeletion", one("kms:CancelKeyDeletion", keyArg));
        // An alias is created on a key: both the alias and the key are the resources (as the KMS authorization table).
        r.put("createAlias", (ctx, a) -> List.of(new Need("kms:CreateAlias", List.of(aliasArn(ctx, a[1]),
                keyArn(keys, ctx, a[2])), Map.of())));
        r.put("updateAlias", (ctx, a) -> List.of(new Need("kms:UpdateAlias", List.of(aliasArn(ctx, a[1]),
                keyArn(keys, ctx, a[2])), Map.of())));
        r.put("deleteAlias", one("kms:DeleteAlias", (ctx, a) -> aliasArn(ctx, a[1])));
        r.put("listAliases", one("kms:ListAliases", (ctx, a) -> arn("kms", ctx, "alias/*")));
        r.put("listAliasesByKeyId", one("kms:ListAliasesByKeyId", keyArg));
        Rule.Resource dataKeyArg = (ctx, a) -> keyArn(keys, ctx, a[1] instanceof GenerateDataKeyRequest g
                ? g.keyId() : null);
        r.put("generateDataKey", one("kms:GenerateDataKey", dataKeyArg));
        r.put("generateDataKeyWithoutPlaintext", one("kms:GenerateDataKeyWithoutPlaintext", dataKeyArg));
        r.put("encrypt", one("kms:Encrypt", keyArg));
        // The ciphertext blob names its key: Decrypt is authorized on that key.
        r.put("decrypt", one("kms:Decrypt", (ctx, a) -> keyArn(keys, ctx, a[1] instanceof String blob
                ? CiphertextKey.of(blob).map(CiphertextKey::keyId).orElse(null) : null)));
        r.put("updateRotationPolicy", one("kms:UpdateRotationPolicy", keyArg));
        r.put("createKeyVersion", one("kms:CreateKeyVersion", keyArg));
        r.put("listKeyVersions", one("kms:ListKeyVersions", keyArg));
        r.put("describeKeyVersion", one("kms:DescribeKeyVersion", keyArg));
        r.put("getParametersForImport", one("kms:GetParametersForImport", keyArg));
        r.put("importKeyMaterial", one("kms:ImportKeyMaterial", keyArg));
        r.put("deleteKeyMaterial", one("kms:DeleteKeyMaterial", keyArg));
        r.put("tagResource", one("kms:TagResource", keyArg));
        r.put("untagResource", one("kms:UntagResource", keyArg));
        r.put("listResourceTags", one("kms:ListResourceTags", keyArg));
        // the console's key tables and their search box: what the real KMS console lists them with
        r.put("listKeySummaries", one("kms:ListKeys", allKeys));
        r.put("keySummaries", one("kms:ListKeys", allKeys));
        r.put("keyIdsWithAliasContaining", one("kms:ListAliases", (ctx, a) -> arn("kms", ctx, "alias/*")));
        // the key's details page: which disks, snapshots and images the key protects
        r.put("resourcesUsing", one("kms:DescribeKey", keyArg));
        Map<String, String> internal = Map.of(
                "tagByService", "a cloud service (ECS) tags a key it uses with its reserved acs: tag, as itself",
                "serviceKey", "a cloud service's own key, made and used by that service (ECS), never by a user",
                "addProtectedResourceProvider", "wiring between the simulator's services; no caller",
                "processDueEvents", "clock-driven work (deletions, rotations, material expiry); no caller");
        return new Table(Product.KMS, r, internal);
    }

    /** A key argument (id, ARN, alias name or alias ARN) as the key's ARN; key/* when none is named. */
    static String keyArn(KmsService keys, CallContext ctx, Object keyArg) {
        if (!(keyArg instanceof String given) || given.isBlank()) {
            return arn("kms", ctx, "key/*");
        }
        String keyId;
        try {
            keyId = keys.describeKey(ctx, given.strip()).keyId();
        } catch (ApiException e) {
            // a key that does not exist: authorize on what was named; the call then fails with KMS's own error
            int slash = given.lastIndexOf(":key/");
            keyId = slash >= 0 ? given.substring(slash + 5) : given.strip();
            if (keyId.startsWith("alias/") || given.contains(":alias/")) {
                return aliasArn(ctx, given);
            }
        }
        return arn("kms", ctx, "key/" + keyId);
    }

    /** An alias name (alias/…) or alias ARN as the alias's ARN. */
    static String aliasArn(CallContext ctx, Object aliasArg) {
        String name = id(aliasArg);
        int at = name.indexOf(":alias/");
        if (at >= 0) {
            return name;
        }
        return arn("kms", ctx, name.startsWith("alias/") ? name : "alias/" + name);
    }

    // ------------------------------------------------------------------ ECS block storage

    /**
     * @param preview the unguarded ECS, whose preview of CreateDisk's encryption gives the condition values (the same
     *                rule the disk is then made by: the Encrypted flag, an encrypted snapshot, account default
     *                encryption)
     */
    public static Table ecsTable(EcsService preview, KeyKinds kinds) {
        Map<String, Rule> r = new HashMap<>();
        r.put("describeRegions", ecsAccount("ecs:DescribeRegions"));
        r.put("describeZones", ecsAccount("ecs:DescribeZones"));
        r.put("createDisk", (ctx, a) -> List.of(new Need("ecs:CreateDisk", List.of(arn("ecs", ctx, "disk/*")),
                a[1] instanceof CreateDiskRequest q ? diskConditions(ctx, kinds, () -> preview.previewEncryption(ctx,
                        q)) : Map.of())));
        // the create-disk wizard explaining its default key: the real console reads the default encryption for it
        r.put("previewEncryption", ecsAccount("ecs:DescribeDiskEncryptionByDefaultStatus"));
        r.put("describeDisks", ecs("ecs:DescribeDisks", "disk", -1));
        r.put("describeDisk", ecs("ecs:DescribeDisks", "disk", 1));
        r.put("modifyDiskAttribute", ecs("ecs:ModifyDiskAttribute", "disk", 1));
        r.put("resizeDisk", ecs("ecs:ResizeDisk", "disk", 1));
        r.put("deleteDisk", ecs("ecs:DeleteDisk", "disk", 1));
        r.put("createSnapshot", (ctx, a) -> List.of(new Need("ecs:CreateSnapshot", List.of(
                arn("ecs", ctx, "disk/" + arg(a, 1)), arn("ecs", ctx, "snapshot/*")), Map.of())));
        r.put("describeSnapshots", ecs("ecs:DescribeSnapshots", "snapshot", -1));
        r.put("deleteSnapshot", ecs("ecs:DeleteSnapshot", "snapshot", 1));
        r.put("modifySnapshotSharePermission", ecs("ecs:ModifySnapshotSharePermission", "snapshot", 1));
        // the share dialog's list of accounts: shown by the snapshot's details in the real console
        r.put("snapshotSharedWith", ecs("ecs:DescribeSnapshots", "snapshot", 1));
        r.put("createImage", (ctx, a) -> {
            List<String> resources = new ArrayList<>(List.of(arn("ecs", ctx, "image/*")));
            if (a[1] instanceof CreateImageRequest q) {
                if (q.instanceId() != null && !q.instanceId().isBlank()) {
                    resources.add(arn("ecs", ctx, "instance/" + q.instanceId().strip()));
                }
                if (q.snapshotId() != null && !q.snapshotId().isBlank()) {
                    resources.add(arn("ecs", ctx, "snapshot/" + q.snapshotId().strip()));
                }
            }
            return List.of(new Need("ecs:CreateImage", resources, Map.of()));
        });
        r.put("describeImages", ecs("ecs:DescribeImages", "image", -1));
        r.put("copyImage", one("ecs:CopyImage", (ctx, a) -> arn("ecs", ctx, "image/"
                + (a[1] instanceof CopyImageRequest q ? id(q.imageId()) : "*"))));
        r.put("deleteImage", ecs("ecs:DeleteImage", "image", 1));
        r.put("modifyImageSharePermission", ecs("ecs:ModifyImageSharePermission", "image", 1));
        r.put("imageSharedWith", ecs("ecs:DescribeImageSharePermission", "image", 1));
        r.put("enableDiskEncryptionByDefault", ecsAccount("ecs:EnableDiskEncryptionByDefault"));
        r.put("disableDiskEncryptionByDefault", ecsAccount("ecs:DisableDiskEncryptionByDefault"));
        r.put("describeDiskEncryptionByDefaultStatus", ecsAccount("ecs:DescribeDiskEncryptionByDefaultStatus"));
        r.put("modifyDiskDefaultKmsKeyId", ecsAccount("ecs:ModifyDiskDefaultKMSKeyId"));
        r.put("describeDiskDefaultKmsKeyId", ecsAccount("ecs:DescribeDiskDefaultKMSKeyId"));
        r.put("resetDiskDefaultKmsKeyId", ecsAccount("ecs:ResetDiskDefaultKMSKeyId"));
        r.put("describePrice", ecsAccount("ecs:DescribePrice"));
        // the console's Billing page reads what the Billing Management console reads (unconfirmed action name)
        r.put("describeBilling", one("bss:DescribeBill", (ctx, a) -> "acs:bss:*:" + ctx.accountId() + ":*"));
        Map<String, String> internal = Map.of(
                "processDueEvents", "clock-driven work (Creating → Available, snapshot and image progress)");
        return new Table(Product.ECS, r, internal);
    }

    public static final String IS_DISK_ENCRYPTED = "ecs:IsDiskEncrypted";
    public static final String IS_DISK_BYOK_ENCRYPTED = "ecs:IsDiskByokEncrypted";
    public static final String IS_SYSTEM_DISK_ENCRYPTED = "ecs:IsSystemDiskEncrypted";
    public static final String IS_SYSTEM_DISK_BYOK_ENCRYPTED = "ecs:IsSystemDiskByokEncrypted";

    /** The preview of a new disk's encryption; it throws the service's own error for a request it would refuse. */
    @FunctionalInterface
    interface Preview {
        EncryptionChoice choice();
    }

    /**
     * CreateDisk's condition values from the service's own preview: whether the new disk is encrypted, and whether
     * with a customer key (BYOK: a key the customer created or imported in KMS) rather than the service key. A request
     * the service would refuse anyway (an unknown key …) gets no values: a condition on them then does not hold, and
     * the call fails with the service's own error.
     */
    static Map<String, List<String>> diskConditions(CallContext ctx, KeyKinds kinds, Preview preview) {
        EncryptionChoice choice;
        try {
            choice = preview.choice();
        } catch (RuntimeException e) {
            return Map.of(); // the call itself then fails the same way, with the service's own answer
        }
        return Map.of(IS_DISK_ENCRYPTED, bool(choice.encrypted()),
                IS_DISK_BYOK_ENCRYPTED, bool(byok(ctx, kinds, choice)));
    }

    private static boolean byok(CallContext ctx, KeyKinds kinds, EncryptionChoice choice) {
        return choice.encrypted() && !kinds.isServiceKey(ctx, choice.kmsKeyId());
    }

    private static List<String> bool(boolean value) {
        return List.of(Boolean.toString(value));
    }

    // ------------------------------------------------------------------ ECS instances

    /**
     * @param instances the unguarded instance service (the system disk's encryption preview)
     * @param disks     the unguarded ECS (each data disk's preview, planned as CreateDisk plans it)
     */
    public static Table instancesTable(InstanceService instances, EcsService disks, KeyKinds kinds) {
        Map<String, Rule> r = new HashMap<>();
        r.put("describeInstanceTypes", ecsAccount("ecs:DescribeInstanceTypes"));
        r.put("describeImages", ecs("ecs:DescribeImages", "image", -1));
        // the purchase page explaining the system disk's default key, as the create-disk wizard
        r.put("previewSystemDiskEncryption", ecsAccount("ecs:DescribeDiskEncryptionByDefaultStatus"));
        r.put("runInstances", (ctx, a) -> List.of(new Need("ecs:RunInstances", List.of(arn("ecs", ctx,
                "instance/*")), a[1] instanceof RunInstancesRequest q ? instanceConditions(ctx, kinds, instances,
                        disks, q) : Map.of())));
        r.put("describeInstances", ecs("ecs:DescribeInstances", "instance", -1));
        r.put("describeInstance", ecs("ecs:DescribeInstances", "instance", 1));
        r.put("startInstance", ecs("ecs:StartInstance", "instance", 1));
        r.put("stopInstance", ecs("ecs:StopInstance", "instance", 1));
        r.put("rebootInstance", ecs("ecs:RebootInstance", "instance", 1));
        r.put("deleteInstance", ecs("ecs:DeleteInstance", "instance", 1));
        r.put("attachDisk", (ctx, a) -> List.of(new Need("ecs:AttachDisk", List.of(arn("ecs", ctx, "instance/"
                + arg(a, 1)), arn("ecs", ctx, "disk/" + arg(a, 2))), Map.of())));
        r.put("detachDisk", (ctx, a) -> List.of(new Need("ecs:DetachDisk", List.of(arn("ecs", ctx, "instance/"
                + arg(a, 1)), arn("ecs", ctx, "disk/" + arg(a, 2))), Map.of())));
        r.put("replaceSystemDisk", one("ecs:ReplaceSystemDisk", (ctx, a) -> arn("ecs", ctx, "instance/"
                + (a[1] instanceof ReplaceSystemDiskRequest q ? id(q.instanceId()) : "*"))));
        r.put("getInstanceScreenshot", ecs("ecs:GetInstanceScreenshot", "instance", 1));
        r.put("getInstanceConsoleOutput", ecs("ecs:GetInstanceConsoleOutput", "instance", 1));
        r.put("consoleOutputUpdated", ecs("ecs:GetInstanceConsoleOutput", "instance", 1));
        // the VNC panel: the real console opens it with the instance's VNC URL
        r.put("connect", ecs("ecs:DescribeInstanceVncUrl", "instance", 1));
        r.put("runCommand", (ctx, a) -> {
            List<String> resources = new ArrayList<>();
            if (a[1] instanceof Collection<?> ids) {
                ids.forEach(i -> resources.add(arn("ecs", ctx, "instance/" + id(i))));
            }
            if (resources.isEmpty()) {
                resources.add(arn("ecs", ctx, "instance/*"));
            }
            return List.of(new Need("ecs:RunCommand", resources, Map.of()));
        });
        r.put("describeInvocationResults", ecsAccount("ecs:DescribeInvocationResults"));
        Map<String, String> internal = Map.of(
                "processDueEvents", "clock-driven work (instance states, guest boots)");
        return new Table(Product.ECS, r, internal);
    }

    /**
     * RunInstances' condition values. {@code ecs:IsSystemDiskEncrypted} / {@code ecs:IsSystemDiskByokEncrypted}: the
     * system disk. {@code ecs:IsDiskEncrypted} / {@code ecs:IsDiskByokEncrypted}: true only if EVERY disk the call
     * creates is — each data disk, and the system disk too. The ECS documentation's example denies RunInstances on
     * both keys in two statements, which this satisfies; counting the system disk as a disk as well means the
     * shorter policy that denies on ecs:IsDiskEncrypted alone (the source document's "only encrypted disks") also
     * stops a plain system disk instead of letting it through (our choice; whether the real key covers the system
     * disk is unconfirmed).
     */
    static Map<String, List<String>> instanceConditions(CallContext ctx, KeyKinds kinds, InstanceService instances,
            EcsService disks, RunInstancesRequest q) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        EncryptionChoice system;
        try {
            system = instances.previewSystemDiskEncryption(ctx, q);
        } catch (RuntimeException e) {
            return Map.of(); // refused by the service itself: see diskConditions
        }
        boolean all = system.encrypted();
        boolean allByok = byok(ctx, kinds, system);
        for (RunInstancesRequest.DataDisk d : q.dataDisks() == null ? List.<RunInstancesRequest.DataDisk>of()
                : q.dataDisks()) {
            EncryptionChoice data;
            try {
                data = disks.previewEncryption(ctx, d == null ? null : d.asCreateDiskRequest(q.zoneId()));
            } catch (RuntimeException e) {
                return Map.of();
            }
            all &= data.encrypted();
            allByok &= byok(ctx, kinds, data);
        }
        values.put(IS_SYSTEM_DISK_ENCRYPTED, bool(system.encrypted()));
        values.put(IS_SYSTEM_DISK_BYOK_ENCRYPTED, bool(byok(ctx, kinds, system)));
        values.put(IS_DISK_ENCRYPTED, bool(all));
        values.put(IS_DISK_BYOK_ENCRYPTED, bool(allByok));
        return values;
    }

    // ------------------------------------------------------------------ RAM

    public static Table ramTable() {
        Map<String, Rule> r = new HashMap<>();
        r.put("createRole", ram("ram:CreateRole", "role", 1));
        r.put("getRole", ram("ram:GetRole", "role", 1));
        r.put("listRoles", ram("ram:ListRoles", "role", -1));
        r.put("attachPolicyToRole", policyAnd("ram:AttachPolicyToRole", "role"));
        r.put("detachPolicyFromRole", policyAnd("ram:DetachPolicyFromRole", "role"));
        r.put("listPoliciesForRole", ram("ram:ListPoliciesForRole", "role", 1));
        // the console's one-click Authorize: what it does is create the role and attach its policy
        r.put("authorizeEcsDiskEncryption", (ctx, a) -> List.of(
                new Need("ram:CreateRole", ramArn(ctx, "role/" + RamService.ECS_DISK_ENCRYPTION_ROLE)),
                new Need("ram:AttachPolicyToRole", List.of(policyArn(ctx, "System",
                        RamService.ECS_DISK_ENCRYPTION_POLICY), ramArn(ctx, "role/"
                        + RamService.ECS_DISK_ENCRYPTION_ROLE)), Map.of())));
        r.put("createUser", ram("ram:CreateUser", "user", 1));
        r.put("getUser", ram("ram:GetUser", "user", 1));
        r.put("updateUser", ram("ram:UpdateUser", "user", 1));
        r.put("listUsers", ram("ram:ListUsers", "user", -1));
        r.put("deleteUser", ram("ram:DeleteUser", "user", 1));
        r.put("createGroup", ram("ram:CreateGroup", "group", 1));
        r.put("getGroup", ram("ram:GetGroup", "group", 1));
        r.put("updateGroup", ram("ram:UpdateGroup", "group", 1));
        r.put("listGroups", ram("ram:ListGroups", "group", -1));
        r.put("deleteGroup", ram("ram:DeleteGroup", "group", 1));
        r.put("addUserToGroup", userAndGroup("ram:AddUserToGroup"));
        r.put("removeUserFromGroup", userAndGroup("ram:RemoveUserFromGroup"));
        r.put("listGroupsForUser", ram("ram:ListGroupsForUser", "user", 1));
        r.put("listUsersForGroup", ram("ram:ListUsersForGroup", "group", 1));
        r.put("createAccessKey", ram("ram:CreateAccessKey", "user", 1));
        r.put("listAccessKeys", ram("ram:ListAccessKeys", "user", 1));
        r.put("updateAccessKey", ram("ram:UpdateAccessKey", "user", 1));
        r.put("deleteAccessKey", ram("ram:DeleteAccessKey", "user", 1));
        r.put("createPolicy", ram("ram:CreatePolicy", "policy", 1));
        r.put("getPolicy", typedPolicy("ram:GetPolicy"));
        r.put("listPolicies", ram("ram:ListPolicies", "policy", -1));
        r.put("deletePolicy", ram("ram:DeletePolicy", "policy", 1));
        r.put("createPolicyVersion", ram("ram:CreatePolicyVersion", "policy", 1));
        r.put("setDefaultPolicyVersion", ram("ram:SetDefaultPolicyVersion", "policy", 1));
        r.put("listPolicyVersions", typedPolicy("ram:ListPolicyVersions"));
        r.put("getPolicyVersion", typedPolicy("ram:GetPolicyVersion"));
        r.put("deletePolicyVersion", ram("ram:DeletePolicyVersion", "policy", 1));
        r.put("attachPolicyToUser", policyAnd("ram:AttachPolicyToUser", "user"));
        r.put("detachPolicyFromUser", policyAnd("ram:DetachPolicyFromUser", "user"));
        r.put("attachPolicyToGroup", policyAnd("ram:AttachPolicyToGroup", "group"));
        r.put("detachPolicyFromGroup", policyAnd("ram:DetachPolicyFromGroup", "group"));
        r.put("listPoliciesForUser", ram("ram:ListPoliciesForUser", "user", 1));
        r.put("listPoliciesForGroup", ram("ram:ListPoliciesForGroup", "group", 1));
        r.put("listEntitiesForPolicy", typedPolicy("ram:ListEntitiesForPolicy"));
        Map<String, String> internal = Map.of(
                "ecsMayUseCustomerKeys", "ECS asking whether its own service role is authorized; no caller",
                "findUser", "the guard's own look-up of the caller",
                "policiesInForce", "the guard's own look-up of the caller's policies");
        return new Table(Product.RAM, r, internal);
    }

    private static Rule ram(String action, String type, int nameArg) {
        return one(action, (ctx, a) -> ramArn(ctx, type + "/" + (nameArg < 0 ? "*" : arg(a, nameArg))));
    }

    /** A policy named with its type: system policies live under the account "system" (acs:ram::system:policy/…). */
    static String policyArn(CallContext ctx, Object type, Object name) {
        return "System".equals(type) ? "acs:ram:*:system:policy/" + id(name) : ramArn(ctx, "policy/" + id(name));
    }

    private static Rule typedPolicy(String action) {
        return one(action, (ctx, a) -> policyArn(ctx, a[1], a[2]));
    }

    private static Rule userAndGroup(String action) {
        return (ctx, a) -> List.of(new Need(action, List.of(ramArn(ctx, "user/" + arg(a, 1)),
                ramArn(ctx, "group/" + arg(a, 2))), Map.of()));
    }

    /** Attach/Detach (policyType, policyName, principal): the policy and the user or group. */
    private static Rule policyAnd(String action, String type) {
        return (ctx, a) -> List.of(new Need(action, List.of(policyArn(ctx, a[1], a[2]),
                ramArn(ctx, type + "/" + arg(a, 3))), Map.of()));
    }

    // ------------------------------------------------------------------ OOS

    public static Table oosTable() {
        Map<String, Rule> r = new HashMap<>();
        r.put("listTemplates", one("oos:ListTemplates", (ctx, a) -> arn("oos", ctx, "template/*")));
        r.put("getTemplate", one("oos:GetTemplate", (ctx, a) -> arn("oos", ctx, "template/" + arg(a, 1))));
        r.put("startExecution", (ctx, a) -> List.of(new Need("oos:StartExecution", List.of(
                arn("oos", ctx, "execution/*"), arn("oos", ctx, "template/"
                        + (a[1] instanceof StartExecutionRequest q ? id(q.templateName()) : "*"))), Map.of())));
        r.put("listExecutions", one("oos:ListExecutions", (ctx, a) -> arn("oos", ctx, "execution/*")));
        r.put("listTaskExecutions", one("oos:ListTaskExecutions", (ctx, a) -> arn("oos", ctx, "execution/"
                + (a[1] instanceof ListTaskExecutionsRequest q ? id(q.executionId()) : "*"))));
        r.put("cancelExecution", one("oos:CancelExecution", (ctx, a) -> arn("oos", ctx, "execution/" + arg(a, 1))));
        Map<String, String> internal = Map.of(
                "processDueEvents", "clock-driven work (the steps run as the execution's starter or its role, and"
                        + " each step's ECS call is authorized there)");
        return new Table(Product.OOS, r, internal);
    }

    // ------------------------------------------------------------------ ActionTrail

    public static Table trailTable() {
        Map<String, Rule> r = new HashMap<>();
        Rule lookup = one("actiontrail:LookupEvents", (ctx, a) -> arn("actiontrail", ctx, "*"));
        r.put("lookupEvents", lookup);
        r.put("countEvents", lookup); // the console's event chart is drawn from the same events
        return new Table(Product.ACTIONTRAIL, r, Map.of());
    }

    // ------------------------------------------------------------------ wiring

    public static KmsService kms(KmsService target, Check check) {
        return wrap(KmsService.class, target, kmsTable(target), check);
    }

    public static EcsService ecs(EcsService target, KmsService keys, Check check) {
        return wrap(EcsService.class, target, ecsTable(target, kinds(keys)), check);
    }

    public static InstanceService instances(InstanceService target, EcsService disks, KmsService keys,
            Check check) {
        return wrap(InstanceService.class, target, instancesTable(target, disks, kinds(keys)), check);
    }

    public static RamService ram(RamService target, Check check) {
        return wrap(RamService.class, target, ramTable(), check);
    }

    public static OosService oos(OosService target, Check check) {
        return wrap(OosService.class, target, oosTable(), check);
    }

    public static TrailService trail(TrailService target, Check check) {
        return wrap(TrailService.class, target, trailTable(), check);
    }

    /** Key kinds from the unguarded KMS: a key it does not know is treated as a customer key. */
    static KeyKinds kinds(KmsService keys) {
        return (ctx, keyId) -> {
            if (keyId == null) {
                return true; // the region's service key, made on first use
            }
            try {
                return keys.describeKey(ctx, keyId).isServiceKey();
            } catch (ApiException e) {
                return false;
            }
        };
    }

    static <T> T wrap(Class<T> face, T target, Table table, Check check) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, target, face);
            }
            if (args != null && args.length > 0 && args[0] instanceof CallContext ctx && Authorizer.isChecked(ctx)) {
                check.check(ctx, table.product(), needs(table, method, ctx, args));
            }
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return face.cast(Proxy.newProxyInstance(face.getClassLoader(), new Class<?>[] {face}, handler));
    }

    /** What a RAM user's call needs; a method missing from the table is refused for them (fail closed). */
    static List<Need> needs(Table table, Method method, CallContext ctx, Object[] args) {
        Rule rule = table.rules().get(method.getName());
        if (rule != null) {
            return rule.needs(ctx, args);
        }
        if (table.internal().containsKey(method.getName())) {
            return List.of();
        }
        throw new ApiException(table.product().code(), 403, "The operation " + method.getName() + " of "
                + method.getDeclaringClass().getSimpleName() + " has no RAM action mapped yet, so a RAM user may not"
                + " call it. Act as the account's root identity.");
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, Object target, Class<?> face) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "guarded " + face.getSimpleName() + " of " + target;
            default -> throw new UnsupportedOperationException(method.getName());
        };
    }
}
