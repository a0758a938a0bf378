package dev.ecskms.sim.ram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.AccessDeniedException;
import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.EncryptionChoice;
import dev.ecskms.sim.ecs.EncryptionChoice.Reason;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.oos.OosService;
import dev.ecskms.sim.oos.StartExecutionRequest;
import dev.ecskms.sim.ram.AccessGuard.Need;
import dev.ecskms.sim.ram.AccessGuard.Product;
import dev.ecskms.sim.trail.TrailFilter;
import dev.ecskms.sim.trail.TrailService;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The guard's tables with a recording check in place of the authorizer: every method of every guarded interface is
 * mapped (a new one fails here until it is), each mapped call names a real-looking action and ARN, and the calls
 * that carry conditions compute them from the service's own preview.
 */
class AccessGuardTest {
    static final String ACCOUNT = "1234567890123456";
    static final String REGION = "cn-hangzhou";
    static final CallContext USER = new CallContext(ACCOUNT, "alice", REGION, "req-1");
    static final Pattern ACTION = Pattern.compile("(kms|ecs|ram|oos|actiontrail|bss):[A-Z][A-Za-z]+");
    static final Pattern ARN = Pattern.compile("acs:(kms|ecs|ram|oos|actiontrail|bss):[^:]+:[^:]+:.+");

    record Checked(Product product, List<Need> needs) {
    }

    final List<Checked> checked = new ArrayList<>();
    final List<String> reachedTarget = new ArrayList<>();
    final AccessGuard.Check recorder = (ctx, product, needs) -> checked.add(new Checked(product, needs));

    /** What the fakes' previews answer. */
    EncryptionChoice systemDisk = new EncryptionChoice(false, null, Reason.PLAIN, "");
    final KmsService kms = fake(KmsService.class, (m, a) -> m.getName().equals("describeKey") ? describeKey(
            (String) a[1]) : null);
    final EcsService ecs = fake(EcsService.class, (m, a) -> m.getName().equals("previewEncryption")
            ? preview((CreateDiskRequest) a[1]) : null);
    final InstanceService instances = fake(InstanceService.class, (m, a) ->
            m.getName().equals("previewSystemDiskEncryption") ? systemDisk : null);

    /** Key "svc-key" is the region's service key; alias/mine names key-9; anything else is unknown to KMS. */
    static KeyMetadata describeKey(String keyId) {
        String id = switch (keyId) {
            case "alias/mine", "key-9" -> "key-9";
            case "alias/acs/ecs", "svc-key" -> "svc-key";
            default -> throw new ApiException("Forbidden.KeyNotFound", 404, "no key " + keyId);
        };
        return new KeyMetadata(id, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, id.equals("svc-key") ? "ecs" : null);
    }

    /** The fake ECS's CreateDisk preview: what the request says, the service key when no key is named. */
    static EncryptionChoice preview(CreateDiskRequest q) {
        if (q == null) {
            return new EncryptionChoice(false, null, Reason.PLAIN, "");
        }
        if ("bad-key".equals(q.kmsKeyId())) {
            throw new ApiException("InvalidParameter.KMSKeyId.NotFound", 404, "no such key");
        }
        if (!Boolean.TRUE.equals(q.encrypted())) {
            return new EncryptionChoice(false, null, Reason.PLAIN, "");
        }
        return q.kmsKeyId() == null ? new EncryptionChoice(true, null, Reason.SERVICE_KEY, "")
                : new EncryptionChoice(true, q.kmsKeyId(), Reason.CHOSEN_KEY, "");
    }

