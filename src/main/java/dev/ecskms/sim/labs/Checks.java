package dev.ecskms.sim.labs;

import dev.ecskms.sim.ecs.BootFailure;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.User;
import dev.ecskms.sim.ram.policy.AccessRequest;
import dev.ecskms.sim.trail.TrailEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The registry of checks lab files can name. The checks are code, the labs are data: each check reads the trail's
 * evidence (what was done, when, by whom, with which result) and the current resources, never a flag of the lab's.
 * Parameters that name a binding (instance=, key=, disk=, user=, instances=) refer to what an earlier step found;
 * {@code as=} renames what a check binds.
 */
public final class Checks {
    private static final Set<String> ANY = Set.of();
    private static final Set<String> BOOL = Set.of("true", "false", "any");
    private static final SortedMap<String, Check> REGISTRY = new TreeMap<>();

    private Checks() {
    }

    public static Optional<Check> find(String name) {
        return Optional.ofNullable(REGISTRY.get(name));
    }

    /** Every check's name, sorted (what an error about an unknown check lists). */
    public static Set<String> names() {
        return REGISTRY.keySet();
    }

    public static List<Check> all() {
        return List.copyOf(REGISTRY.values());
    }

    private interface Finder {
        List<Evidence> find(LabWorld w, CheckCall c, Map<String, String> bound, Instant after);
    }

