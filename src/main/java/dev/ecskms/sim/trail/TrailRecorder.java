package dev.ecskms.sim.trail;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.CopyImageRequest;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.ReplaceSystemDiskRequest;
import dev.ecskms.sim.kms.CiphertextKey;
import dev.ecskms.sim.kms.DecryptResponse;
import dev.ecskms.sim.kms.EncryptResponse;
import dev.ecskms.sim.kms.GenerateDataKeyRequest;
import dev.ecskms.sim.kms.GenerateDataKeyResponse;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyVersion;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.oos.Execution;
import dev.ecskms.sim.oos.ListTaskExecutionsRequest;
import dev.ecskms.sim.oos.OosService;
import dev.ecskms.sim.oos.StartExecutionRequest;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.ram.Role;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The one place where calls are recorded on the audit trail: a recording decorator around each service interface,
 * installed by the simulator, so that the console, the API endpoint and the simulator's own calls (ECS asking KMS to
 * decrypt a disk's data key) are recorded alike. Each face has one table below: the operations it records, under
 * their API action name, and how to name the resource (and, for KMS, the key and key version) from the arguments
 * and, when the call succeeded, its result. An operation not in a table is passed through unrecorded (ECS reads, the
 * console's helpers).
 *
 * <p>Which resource type names ActionTrail uses (ACS::KMS::Key …) is unconfirmed; they follow the ROS type names.
 */
public final class TrailRecorder {
    static final String KEY = "ACS::KMS::Key";
    static final String ALIAS = "ACS::KMS::Alias";
    static final String DISK = "ACS::ECS::Disk";
    static final String SNAPSHOT = "ACS::ECS::Snapshot";
    static final String INSTANCE = "ACS::ECS::Instance";
    static final String IMAGE = "ACS::ECS::Image";
    static final String ROLE = "ACS::RAM::Role";
    static final String USER = "ACS::RAM::User";
    static final String GROUP = "ACS::RAM::Group";
    static final String POLICY = "ACS::RAM::Policy";
    static final String EXECUTION = "ACS::OOS::Execution";
    static final String TEMPLATE = "ACS::OOS::Template";

    private TrailRecorder() {
    }

    /** What a call touched: the resource ids (comma-separated) and, for KMS calls, the key and key version. */
    record Target(String resourceName, String kmsKeyId, String kmsKeyVersionId) {
        static final Target NONE = new Target(null, null, null);
    }

    /** Names a call's target from its arguments (args[0] is the CallContext) and its result (null if it failed). */
    @FunctionalInterface
    interface Resolver {
        Target resolve(Object[] args, Object result);
    }

    record Spec(String action, boolean readOnly, String resourceType, Resolver resolver) {
    }

    // ------------------------------------------------------------------ KMS

    private static final Map<String, Spec> KMS = new HashMap<>();

    static {
        kms("createKey", "CreateKey", false, (a, r) -> key(r instanceof KeyMetadata m ? m.keyId() : null));
        kms("describeKey", "DescribeKey", true, TrailRecorder::keyArg);
        kms("listKeys", "ListKeys", true, (a, r) -> Target.NONE);
        kms("listKeySummaries", "ListKeys", true, (a, r) -> Target.NONE); // the console's key list
        kms("keySummaries", "ListKeys", true, (a, r) -> Target.NONE); // a page of it, or the keys of a disk page
        kms("keyIdsWithAliasContaining", "ListAliases", true, (a, r) -> Target.NONE); // a search box's alias match
        kms("updateKeyDescription", "UpdateKeyDescription", false, TrailRecorder::keyArg);
        kms("enableKey", "EnableKey", false, TrailRecorder::keyArg);
        kms("disableKey", "DisableKey", false, TrailRecorder::keyArg);
        kms("scheduleKeyDeletion", "ScheduleKeyDeletion", false, TrailRecorder::keyArg);
        kms("cancelKeyDeletion", "CancelKeyDeletion", false, TrailRecorder::keyArg);
        KMS.put("createAlias", new Spec("CreateAlias", false, ALIAS, TrailRecorder::alias));
        KMS.put("updateAlias", new Spec("UpdateAlias", false, ALIAS, TrailRecorder::alias));
        KMS.put("deleteAlias", new Spec("DeleteAlias", false, ALIAS, (a, r) -> new Target((String) a[1], null, null)));
        kms("listAliases", "ListAliases", true, (a, r) -> Target.NONE);
        kms("listAliasesByKeyId", "ListAliasesByKeyId", true, TrailRecorder::keyArg);
        kms("generateDataKey", "GenerateDataKey", false, TrailRecorder::dataKey);
        kms("generateDataKeyWithoutPlaintext", "GenerateDataKeyWithoutPlaintext", false, TrailRecorder::dataKey);
        kms("encrypt", "Encrypt", false, (a, r) -> r instanceof EncryptResponse e
                ? new Target(e.keyId(), e.keyId(), e.keyVersionId()) : key((String) a[1]));
        kms("decrypt", "Decrypt", false, (a, r) -> {
            if (r instanceof DecryptResponse d) {
                return new Target(d.keyId(), d.keyId(), d.keyVersionId());
            }
            // a failed Decrypt still names the key and version its ciphertext blob was made with
            Optional<CiphertextKey> named = CiphertextKey.of((String) a[1]);
            return named.map(k -> new Target(k.keyId(), k.keyId(), k.keyVersionId())).orElse(Target.NONE);
        });
        kms("updateRotationPolicy", "UpdateRotationPolicy", false, TrailRecorder::keyArg);
        kms("createKeyVersion", "CreateKeyVersion", false, (a, r) -> r instanceof KeyVersion v
                ? new Target(v.keyId(), v.keyId(), v.keyVersionId()) : key((String) a[1]));
        kms("listKeyVersions", "ListKeyVersions", true, TrailRecorder::keyArg);
        kms("describeKeyVersion", "DescribeKeyVersion", true, (a, r) -> new Target((String) a[1], (String) a[1],
                (String) a[2]));
        kms("getParametersForImport", "GetParametersForImport", true, TrailRecorder::keyArg);
        kms("importKeyMaterial", "ImportKeyMaterial", false, TrailRecorder::keyArg);
        kms("deleteKeyMaterial", "DeleteKeyMaterial", false, TrailRecorder::keyArg);
        kms("tagResource", "TagResource", false, TrailRecorder::keyArg);
        kms("untagResource", "UntagResource", false, TrailRecorder::keyArg);
        kms("listResourceTags", "ListResourceTags", true, TrailRecorder::keyArg);
    }

    private static void kms(String method, String action, boolean readOnly, Resolver resolver) {
        KMS.put(method, new Spec(action, readOnly, KEY, resolver));
    }

    private static Target key(String keyId) {
        return new Target(keyId, keyId, null);
    }

    /** The key a call named; the key id itself when the call succeeded and returned the key's metadata. */
    private static Target keyArg(Object[] a, Object r) {
        String keyId = r instanceof KeyMetadata m ? m.keyId() : (String) a[1];
        return key(keyId);
    }

    private static Target alias(Object[] a, Object r) {
        return new Target((String) a[1], (String) a[2], null);
    }

    private static Target dataKey(Object[] a, Object r) {
        if (r instanceof GenerateDataKeyResponse d) {
            return new Target(d.keyId(), d.keyId(), d.keyVersionId());
        }
        return key(a[1] instanceof GenerateDataKeyRequest g ? g.keyId() : null);
    }

    // ------------------------------------------------------------------ ECS

    private static final Map<String, Spec> ECS = new HashMap<>();

    static {
        ECS.put("createDisk", new Spec("CreateDisk", false, DISK, (a, r) -> ids(r)));
        ECS.put("modifyDiskAttribute", new Spec("ModifyDiskAttribute", false, DISK, TrailRecorder::firstArg));
        ECS.put("resizeDisk", new Spec("ResizeDisk", false, DISK, TrailRecorder::firstArg));
        ECS.put("deleteDisk", new Spec("DeleteDisk", false, DISK, TrailRecorder::firstArg));
        ECS.put("createSnapshot", new Spec("CreateSnapshot", false, SNAPSHOT, (a, r) ->
                new Target(join(r instanceof String s ? s : null, (String) a[1]), null, null)));
        ECS.put("deleteSnapshot", new Spec("DeleteSnapshot", false, SNAPSHOT, TrailRecorder::firstArg));
        ECS.put("modifySnapshotSharePermission", new Spec("ModifySnapshotSharePermission", false, SNAPSHOT,
                TrailRecorder::firstArg));
        ECS.put("createImage", new Spec("CreateImage", false, IMAGE, (a, r) -> ids(r)));
        ECS.put("copyImage", new Spec("CopyImage", false, IMAGE, (a, r) -> new Target(join(r instanceof String s
                ? s : null, a[1] instanceof CopyImageRequest c ? c.imageId() : null), null, null)));
        ECS.put("deleteImage", new Spec("DeleteImage", false, IMAGE, TrailRecorder::firstArg));
        ECS.put("modifyImageSharePermission", new Spec("ModifyImageSharePermission", false, IMAGE,
                TrailRecorder::firstArg));
        ECS.put("enableDiskEncryptionByDefault", new Spec("EnableDiskEncryptionByDefault", false, null,
                (a, r) -> Target.NONE));
        ECS.put("disableDiskEncryptionByDefault", new Spec("DisableDiskEncryptionByDefault", false, null,
                (a, r) -> Target.NONE));
        ECS.put("modifyDiskDefaultKmsKeyId", new Spec("ModifyDiskDefaultKMSKeyId", false, KEY,
                (a, r) -> key((String) a[1])));
        ECS.put("resetDiskDefaultKmsKeyId", new Spec("ResetDiskDefaultKMSKeyId", false, null, (a, r) -> Target.NONE));
    }

    private static final Map<String, Spec> INSTANCES = new HashMap<>();

    static {
        INSTANCES.put("runInstances", new Spec("RunInstances", false, INSTANCE, (a, r) -> ids(r)));
        INSTANCES.put("startInstance", new Spec("StartInstance", false, INSTANCE, TrailRecorder::firstArg));
        INSTANCES.put("stopInstance", new Spec("StopInstance", false, INSTANCE, TrailRecorder::firstArg));
        INSTANCES.put("rebootInstance", new Spec("RebootInstance", false, INSTANCE, TrailRecorder::firstArg));
        INSTANCES.put("deleteInstance", new Spec("DeleteInstance", false, INSTANCE, TrailRecorder::firstArg));
        INSTANCES.put("attachDisk", new Spec("AttachDisk", false, DISK, (a, r) ->
                new Target(join((String) a[2], (String) a[1]), null, null)));
        INSTANCES.put("detachDisk", new Spec("DetachDisk", false, DISK, (a, r) ->
                new Target(join((String) a[2], (String) a[1]), null, null)));
        INSTANCES.put("replaceSystemDisk", new Spec("ReplaceSystemDisk", false, INSTANCE, (a, r) -> new Target(
                join(a[1] instanceof ReplaceSystemDiskRequest q ? q.instanceId() : null, r instanceof String s ? s
                        : null), null, null)));
        INSTANCES.put("runCommand", new Spec("RunCommand", false, INSTANCE, (a, r) -> ids(a[1])));
    }

    // ------------------------------------------------------------------ RAM

    private static final Map<String, Spec> RAM = new HashMap<>();

    static {
        RAM.put("createRole", new Spec("CreateRole", false, ROLE, TrailRecorder::firstArg));
        RAM.put("attachPolicyToRole", new Spec("AttachPolicyToRole", false, ROLE, (a, r) ->
                new Target((String) a[3], null, null)));
        RAM.put("detachPolicyFromRole", new Spec("DetachPolicyFromRole", false, ROLE, (a, r) ->
                new Target((String) a[3], null, null)));
        RAM.put("createUser", new Spec("CreateUser", false, USER, TrailRecorder::firstArg));
        RAM.put("updateUser", new Spec("UpdateUser", false, USER, TrailRecorder::firstArg));
        RAM.put("deleteUser", new Spec("DeleteUser", false, USER, TrailRecorder::firstArg));
        RAM.put("createGroup", new Spec("CreateGroup", false, GROUP, TrailRecorder::firstArg));
        RAM.put("updateGroup", new Spec("UpdateGroup", false, GROUP, TrailRecorder::firstArg));
        RAM.put("deleteGroup", new Spec("DeleteGroup", false, GROUP, TrailRecorder::firstArg));
        RAM.put("addUserToGroup", new Spec("AddUserToGroup", false, GROUP, (a, r) ->
                new Target((String) a[2], null, null)));
        RAM.put("removeUserFromGroup", new Spec("RemoveUserFromGroup", false, GROUP, (a, r) ->
                new Target((String) a[2], null, null)));
        // an AccessKey's event names its user; the secret is never part of an event
        RAM.put("createAccessKey", new Spec("CreateAccessKey", false, USER, TrailRecorder::firstArg));
        RAM.put("updateAccessKey", new Spec("UpdateAccessKey", false, USER, TrailRecorder::firstArg));
        RAM.put("deleteAccessKey", new Spec("DeleteAccessKey", false, USER, TrailRecorder::firstArg));
        RAM.put("createPolicy", new Spec("CreatePolicy", false, POLICY, TrailRecorder::firstArg));
        RAM.put("deletePolicy", new Spec("DeletePolicy", false, POLICY, TrailRecorder::firstArg));
        RAM.put("createPolicyVersion", new Spec("CreatePolicyVersion", false, POLICY, TrailRecorder::firstArg));
        RAM.put("setDefaultPolicyVersion", new Spec("SetDefaultPolicyVersion", false, POLICY,
                TrailRecorder::firstArg));
        RAM.put("deletePolicyVersion", new Spec("DeletePolicyVersion", false, POLICY, TrailRecorder::firstArg));
        RAM.put("attachPolicyToUser", new Spec("AttachPolicyToUser", false, USER, (a, r) ->
                new Target((String) a[3], null, null)));
        RAM.put("detachPolicyFromUser", new Spec("DetachPolicyFromUser", false, USER, (a, r) ->
                new Target((String) a[3], null, null)));
        RAM.put("attachPolicyToGroup", new Spec("AttachPolicyToGroup", false, GROUP, (a, r) ->
                new Target((String) a[3], null, null)));
        RAM.put("detachPolicyFromGroup", new Spec("DetachPolicyFromGroup", false, GROUP, (a, r) ->
                new Target((String) a[3], null, null)));
        // The console's one-click Authorize: creates the role where missing and attaches its policy.
        RAM.put("authorizeEcsDiskEncryption", new Spec("CreateRole", false, ROLE, (a, r) ->
                new Target(r instanceof Role role ? role.roleName() : RamService.ECS_DISK_ENCRYPTION_ROLE, null,
                        null)));
    }

    // ------------------------------------------------------------------ OOS

    private static final Map<String, Spec> OOS = new HashMap<>();

    static {
        OOS.put("startExecution", new Spec("StartExecution", false, EXECUTION, (a, r) ->
                new Target(r instanceof Execution e ? e.executionId() : a[1] instanceof StartExecutionRequest q
                        ? q.templateName() : null, null, null)));
        OOS.put("cancelExecution", new Spec("CancelExecution", false, EXECUTION, TrailRecorder::firstArg));
        OOS.put("listExecutions", new Spec("ListExecutions", true, EXECUTION, (a, r) -> Target.NONE));
        OOS.put("listTaskExecutions", new Spec("ListTaskExecutions", true, EXECUTION, (a, r) ->
                new Target(a[1] instanceof ListTaskExecutionsRequest q ? q.executionId() : null, null, null)));
        OOS.put("listTemplates", new Spec("ListTemplates", true, TEMPLATE, (a, r) -> Target.NONE));
        OOS.put("getTemplate", new Spec("GetTemplate", true, TEMPLATE, TrailRecorder::firstArg));
    }

    private static Target firstArg(Object[] a, Object r) {
        return new Target(a.length > 1 && a[1] instanceof String s ? s : null, null, null);
    }

    private static Target ids(Object value) {
        if (value instanceof String s) {
            return new Target(s, null, null);
        }
        if (value instanceof List<?> list) {
            return new Target(list.isEmpty() ? null : String.join(",", list.stream().map(String::valueOf).toList()),
                    null, null);
        }
        return Target.NONE;
    }

    private static String join(String first, String second) {
        if (first == null || first.isBlank()) {
            return second;
        }
        return second == null || second.isBlank() ? first : first + "," + second;
    }

    /** The event names the trail records, sorted: what a filter by event name can ask for. */
    public static java.util.SortedSet<String> eventNames() {
        java.util.SortedSet<String> names = new java.util.TreeSet<>();
        for (Map<String, Spec> specs : List.of(KMS, ECS, INSTANCES, RAM)) {
            specs.values().forEach(spec -> names.add(spec.action()));
        }
        return java.util.Collections.unmodifiableSortedSet(names);
    }

    // -------------------------------------------------------------- wiring

    public static KmsService kms(KmsService target, LocalTrailService trail) {
        return wrap(KmsService.class, target, trail, "Kms", KMS);
    }

    public static EcsService ecs(EcsService target, LocalTrailService trail) {
        return wrap(EcsService.class, target, trail, "Ecs", ECS);
    }

    public static InstanceService instances(InstanceService target, LocalTrailService trail) {
        return wrap(InstanceService.class, target, trail, "Ecs", INSTANCES);
    }

    public static OosService oos(OosService target, LocalTrailService trail) {
        return wrap(OosService.class, target, trail, "Oos", OOS);
    }

    public static RamService ram(RamService target, LocalTrailService trail) {
        return wrap(RamService.class, target, trail, "Ram", RAM);
    }

    private static <T> T wrap(Class<T> face, T target, LocalTrailService trail, String service,
            Map<String, Spec> specs) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args, target, face);
            }
            Spec spec = specs.get(method.getName());
            CallContext ctx = spec != null && args != null && args.length > 0 && args[0] instanceof CallContext c
                    ? c : null;
            Object result;
            try {
                result = method.invoke(target, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (ctx != null) {
                    record(trail, ctx, service, spec, args, null, cause);
                }
                throw cause;
            }
            if (ctx != null) {
                record(trail, ctx, service, spec, args, result, null);
            }
            return result;
        };
        return face.cast(Proxy.newProxyInstance(face.getClassLoader(), new Class<?>[] {face}, handler));
    }

    private static void record(LocalTrailService trail, CallContext ctx, String service, Spec spec, Object[] args,
            Object result, Throwable failure) {
        Target target;
        try {
            target = spec.resolver().resolve(args, result);
        } catch (RuntimeException e) {
            target = Target.NONE; // naming the resource must not fail the call either
        }
        trail.record(ctx, new LocalTrailService.Call(service, spec.action(), spec.readOnly(),
                target.resourceName() == null ? null : spec.resourceType(), target.resourceName(),
                target.kmsKeyId(), target.kmsKeyVersionId()), failure);
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args, Object target, Class<?> face) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            case "toString" -> "recorded " + face.getSimpleName() + " of " + target;
            default -> throw new UnsupportedOperationException(method.getName());
        };
    }
}