    <T> T fake(Class<T> face, BiFunction<Method, Object[], Object> answers) {
        return face.cast(Proxy.newProxyInstance(face.getClassLoader(), new Class<?>[] {face}, (p, m, a) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("equals") ? p == a[0] : m.getName().equals("hashCode") ? 0 : "fake";
            }
            reachedTarget.add(m.getName());
            Object answer = answers.apply(m, a);
            return answer != null ? answer : defaultOf(m.getReturnType());
        }));
    }

    static Object defaultOf(Class<?> type) {
        if (type == boolean.class) {
            return false;
        }
        if (type == int.class) {
            return 0;
        }
        if (type == long.class) {
            return 0L;
        }
        return null;
    }

    /** Each guarded face with its table and a guard around a fake of it. */
    record Face(Class<?> type, AccessGuard.Table table, Object guarded) {
    }

    List<Face> faces() {
        return List.of(
                new Face(KmsService.class, AccessGuard.kmsTable(kms), AccessGuard.kms(kms, recorder)),
                new Face(EcsService.class, AccessGuard.ecsTable(ecs, AccessGuard.kinds(kms)),
                        AccessGuard.ecs(ecs, kms, recorder)),
                new Face(InstanceService.class, AccessGuard.instancesTable(instances, ecs, AccessGuard.kinds(kms)),
                        AccessGuard.instances(instances, ecs, kms, recorder)),
                new Face(RamService.class, AccessGuard.ramTable(), AccessGuard.ram(fake(RamService.class,
                        (m, a) -> null), recorder)),
                new Face(OosService.class, AccessGuard.oosTable(), AccessGuard.oos(fake(OosService.class,
                        (m, a) -> null), recorder)),
                new Face(TrailService.class, AccessGuard.trailTable(), AccessGuard.trail(fake(TrailService.class,
                        (m, a) -> null), recorder)));
    }

    static List<Method> operations(Class<?> face) {
        return java.util.Arrays.stream(face.getMethods()).filter(m -> !Modifier.isStatic(m.getModifiers())).toList();
    }

    @Test
    void everyMethodOfEveryGuardedInterfaceIsInATable() {
        List<String> unmapped = new ArrayList<>();
        for (Face face : faces()) {
            for (Method m : operations(face.type())) {
                if (!face.table().maps(m.getName())) {
                    unmapped.add(face.type().getSimpleName() + "." + m.getName());
                }
            }
            for (String name : face.table().rules().keySet()) {
                assertTrue(operations(face.type()).stream().anyMatch(m -> m.getName().equals(name)),
                        face.type().getSimpleName() + " has no method " + name + " (a stale table row)");
            }
        }
        assertEquals(List.of(), unmapped, "map each to its RAM action (or as internal, with the reason)");
    }

    /** Whatever the console is handed that is a service interface of the simulator must be one of the guarded faces. */
    @Test
    void everyServiceTheConsoleReachesIsGuarded() throws Exception {
        Set<Class<?>> guarded = Set.of(KmsService.class, EcsService.class, InstanceService.class, RamService.class,
                OosService.class, TrailService.class);
        // not a cloud API: the guided labs read through the guarded services above, with the caller's context
        Set<Class<?>> readsThroughGuarded = Set.of(dev.ecskms.sim.labs.LabService.class);
        for (RecordComponent c : Class.forName("dev.ecskms.ui.ConsoleServices").getRecordComponents()) {
            Class<?> type = c.getType();
            if (type.isInterface() && type.getPackageName().startsWith("dev.ecskms.sim")
                    && !readsThroughGuarded.contains(type)) {
                assertTrue(guarded.contains(type), c.getName() + " (" + type.getSimpleName() + ") is not guarded");
            }
        }
    }

    @Test
    void eachMappedCallNamesARealActionOnArns() throws Exception {
        for (Face face : faces()) {
            for (Method m : operations(face.type())) {
                checked.clear();
                try {
                    m.invoke(face.guarded(), arguments(m));
                } catch (java.lang.reflect.InvocationTargetException e) {
                    if (!(e.getCause() instanceof ApiException) || checked.isEmpty()) {
                        throw new AssertionError(m.getName() + " failed in the guard", e.getCause());
                    } // else the fake service itself refused the made-up arguments, after the check
                }
                String name = face.type().getSimpleName() + "." + m.getName();
                if (face.table().internal().containsKey(m.getName())) {
                    assertEquals(List.of(), checked.isEmpty() ? List.of() : checked.get(0).needs(), name);
                    continue;
                }
                assertEquals(1, checked.size(), name);
                assertEquals(face.table().product(), checked.get(0).product(), name);
                assertFalse(checked.get(0).needs().isEmpty(), name);
                for (Need need : checked.get(0).needs()) {
                    assertTrue(ACTION.matcher(need.action()).matches(), name + ": " + need.action());
                    for (String resource : need.resources()) {
                        assertTrue(ARN.matcher(resource).matches(), name + ": " + resource);
                    }
                }
            }
        }
    }

    static Object[] arguments(Method m) {
        Class<?>[] types = m.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> t = types[i];
            args[i] = t == CallContext.class ? USER : t == String.class ? "x-1" : t == Integer.class || t == int.class
                    ? 1 : t == Long.class || t == long.class ? 1L : t == Boolean.class || t == boolean.class ? true
                    : t == List.class || t == Collection.class ? List.of("i-1") : t == Map.class ? Map.of()
                    : t == byte[].class ? new byte[1] : null;
        }
        return args;
    }

    /** One call through a guard: what it needed. */
    List<Need> needsOf(Runnable call) {
        checked.clear();
        try {
            call.run();
        } catch (ApiException e) {
            // the fake service's own answer to a key it does not know, after the check
        }
        assertEquals(1, checked.size());
        return checked.get(0).needs();
    }

    static String arn(String service, String resource) {
        return "acs:" + service + ":" + REGION + ":" + ACCOUNT + ":" + resource;
    }

    @Test
    void kmsNamesTheKeyByItsIdWhicheverWayTheCallerNamedIt() {
        KmsService guarded = AccessGuard.kms(kms, recorder);
        assertEquals(List.of(new Need("kms:DisableKey", arn("kms", "key/key-9"))),
                needsOf(() -> guarded.disableKey(USER, "key-9")));
        assertEquals(List.of(new Need("kms:DisableKey", arn("kms", "key/key-9"))),
                needsOf(() -> guarded.disableKey(USER, "alias/mine")));
        assertEquals(List.of(new Need("kms:DisableKey", arn("kms", "key/key-9"))),
                needsOf(() -> guarded.disableKey(USER, arn("kms", "key/key-9"))));
        // unknown to KMS: authorized on what was named, and KMS then answers Forbidden.KeyNotFound itself
        assertEquals(List.of(new Need("kms:DescribeKey", arn("kms", "key/nope"))),
                needsOf(() -> guarded.describeKey(USER, "nope")));
        assertEquals(List.of(new Need("kms:ListKeys", arn("kms", "key/*"))),
                needsOf(() -> guarded.listKeySummaries(USER)));
        assertEquals(List.of(new Need("kms:CreateAlias", List.of(arn("kms", "alias/app"), arn("kms", "key/key-9")),
                Map.of())), needsOf(() -> guarded.createAlias(USER, "alias/app", "key-9")));
    }

    @Test
    void createDiskCarriesItsEffectiveEncryptionFromTheServicesPreview() {
        EcsService guarded = AccessGuard.ecs(ecs, kms, recorder);
        String diskArn = arn("ecs", "disk/*");
        assertEquals(List.of(new Need("ecs:CreateDisk", List.of(diskArn), Map.of(
                "ecs:IsDiskEncrypted", List.of("false"), "ecs:IsDiskByokEncrypted", List.of("false")))),
                needsOf(() -> guarded.createDisk(USER, disk(null, null))));
        assertEquals(List.of(new Need("ecs:CreateDisk", List.of(diskArn), Map.of(
                "ecs:IsDiskEncrypted", List.of("true"), "ecs:IsDiskByokEncrypted", List.of("false")))),
                needsOf(() -> guarded.createDisk(USER, disk(true, null))), "the service key is not BYOK");
        assertEquals(List.of(new Need("ecs:CreateDisk", List.of(diskArn), Map.of(
                "ecs:IsDiskEncrypted", List.of("true"), "ecs:IsDiskByokEncrypted", List.of("false")))),
                needsOf(() -> guarded.createDisk(USER, disk(true, "svc-key"))), "named, the service key still is not");
        assertEquals(List.of(new Need("ecs:CreateDisk", List.of(diskArn), Map.of(
                "ecs:IsDiskEncrypted", List.of("true"), "ecs:IsDiskByokEncrypted", List.of("true")))),
                needsOf(() -> guarded.createDisk(USER, disk(true, "key-9"))));
        // a request ECS refuses by itself gets no values: the refusal is ECS's own error, after the check
        assertEquals(List.of(new Need("ecs:CreateDisk", diskArn)),
                needsOf(() -> guarded.createDisk(USER, disk(true, "bad-key"))));
    }

    static CreateDiskRequest disk(Boolean encrypted, String key) {
        return new CreateDiskRequest(REGION + "-h", "cloud_essd", 20, null, "PL0", encrypted, key, null, null, null,
                null);
    }

    @Test
    void runInstancesCarriesTheSystemDiskAndEveryDiskItCreates() {
        InstanceService guarded = AccessGuard.instances(instances, ecs, kms, recorder);
        systemDisk = new EncryptionChoice(true, "key-9", Reason.CHOSEN_KEY, "");
        Map<String, List<String>> allEncrypted = needsOf(() -> guarded.runInstances(USER, run(
                new RunInstancesRequest.DataDisk("cloud_essd", 20, null, "PL0", true, "key-9", true)))).get(0)
                .conditions();
        assertEquals(Map.of("ecs:IsSystemDiskEncrypted", List.of("true"), "ecs:IsSystemDiskByokEncrypted",
                List.of("true"), "ecs:IsDiskEncrypted", List.of("true"), "ecs:IsDiskByokEncrypted", List.of("true")),
                allEncrypted);
        Map<String, List<String>> plainData = needsOf(() -> guarded.runInstances(USER, run(
                new RunInstancesRequest.DataDisk("cloud_essd", 20, null, "PL0", null, null, true)))).get(0)
                .conditions();
        assertEquals(List.of("true"), plainData.get("ecs:IsSystemDiskEncrypted"));
        assertEquals(List.of("false"), plainData.get("ecs:IsDiskEncrypted"));

        systemDisk = new EncryptionChoice(false, null, Reason.PLAIN, "");
        Need plain = needsOf(() -> guarded.runInstances(USER, run())).get(0);
        assertEquals("ecs:RunInstances", plain.action());
        assertEquals(List.of(arn("ecs", "instance/*")), plain.resources());
        assertEquals(List.of("false"), plain.conditions().get("ecs:IsSystemDiskEncrypted"));
        assertEquals(List.of("false"), plain.conditions().get("ecs:IsDiskEncrypted"),
                "a plain system disk is a plain disk the call creates");

        systemDisk = new EncryptionChoice(true, null, Reason.SERVICE_KEY, "");
        Need serviceKey = needsOf(() -> guarded.runInstances(USER, run())).get(0);
        assertEquals(List.of("true"), serviceKey.conditions().get("ecs:IsDiskEncrypted"));
        assertEquals(List.of("false"), serviceKey.conditions().get("ecs:IsSystemDiskByokEncrypted"));

        assertEquals(List.of(new Need("ecs:AttachDisk", List.of(arn("ecs", "instance/i-1"), arn("ecs", "disk/d-1")),
                Map.of())), needsOf(() -> guarded.attachDisk(USER, "i-1", "d-1", true)));
    }

    static RunInstancesRequest run(RunInstancesRequest.DataDisk... data) {
        return new RunInstancesRequest(REGION + "-h", "ecs.g7.large", "img-1", null, List.of(data), 1, null, null,
                null, null);
    }

    @Test
    void ramNamesUsersGroupsAndPoliciesGlobally() {
        RamService guarded = AccessGuard.ram(fake(RamService.class, (m, a) -> null), recorder);
        assertEquals(List.of(new Need("ram:CreateUser", "acs:ram:*:" + ACCOUNT + ":user/bob")),
                needsOf(() -> guarded.createUser(USER, "bob", null, null)));
        assertEquals(List.of(new Need("ram:AttachPolicyToUser", List.of(
                "acs:ram:*:system:policy/AliyunKMSReadOnlyAccess", "acs:ram:*:" + ACCOUNT + ":user/bob"), Map.of())),
                needsOf(() -> guarded.attachPolicyToUser(USER, "System", "AliyunKMSReadOnlyAccess", "bob")));
        assertEquals(List.of(new Need("ram:AttachPolicyToGroup", List.of(
                "acs:ram:*:" + ACCOUNT + ":policy/only-encrypted", "acs:ram:*:" + ACCOUNT + ":group/ops"), Map.of())),
                needsOf(() -> guarded.attachPolicyToGroup(USER, "Custom", "only-encrypted", "ops")));
        assertEquals(2, needsOf(() -> guarded.authorizeEcsDiskEncryption(USER)).size(),
                "the one-click authorization creates the role and attaches its policy");
    }

    @Test
    void oosAndTheTrail() {
        OosService oos = AccessGuard.oos(fake(OosService.class, (m, a) -> null), recorder);
        assertEquals(List.of(new Need("oos:StartExecution", List.of(arn("oos", "execution/*"),
                arn("oos", "template/ACS-ECS-BulkyEncryptSystemDisk")), Map.of())), needsOf(() -> oos.startExecution(
                        USER, new StartExecutionRequest("ACS-ECS-BulkyEncryptSystemDisk", null, "{}", null, null,
                                null, null))));
        TrailService trail = AccessGuard.trail(fake(TrailService.class, (m, a) -> null), recorder);
        assertEquals(List.of(new Need("actiontrail:LookupEvents", arn("actiontrail", "*"))),
                needsOf(() -> trail.lookupEvents(USER, TrailFilter.all())));
    }

    @Test
    void rootPeerRootAndServiceRolesAreNotChecked() {
        KmsService guarded = AccessGuard.kms(kms, recorder);
        guarded.listKeys(CallContext.root(ACCOUNT, REGION), 1, 10);
        guarded.listKeys(CallContext.root("6543210987654321", REGION), 1, 10);
        guarded.listKeys(USER.asServiceRole(RamService.ECS_DISK_ENCRYPTION_ROLE, "i-1"), 1, 10);
        assertEquals(List.of(), checked);
        assertEquals(3, reachedTarget.stream().filter("listKeys"::equals).count());
    }

    @Test
    void aRefusalStopsTheCallBeforeTheService() {
        AccessGuard.Check refuse = (ctx, product, needs) -> {
            throw new AccessDeniedException(product.code(), "no", needs.get(0).action(),
                    needs.get(0).resources().get(0), ctx.principal(), AccessDeniedException.DenyType.ImplicitDeny);
        };
        KmsService guarded = AccessGuard.kms(kms, refuse);
        reachedTarget.clear();
        AccessDeniedException e = assertThrows(AccessDeniedException.class, () -> guarded.disableKey(USER, "key-9"));
        assertEquals("Forbidden.NoPermission", e.code());
        assertEquals(403, e.httpStatus());
        assertEquals("kms:DisableKey", e.authAction());
        assertEquals(List.of("describeKey"), reachedTarget, "only the key's name was looked up; DisableKey never ran");
    }

    @Test
    void aMethodInNoTableIsRefusedForARamUserOnly() {
        AccessGuard.Table empty = new AccessGuard.Table(Product.OOS, Map.of(), Map.of());
        OosService guarded = AccessGuard.wrap(OosService.class, fake(OosService.class, (m, a) -> null), empty,
                recorder);
        ApiException e = assertThrows(ApiException.class, () -> guarded.cancelExecution(USER, "exec-1"));
        assertEquals(403, e.httpStatus());
        guarded.cancelExecution(CallContext.root(ACCOUNT, REGION), "exec-1");
    }

    @Test
    void productCodes() {
        Map<Product, String> codes = new LinkedHashMap<>();
        for (Product p : Product.values()) {
            codes.put(p, p.code());
        }
        assertEquals("Forbidden.NoPermission", codes.get(Product.KMS));
        assertEquals("Forbidden.RAM", codes.get(Product.ECS));
        assertEquals("NoPermission", codes.get(Product.RAM));
    }
}