    private static void register(String name, String description, Map<String, Set<String>> params,
            Set<String> required, Finder finder) {
        REGISTRY.put(name, new Check() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public Map<String, Set<String>> params() {
                return params;
            }

            @Override
            public Set<String> required() {
                return required;
            }

            @Override
            public List<Evidence> find(LabWorld world, CheckCall call, Map<String, String> bound, Instant after) {
                return finder.find(world, call, bound, after);
            }
        });
    }

    private static Map<String, Set<String>> params(Object... pairs) {
        Map<String, Set<String>> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            Set<String> values = (Set<String>) pairs[i + 1];
            map.put((String) pairs[i], values);
        }
        return map;
    }

    static {
        // ------------------------------------------------------------ instances and keys (lab a, d)
        register("instance-created", "an instance created (RunInstances) since the start whose system disk is"
                + " encrypted as asked; binds instance, key (its system disk's key) and disk",
                params("encryption", Set.of("cmk", "service", "encrypted", "plain", "any"), "as", ANY), Set.of(),
                (w, c, bound, after) -> {
                    String as = c.param("as", "instance");
                    List<Evidence> found = new ArrayList<>();
                    for (TrailEvent e : successes(w, "RunInstances", after)) {
                        for (String id : ids(e)) {
                            SystemKey sys = originalSystemKey(w, id);
                            if (!sys.known() || !encryptionMatches(w, c.param("encryption", "any"), sys.keyId())) {
                                continue;
                            }
                            Map<String, String> binds = new HashMap<>();
                            binds.put(as, id);
                            if (sys.keyId() != null) {
                                binds.put("key", sys.keyId());
                            }
                            w.systemDisk(id).ifPresent(d -> binds.put("disk", d.diskId()));
                            found.add(new Evidence(e.eventTime(), binds, id + " created, system disk "
                                    + (sys.keyId() == null ? "not encrypted" : w.isServiceKey(sys.keyId())
                                            ? "encrypted with the service key" : "encrypted with key " + sys.keyId())));
                        }
                    }
                    return found;
                });
        register("instances-created", "count= instances created since the previous step whose system disks were"
                + " encrypted as asked when created; binds instances (the first count= of them, comma-separated)",
                params("count", ANY, "encryption", Set.of("cmk", "service", "encrypted", "plain", "any"), "as", ANY),
                Set.of(), (w, c, bound, after) -> {
                    int count = Integer.parseInt(c.param("count", "1"));
                    List<String> ids = new ArrayList<>();
                    Instant countedAt = null;
                    for (TrailEvent e : successes(w, "RunInstances", after)) {
                        for (String id : ids(e)) {
                            SystemKey sys = originalSystemKey(w, id);
                            // the first count= of them: instances made later for something else do not join
                            if (ids.size() < count && sys.known() && w.instances().containsKey(id)
                                    && encryptionMatches(w, c.param("encryption", "any"), sys.keyId())) {
                                ids.add(id);
                                if (ids.size() == count) {
                                    countedAt = e.eventTime();
                                }
                            }
                        }
                    }
                    if (ids.size() < count || ids.isEmpty()) {
                        return List.of();
                    }
                    return List.of(new Evidence(countedAt, Map.of(c.param("as", "instances"), String.join(",", ids)),
                            ids.size() + " instance(s): " + String.join(", ", ids)));
                });
        register("key-created", "a KMS key created (CreateKey) since the previous step; binds key",
                params("as", ANY), Set.of(), (w, c, bound, after) -> successes(w, "CreateKey", after).stream()
                        .filter(e -> e.resourceName() != null)
                        .map(e -> new Evidence(e.eventTime(), Map.of(c.param("as", "key"), e.resourceName()),
                                "key " + e.resourceName() + " created")).toList());
        register("key-disabled", "DisableKey of the bound key succeeded after the previous step",
                params("key", ANY), Set.of(), (w, c, bound, after) -> keyEvents(w, c, bound, after, "DisableKey",
                        "disabled"));
        register("key-enabled", "EnableKey of the bound key succeeded after the previous step",
                params("key", ANY), Set.of(), (w, c, bound, after) -> keyEvents(w, c, bound, after, "EnableKey",
                        "enabled"));
        register("boot-failed", "a start of the bound instance could not decrypt its disk's data key (ECS's Decrypt"
                + " for it failed, with code= if given) after the previous step",
                params("instance", ANY, "key", ANY, "code", ANY), Set.of(), (w, c, bound, after) -> {
                    String instanceId = bound.get(c.param("instance", "instance"));
                    String keyId = bound.get(c.param("key", "key"));
                    String code = c.params().get("code");
                    if (instanceId == null) {
                        return List.of();
                    }
                    List<Evidence> found = new ArrayList<>();
                    for (TrailEvent e : w.events("Decrypt")) {
                        if (!e.success() && isForInstance(e, instanceId) && !e.eventTime().isBefore(after)
                                && (code == null || code.equals(e.errorCode()))
                                && (keyId == null || keyId.equals(e.kmsKeyId()))) {
                            found.add(new Evidence(e.eventTime(), Map.of(), instanceId + " could not decrypt its"
                                    + " disk: " + e.errorCode()));
                        }
                    }
                    Instance now = w.instances().get(instanceId);
                    BootFailure failure = now == null ? null : now.bootFailure();
                    if (found.isEmpty() && failure != null && !failure.time().isBefore(after)
                            && (code == null || code.equals(failure.code()))) {
                        found.add(new Evidence(failure.time(), Map.of(), instanceId + " could not read a disk: "
                                + failure.code()));
                    }
                    return found;
                });
        register("boot-succeeded", "a start of the bound instance decrypted its disk's data key (ECS's Decrypt for"
                + " it succeeded) after the previous step",
                params("instance", ANY, "key", ANY), Set.of(), (w, c, bound, after) -> {
                    String instanceId = bound.get(c.param("instance", "instance"));
                    String keyId = bound.get(c.param("key", "key"));
                    if (instanceId == null) {
                        return List.of();
                    }
                    return w.events("Decrypt").stream().filter(e -> e.success() && isForInstance(e, instanceId)
                            && !e.eventTime().isBefore(after) && (keyId == null || keyId.equals(e.kmsKeyId())))
                            .map(e -> new Evidence(e.eventTime(), Map.of(), instanceId + " read its disk again"))
                            .toList();
                });
        register("instance-released", "the bound instance was released (DeleteInstance) after the previous step and"
                + " is gone", params("instance", ANY), Set.of(), (w, c, bound, after) -> {
                    String instanceId = bound.get(c.param("instance", "instance"));
                    if (instanceId == null || w.instances().containsKey(instanceId)) {
                        return List.of();
                    }
                    return successes(w, "DeleteInstance", after).stream().filter(e -> LabWorld.names(e, instanceId))
                            .map(e -> new Evidence(e.eventTime(), Map.of(), instanceId + " released")).toList();
                });

        // ------------------------------------------------------------ disks, snapshots, files (lab b, c)
        register("disk-created", "a disk created since the previous step and still there: encrypted=, type=,"
                + " attached= (to an instance now; ever: now or before), from= (the bound snapshot), by= (the bound RAM"
                + " user made it);"
                + " binds disk (and instance, if attached)",
                params("encrypted", BOOL, "type", Set.of("data", "system", "any"), "attached",
                        Set.of("true", "false", "ever", "any"), "from", ANY,
                        "by", ANY, "as", ANY), Set.of(), (w, c, bound, after) -> {
                    String snapshot = c.params().containsKey("from") ? bound.get(c.param("from", "snapshot")) : null;
                    String user = c.params().containsKey("by") ? bound.get(c.param("by", "user")) : null;
                    if ((c.params().containsKey("from") && snapshot == null)
                            || (c.params().containsKey("by") && user == null)) {
                        return List.of();
                    }
                    List<Evidence> found = new ArrayList<>();
                    for (Disk d : w.disks()) {
                        if (d.creationTime().isBefore(w.start()) || !bool(c, "encrypted", d.encrypted())
                                || !(c.param("attached", "any").equals("ever") ? instanceOf(w, d) != null
                                        : bool(c, "attached", d.instanceId() != null))
                                || !(c.param("type", "any").equals("any") || c.param("type", "any").equals(d.type()))
                                || (snapshot != null && !snapshot.equals(d.sourceSnapshotId()))) {
                            continue;
                        }
                        Instant time = d.creationTime();
                        if (user != null) {
                            Optional<TrailEvent> made = successes(w, "CreateDisk", after).stream()
                                    .filter(e -> e.identityType() == TrailEvent.IdentityType.RAM_USER
                                            && user.equals(e.principalName()) && LabWorld.names(e, d.diskId()))
                                    .findFirst();
                            if (made.isEmpty()) {
                                continue;
                            }
                            time = made.get().eventTime();
                        }
                        if (time.isBefore(after)) {
                            continue;
                        }
                        Map<String, String> binds = new HashMap<>();
                        binds.put(c.param("as", "disk"), d.diskId());
                        String instanceId = instanceOf(w, d);
                        if (instanceId != null) {
                            binds.put("instance", instanceId);
                        }
                        found.add(new Evidence(time, binds, d.diskId() + (d.encrypted() ? " (encrypted)"
                                : " (not encrypted)") + (instanceId == null ? "" : " on " + instanceId)
                                + (user == null ? "" : ", created by RAM user " + user)));
                    }
                    return found;
                });
        register("snapshot-created", "a snapshot of the bound disk taken (CreateSnapshot) after the previous step;"
                + " binds snapshot (it may be deleted later: the disk made from it remembers it)",
                params("disk", ANY, "as", ANY), Set.of(), (w, c, bound, after) -> {
                    String diskId = bound.get(c.param("disk", "disk"));
                    if (diskId == null) {
                        return List.of();
                    }
                    List<Evidence> found = new ArrayList<>();
                    for (TrailEvent e : successes(w, "CreateSnapshot", after)) {
                        Optional<String> snapshot = ids(e).stream().filter(id -> id.startsWith("s-")).findFirst();
                        if (snapshot.isPresent() && LabWorld.names(e, diskId)) {
                            found.add(new Evidence(e.eventTime(), Map.of(c.param("as", "snapshot"), snapshot.get()),
                                    snapshot.get() + " of " + diskId));
                        }
                    }
                    return found;
                });
        register("disk-attached", "the bound disk is attached to the bound instance now, attached (or created"
                + " attached) after the previous step", params("disk", ANY, "instance", ANY), Set.of(),
                (w, c, bound, after) -> {
                    String diskId = bound.get(c.param("disk", "disk"));
                    String instanceId = bound.get(c.param("instance", "instance"));
                    Optional<Disk> disk = diskId == null ? Optional.empty() : w.disk(diskId);
                    if (disk.isEmpty() || disk.get().instanceId() == null
                            || (instanceId != null && !instanceId.equals(disk.get().instanceId()))) {
                        return List.of();
                    }
                    Instant time = successes(w, "AttachDisk", after).stream()
                            .filter(e -> LabWorld.names(e, diskId)).map(TrailEvent::eventTime)
                            .reduce((a, b) -> b).orElse(disk.get().creationTime());
                    if (time.isBefore(after)) {
                        return List.of();
                    }
                    return List.of(new Evidence(time, Map.of("instance", disk.get().instanceId()), diskId
                            + " attached to " + disk.get().instanceId()));
                });
        register("disk-detached", "the bound disk was detached from the bound instance (DetachDisk) after the previous"
                + " step and is not attached to it now", params("disk", ANY, "instance", ANY), Set.of(),
                (w, c, bound, after) -> {
                    String diskId = bound.get(c.param("disk", "disk"));
                    String instanceId = bound.get(c.param("instance", "instance"));
                    if (diskId == null) {
                        return List.of();
                    }
                    Optional<Disk> disk = w.disk(diskId);
                    if (disk.isPresent() && disk.get().instanceId() != null
                            && (instanceId == null || instanceId.equals(disk.get().instanceId()))) {
                        return List.of();
                    }
                    return successes(w, "DetachDisk", after).stream().filter(e -> LabWorld.names(e, diskId))
                            .map(e -> new Evidence(e.eventTime(), Map.of(), diskId + " detached")).toList();
                });
        register("guest-file", "the bound instance's running guest reads the file path= now (containing contains="
                + " if given)", params("path", ANY, "contains", ANY, "instance", ANY), Set.of("path"),
                (w, c, bound, after) -> {
                    String instanceId = bound.get(c.param("instance", "instance"));
                    if (instanceId == null) {
                        return List.of();
                    }
                    String path = c.param("path", "");
                    Optional<String> text = w.guestFiles().read(instanceId, path);
                    String contains = c.params().get("contains");
                    if (text.isEmpty() || (contains != null && !text.get().contains(contains))) {
                        return List.of();
                    }
                    // a state that holds now: no time of its own, so it keeps the previous step's
                    return List.of(new Evidence(after, Map.of(), instanceId + " reads " + path + " ("
                            + text.get().length() + " bytes)"));
                });

        register("disk-holds", "the bound disk's volume on the host holds text= in the clear now (in-clear=false:"
                + " it must not — an encrypted disk's sectors are ciphertext)",
                params("disk", ANY, "text", ANY, "in-clear", Set.of("true", "false")), Set.of("text"),
                (w, c, bound, after) -> {
                    String diskId = bound.get(c.param("disk", "disk"));
                    if (diskId == null || w.disk(diskId).isEmpty()) {
                        return List.of();
                    }
                    String text = c.param("text", "");
                    boolean wanted = Boolean.parseBoolean(c.param("in-clear", "true"));
                    boolean holds = w.diskHost().holds(diskId,
                            text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    if (holds != wanted) {
                        return List.of();
                    }
                    // a state that holds now: no time of its own, so it keeps the previous step's
                    return List.of(new Evidence(after, Map.of(), diskId + (holds ? " holds \"" + text
                            + "\" in the clear" : " does not show \"" + text + "\": its sectors are ciphertext")));
                });

        // ------------------------------------------------------------ RAM (lab c)
        register("ram-user-created", "a RAM user created since the previous step; binds user",
                params("as", ANY), Set.of(), (w, c, bound, after) -> {
                    List<Evidence> found = new ArrayList<>();
                    for (User u : w.ram().users()) {
                        if (u.createDate() != null && !u.createDate().isBefore(after)) {
                            found.add(new Evidence(u.createDate(), Map.of(c.param("as", "user"), u.userName()),
                                    "RAM user " + u.userName()));
                        }
                    }
                    return found;
                });
        register("policy-requires-encrypted-disks", "the policies in force for the bound user refuse CreateDisk of"
                + " an unencrypted disk and allow an encrypted one (ecs:IsDiskEncrypted), attached after the"
                + " previous step", params("user", ANY), Set.of(), (w, c, bound, after) -> {
                    String user = bound.get(c.param("user", "user"));
                    if (user == null) {
                        return List.of();
                    }
                    // asked of RAM's own evaluation, as the request guard would ask it
                    String disks = "acs:ecs:" + w.regionId() + ":" + w.accountId() + ":disk/*";
                    boolean plainRefused = !w.ram().allowed(user, new AccessRequest("ecs:CreateDisk", disks,
                            Map.of("ecs:IsDiskEncrypted", List.of("false"))));
                    boolean encryptedAllowed = w.ram().allowed(user, new AccessRequest("ecs:CreateDisk", disks,
                            Map.of("ecs:IsDiskEncrypted", List.of("true"))));
                    if (!plainRefused || !encryptedAllowed) {
                        return List.of();
                    }
                    Instant attached = w.ram().policiesOf(user).stream().map(AttachedPolicy::attachDate)
                            .filter(t -> t != null).max(Instant::compareTo).orElse(null);
                    if (attached == null || attached.isBefore(after)) {
                        return List.of();
                    }
                    return List.of(new Evidence(attached, Map.of(), "RAM user " + user + " may create encrypted"
                            + " disks only"));
                });
        register("request-refused", "a request by the bound RAM user was refused: action= (comma-separated,"
                + " default CreateDisk,RunInstances) with code= (default Forbidden.RAM), after the previous step",
                params("user", ANY, "action", ANY, "code", ANY), Set.of(), (w, c, bound, after) -> {
                    String user = bound.get(c.param("user", "user"));
                    List<String> actions = Arrays.asList(c.param("action", "CreateDisk,RunInstances").split(","));
                    String code = c.param("code", "Forbidden.RAM");
                    if (user == null) {
                        return List.of();
                    }
                    return w.events().stream().filter(e -> !e.success() && !e.eventTime().isBefore(after)
                            && e.identityType() == TrailEvent.IdentityType.RAM_USER
                            && user.equals(e.principalName()) && actions.contains(e.eventName())
                            && code.equals(e.errorCode()))
                            .map(e -> new Evidence(e.eventTime(), Map.of(), e.eventName() + " by " + user
                                    + " refused: " + e.errorCode())).toList();
                });

        // ------------------------------------------------------------ OOS (lab d)
        register("execution-started", "an OOS execution started (StartExecution) after the previous step; binds"
                + " execution", params("as", ANY), Set.of(), (w, c, bound, after) ->
                successes(w, "StartExecution", after).stream().filter(e -> e.resourceName() != null)
                        .map(e -> new Evidence(e.eventTime(), Map.of(c.param("as", "execution"), e.resourceName()),
                                "execution " + e.resourceName())).toList());
        register("system-disks-encrypted", "each of the bound instances had its system disk replaced"
                + " (ReplaceSystemDisk) after the previous step and its system disk is encrypted now (with the bound"
                + " key, if one is bound)", params("instances", ANY, "key", ANY), Set.of(), (w, c, bound, after) -> {
                    String list = bound.get(c.param("instances", "instances"));
                    String keyId = bound.get(c.param("key", "key"));
                    if (list == null) {
                        return List.of();
                    }
                    Instant last = after;
                    for (String id : list.split(",")) {
                        Optional<Disk> sys = w.systemDisk(id);
                        if (sys.isEmpty() || !sys.get().encrypted()
                                || (keyId != null && !keyId.equals(sys.get().kmsKeyId()))) {
                            return List.of();
                        }
                        Optional<Instant> replaced = successes(w, "ReplaceSystemDisk", after).stream()
                                .filter(e -> LabWorld.names(e, id)).map(TrailEvent::eventTime).reduce((a, b) -> b);
                        if (replaced.isEmpty()) {
                            return List.of();
                        }
                        last = replaced.get().isAfter(last) ? replaced.get() : last;
                    }
                    return List.of(new Evidence(last, Map.of(), "system disks encrypted: " + list));
                });
    }

    // ---------------------------------------------------------------- helpers

    private static List<TrailEvent> successes(LabWorld w, String eventName, Instant after) {
        return w.events(eventName).stream().filter(e -> e.success() && !e.eventTime().isBefore(after)).toList();
    }

    private static List<String> ids(TrailEvent e) {
        return e.resourceName() == null ? List.of()
                : Arrays.stream(e.resourceName().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The instance a disk is attached to, or, once detached, the one it was last attached to or detached from. */
    private static String instanceOf(LabWorld w, Disk d) {
        if (d.instanceId() != null) {
            return d.instanceId();
        }
        String last = null;
        for (TrailEvent e : w.events()) {
            if (e.success() && (e.eventName().equals("AttachDisk") || e.eventName().equals("DetachDisk"))
                    && LabWorld.names(e, d.diskId())) {
                last = ids(e).stream().filter(id -> id.startsWith("i-")).findFirst().orElse(last);
            }
        }
        return last;
    }

    private static boolean bool(CheckCall c, String param, boolean actual) {
        String wanted = c.param(param, "any");
        return wanted.equals("any") || Boolean.parseBoolean(wanted) == actual;
    }

    /** ECS's own Decrypt of a disk's data key for this instance (at its start), through its service role. */
    private static boolean isForInstance(TrailEvent e, String instanceId) {
        return e.identityType() == TrailEvent.IdentityType.ASSUMED_ROLE && instanceId.equals(e.sessionName());
    }

    private static List<Evidence> keyEvents(LabWorld w, CheckCall c, Map<String, String> bound, Instant after,
            String action, String what) {
        String keyId = bound.get(c.param("key", "key"));
        if (keyId == null) {
            return List.of();
        }
        return successes(w, action, after).stream().filter(e -> keyId.equals(e.kmsKeyId())
                || LabWorld.names(e, keyId)).map(e -> new Evidence(e.eventTime(), Map.of(), "key " + keyId + " "
                        + what)).toList();
    }

    private static boolean encryptionMatches(LabWorld w, String wanted, String keyId) {
        return switch (wanted) {
            case "cmk" -> keyId != null && !w.isServiceKey(keyId);
            case "service" -> w.isServiceKey(keyId);
            case "encrypted" -> keyId != null;
            case "plain" -> keyId == null;
            default -> true;
        };
    }

    /** The key of an instance's system disk as created (null: plain); unknown when nothing tells. */
    record SystemKey(boolean known, String keyId) {
    }

    /** What ends an instance's first run: before it, ECS's Decrypts for the instance are its first boot's. */
    private static final Set<String> FIRST_RUN_ENDS = Set.of("StopInstance", "RebootInstance", "ReplaceSystemDisk",
            "DeleteInstance");

    /**
     * The system disk's key when the instance was created: its current system disk's if it was never replaced;
     * otherwise (or when the instance is gone) the key ECS decrypted for it at its first boot — before its first
     * stop, reboot, replacement or release (a ReplaceSystemDisk is recorded when it returns, after the Decrypt of the
     * new disk it made). No such Decrypt means the disk was not encrypted.
     */
    static SystemKey originalSystemKey(LabWorld w, String instanceId) {
        boolean replaced = w.events("ReplaceSystemDisk").stream()
                .anyMatch(e -> e.success() && LabWorld.names(e, instanceId));
        if (!replaced && w.instances().containsKey(instanceId)) {
            Optional<Disk> sys = w.systemDisk(instanceId);
            return sys.map(d -> new SystemKey(true, d.encrypted() ? d.kmsKeyId() : null))
                    .orElse(new SystemKey(false, null));
        }
        Instant firstRunEnd = w.events().stream().filter(e -> FIRST_RUN_ENDS.contains(e.eventName())
                && LabWorld.names(e, instanceId)).map(TrailEvent::eventTime).findFirst().orElse(Instant.MAX);
        return w.events("Decrypt").stream().filter(e -> isForInstance(e, instanceId)
                && e.eventTime().isBefore(firstRunEnd) && e.kmsKeyId() != null).findFirst()
                .map(e -> new SystemKey(true, e.kmsKeyId())).orElse(new SystemKey(true, null));
    }
}
