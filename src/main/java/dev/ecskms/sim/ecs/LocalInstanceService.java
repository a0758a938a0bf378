package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Ids;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.ecs.LocalEcsService.DiskPlan;
import dev.ecskms.sim.guest.AttachedDevice;
import dev.ecskms.sim.guest.GuestHost;
import dev.ecskms.sim.guest.GuestImages;
import dev.ecskms.sim.guest.ShellResult;
import dev.ecskms.sim.guest.GuestMachine;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.guest.OsType;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.kms.ProtectedResource;
import dev.ecskms.sim.storage.BlockDevice;
import dev.ecskms.sim.storage.VolumeFormatException;
import dev.ecskms.sim.storage.WrongVolumeKeyException;
import dev.ecskms.sim.store.Store;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances on top of the disks of {@link LocalEcsService}. A running instance is a {@link GuestMachine} over block
 * devices that were opened — their data keys decrypted by KMS — when it started; the devices, and with them the
 * plaintext keys, live only in this process's memory until the instance stops.
 */
public final class LocalInstanceService implements InstanceService {
    private static final Logger LOG = LoggerFactory.getLogger(LocalInstanceService.class);
    static final Duration PENDING = Duration.ofSeconds(2);
    static final Duration STARTING = Duration.ofSeconds(3);
    static final Duration STOPPING = Duration.ofSeconds(2);
    private static final int MAX_DATA_DISKS = 16;
    /** The suffix RunInstances appends to each name when it creates more than one instance (Amount ≤ 100). */
    private static final int NAME_SUFFIX_DIGITS = 3;
    private static final Pattern PASSWORD_CHARS = Pattern.compile("[A-Za-z0-9()`~!@#$%^&*_\\-+=|{}\\[\\]:;'<>,.?/]{8,30}");
    private static final String COLUMNS = "instance_id, instance_name, host_name, region_id, zone_id, instance_type,"
            + " image_id, status, private_ip, creation_ms, account_id, boot_failure_code, boot_failure_message,"
            + " boot_failure_ms";

    private final Store store;
    private final KmsService kms;
    private final LocalEcsService ecs;
    private final Clock clock;
    private final Map<String, RunningGuest> running = new ConcurrentHashMap<>();
    private final Map<String, SharedConsole> consoles = new ConcurrentHashMap<>();
    /** Running instances whose guest could not be started at all: not retried on every tick, only on a restart. */
    private final java.util.Set<String> failedGuests = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    public LocalInstanceService(Store store, KmsService kms, LocalEcsService ecs, Clock clock) {
        this.store = store;
        this.kms = kms;
        this.ecs = ecs;
        this.clock = clock;
        kms.addProtectedResourceProvider(this::instancesUsing);
    }

    // ---------------------------------------------------------------- catalog

    @Override
    public List<InstanceType> describeInstanceTypes(CallContext ctx) {
        return Catalog.instanceTypes();
    }

    @Override
    public List<ImageInfo> describeImages(CallContext ctx, String imageOwnerAlias, String osType) {
        if (imageOwnerAlias != null && !List.of("system", "self", "others", "marketplace").contains(imageOwnerAlias)) {
            throw ApiException.invalid("ImageOwnerAlias", "it must be system, self, others or marketplace.");
        }
        if (imageOwnerAlias != null && !imageOwnerAlias.equals("system")) {
            return List.of(); // custom and shared images come with a later issue
        }
        return OsImage.publicImages().stream()
                .filter(i -> osType == null || osType.equalsIgnoreCase(osTypeName(i)))
                .map(LocalInstanceService::imageInfo).toList();
    }

    private static ImageInfo imageInfo(OsImage image) {
        return new ImageInfo(image.imageId(), image.osName(), image.osName(), osTypeName(image),
                image.osType() == OsType.WINDOWS ? "Windows Server 2022" : image.distro().equals("ubuntu") ? "Ubuntu"
                        : "Aliyun", "system", minimumSystemDiskSize(image));
    }

    private static String osTypeName(OsImage image) {
        return image.osType() == OsType.WINDOWS ? "windows" : "linux";
    }

    static int minimumSystemDiskSize(OsImage image) {
        return image.osType() == OsType.WINDOWS ? 40 : 20;
    }

    private static OsImage image(String imageId) {
        String id = ApiException.required("ImageId", imageId);
        return OsImage.publicImages().stream().filter(i -> i.imageId().equals(id)).findFirst()
                .orElseThrow(() -> new ApiException("InvalidImageId.NotFound", 404, "The specified image \"" + id
                        + "\" does not exist. Call DescribeImages for the available ones."));
    }

    // ----------------------------------------------------------- RunInstances

    @Override
    public EncryptionChoice previewSystemDiskEncryption(CallContext ctx, RunInstancesRequest r) {
        OsImage image = image(r.imageId());
        return ecs.previewEncryption(ctx, systemDiskRequest(ctx, r, image));
    }

    @Override
    public List<String> runInstances(CallContext ctx, RunInstancesRequest r) {
        Catalog.requireRegion(ctx.regionId());
        InstanceType type = instanceType(r.instanceType());
        OsImage image = image(r.imageId());
        int amount = r.amount() == null ? 1 : r.amount();
        if (amount < 1 || amount > 100) {
            throw ApiException.invalid("Amount", "it must be between 1 and 100.");
        }
        String password = password(r.password());
        String name = r.instanceName() == null || r.instanceName().isBlank() ? "launch-advisor-" + Ids.ecs("i").substring(2, 10)
                : r.instanceName();
        // With Amount > 1 each instance's name gets a suffix 001, 002 …: the name and its suffix must fit together.
        int suffix = amount == 1 ? 0 : NAME_SUFFIX_DIGITS;
        if (suffix > 0 && name.length() + suffix > ResourceNames.MAX_NAME_CHARS) {
            throw new ApiException("InvalidInstanceName.Malformed", 400, "With Amount " + amount + " each instance's"
                    + " name gets a " + suffix + "-digit suffix (001, 002 …), so the InstanceName can have at most "
                    + (ResourceNames.MAX_NAME_CHARS - suffix) + " characters; it has " + name.length() + ".");
        }
        ResourceNames.name("InstanceName", "InvalidInstanceName.Malformed", name);
        String hostName = r.hostName() == null || r.hostName().isBlank() ? null : r.hostName();
        if (hostName != null && !hostName.matches("[A-Za-z0-9][A-Za-z0-9.-]{1,63}")) {
            throw new ApiException("InvalidHostName.Malformed", 400,
                    "A host name has 2 to 64 letters, digits, '.' or '-', and starts with a letter or digit.");
        }

        // Plan every disk first: nothing is created unless the whole request is valid.
        CreateDiskRequest systemRequest = systemDiskRequest(ctx, r, image);
        DiskPlan systemPlan = ecs.plan(ctx, systemRequest);
        if (systemPlan.sizeGiB() < minimumSystemDiskSize(image)) {
            throw new ApiException("InvalidSystemDiskSize.LessThanImageSize", 400, "The system disk must be at least "
                    + minimumSystemDiskSize(image) + " GiB for image " + image.imageId() + ".");
        }
        if (systemPlan.encryption().encrypted() && type.encryptedDisksLimited()) {
            throw limitedFamily(type, "an encrypted system disk");
        }
        List<RunInstancesRequest.DataDisk> dataDisks = r.dataDisks() == null ? List.of() : r.dataDisks();
        if (dataDisks.size() > MAX_DATA_DISKS) {
            throw ApiException.invalid("DataDisk", "an instance takes at most " + MAX_DATA_DISKS + " data disks.");
        }
        List<DiskPlan> dataPlans = new ArrayList<>();
        for (RunInstancesRequest.DataDisk d : dataDisks) {
            DiskPlan plan = ecs.plan(ctx, new CreateDiskRequest(systemPlan.zone().zoneId(), d.category() == null
                    ? "cloud_essd" : d.category(), d.size(), d.snapshotId(), d.performanceLevel(), d.encrypted(),
                    d.kmsKeyId(), null, null, null, null));
            if (plan.encryption().encrypted() && plan.snapshot() != null && type.encryptedDisksLimited()) {
                throw limitedFamily(type, "an encrypted data disk created from a snapshot");
            }
            dataPlans.add(plan);
        }

        String token = r.clientToken() == null || r.clientToken().isBlank() ? null
                : LocalEcsService.clientToken(r.clientToken());
        if (token != null) {
            List<String> earlier = store.query("select instance_id from ecs_instances where account_id = ?"
                    + " and client_token = ? order by creation_ms, instance_id", rs -> rs.getString(1),
                    ctx.accountId(), token);
            if (!earlier.isEmpty()) {
                return earlier; // the same order again (the real service also answers with the first one)
            }
        }
        // The whole order commits at once: every volume is written first (each under a journal intent), then one
        // transaction writes all disk and instance rows. A failure anywhere removes every volume of the order, and
        // a crash before the commit leaves only intents that the next start finishes; nothing half-made is seen.
        List<DiskPlanned> disks = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        try {
            for (int n = 0; n < amount; n++) {
                rows.add(prepareInstance(ctx, type, image, systemPlan, dataPlans, dataDisks, password,
                        amount == 1 ? name : name + String.format("%0" + NAME_SUFFIX_DIGITS + "d", n + 1), hostName,
                        token, disks));
            }
            long now = clock.millis();
            store.txRun(c -> {
                for (DiskPlanned d : disks) {
                    LocalEcsService.insertDisk(c, d.disk(), now);
                }
                for (Object[] row : rows) {
                    row[9] = now + PENDING.toMillis();
                    row[11] = now;
                    Store.update(c, "insert into ecs_instances (instance_id, account_id, region_id, zone_id,"
                            + " instance_name, host_name, instance_type, image_id, status, due_ms, target_status,"
                            + " creation_ms, private_ip, client_token) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            row);
                }
            });
        } catch (IOException | RuntimeException e) {
            for (DiskPlanned d : disks) {
                ecs.discard(d.disk());
            }
            if (e instanceof ApiException api) {
                throw api;
            }
            LOG.error("RunInstances failed; nothing of the order was kept", e);
            throw new ApiException("InternalError", 500, "The instances could not be created: "
                    + (e instanceof IOException ? "the host could not write their disks" : "an internal error")
                    + ". Nothing of the order was kept; try again.");
        }
        for (DiskPlanned d : disks) {
            try {
                ecs.keyUsed(ctx, d.disk());
            } catch (RuntimeException e) {
                LOG.warn("Cannot tag the key of disk {} as used by ECS: {}", d.disk().diskId(), e.getMessage());
            }
        }
        return rows.stream().map(row -> (String) row[0]).toList();
    }

    /** A disk of the order, written but not committed. */
    private record DiskPlanned(LocalEcsService.PreparedDisk disk) {
    }

    /**
     * Writes the volumes of one instance (system disk with its image installed, data disks) into {@code disks} and
     * returns the instance's row (due and creation times filled in at the commit).
     */
    private Object[] prepareInstance(CallContext ctx, InstanceType type, OsImage image, DiskPlan systemPlan,
            List<DiskPlan> dataPlans, List<RunInstancesRequest.DataDisk> dataDisks, String password, String name,
            String hostName, String clientToken, List<DiskPlanned> disks) throws IOException {
        String instanceId = Ids.ecs("i");
        String host = hostName != null ? hostName : "iZ" + instanceId.substring(2) + "Z";
        LocalEcsService.PreparedDisk system = ecs.prepareDisk(ctx, systemPlan, "system", instanceId, true,
                DiskStatus.In_use, null);
        disks.add(new DiskPlanned(system));
        try (BlockDevice device = ecs.volumes().openDisk(LocalEcsService.asEcs(ctx, instanceId), system.diskId())) {
            GuestImages.install(device, image, host, password);
            device.flush();
        }
        for (int i = 0; i < dataPlans.size(); i++) {
            Boolean deleteWith = dataDisks.get(i).deleteWithInstance();
            LocalEcsService.PreparedDisk data = ecs.prepareDisk(ctx, dataPlans.get(i), "data", instanceId,
                    deleteWith == null || deleteWith, DiskStatus.In_use, null);
            disks.add(new DiskPlanned(data));
            if (image.osType() == OsType.WINDOWS && dataPlans.get(i).snapshot() == null) {
                // Data disks bought with a Windows instance come online and formatted (the seed's rule).
                try (BlockDevice device = ecs.volumes().openDisk(LocalEcsService.asEcs(ctx, instanceId),
                        data.diskId())) {
                    GuestImages.formatWindowsDataDisk(device, "Data" + (i + 1));
                    device.flush();
                }
            }
        }
        return new Object[] {instanceId, ctx.accountId(), ctx.regionId(), systemPlan.zone().zoneId(), name, host,
                type.instanceTypeId(), image.imageId(), InstanceStatus.Pending.name(), null,
                InstanceStatus.Running.name(), null, privateIp(), clientToken};
    }

    private static CreateDiskRequest systemDiskRequest(CallContext ctx, RunInstancesRequest r, OsImage image) {
        RunInstancesRequest.SystemDisk s = r.systemDisk() != null ? r.systemDisk()
                : new RunInstancesRequest.SystemDisk(null, null, null, null, null);
        String zone = r.zoneId() != null && !r.zoneId().isBlank() ? r.zoneId()
                : Catalog.zones(ctx.regionId()).stream().findFirst().map(Zone::zoneId).orElse(null);
        int size = s.size() != null ? s.size() : minimumSystemDiskSize(image);
        return new CreateDiskRequest(zone, s.category() == null ? "cloud_essd" : s.category(), size, null,
                s.performanceLevel(), s.encrypted(), s.kmsKeyId(), null, null, null, null);
    }

    private static ApiException limitedFamily(InstanceType type, String what) {
        return new ApiException("InvalidInstanceType.ValueNotSupported", 400, "Instance type " + type.instanceTypeId()
                + " (family " + type.family() + ") cannot attach " + what + ". Choose another instance family, or an"
                + " unencrypted disk.");
    }

    private static InstanceType instanceType(String id) {
        String typeId = ApiException.required("InstanceType", id);
        return Catalog.findInstanceType(typeId).orElseThrow(() -> new ApiException(
                "InvalidInstanceType.ValueNotSupported", 400, "The instance type \"" + typeId + "\" is not supported."
                        + " Call DescribeInstanceTypes for the available ones."));
    }

    private static String password(String password) {
        if (password == null || password.isEmpty()) {
            return null;
        }
        int classes = (password.matches(".*[a-z].*") ? 1 : 0) + (password.matches(".*[A-Z].*") ? 1 : 0)
                + (password.matches(".*[0-9].*") ? 1 : 0) + (password.matches(".*[^A-Za-z0-9].*") ? 1 : 0);
        if (!PASSWORD_CHARS.matcher(password).matches() || classes < 3) {
            throw new ApiException("InvalidPassword.Malformed", 400, "A password has 8 to 30 characters with at least"
                    + " three of: lower-case letters, upper-case letters, digits, special characters.");
        }
        return password;
    }

    private String privateIp() {
        return "172.16." + random.nextInt(256) + "." + (2 + random.nextInt(250));
    }

    // ----------------------------------------------------------------- listing

    @Override
    public Page<Instance> describeInstances(CallContext ctx, List<String> instanceIds, String status,
            Integer pageNumber, Integer pageSize) {
        int[] paging = Page.validate(pageNumber, pageSize, 10, 100);
        List<Instance> all = store.query("select " + COLUMNS + " from ecs_instances where account_id = ?"
                + " and region_id = ? order by creation_ms desc, instance_id", this::instance, ctx.accountId(),
                ctx.regionId());
        return Page.of(all.stream()
                .filter(i -> instanceIds == null || instanceIds.isEmpty() || instanceIds.contains(i.instanceId()))
                .filter(i -> status == null || status.equals(i.status().name())).toList(), paging[0], paging[1]);
    }

    @Override
    public Instance describeInstance(CallContext ctx, String instanceId) {
        String id = ApiException.required("InstanceId", instanceId);
        return store.queryOne("select " + COLUMNS + " from ecs_instances where instance_id = ? and account_id = ?"
                + " and region_id = ?", this::instance, id, ctx.accountId(), ctx.regionId())
                .orElseThrow(() -> new ApiException("InvalidInstanceId.NotFound", 404,
                        "The specified instance \"" + id + "\" does not exist in this region."));
    }

    private Instance instance(ResultSet rs) throws SQLException {
        InstanceType type = Catalog.findInstanceType(rs.getString("instance_type")).orElseThrow();
        OsImage image = image(rs.getString("image_id"));
        return new Instance(rs.getString("instance_id"), rs.getString("instance_name"), rs.getString("host_name"),
                rs.getString("region_id"), rs.getString("zone_id"), type.instanceTypeId(), type.cpuCores(),
                type.memoryGiB(), image.imageId(), image.osName(), osTypeName(image),
                InstanceStatus.valueOf(rs.getString("status")), rs.getString("private_ip"),
                Instant.ofEpochMilli(rs.getLong("creation_ms")), rs.getString("boot_failure_code") == null ? null
                        : new BootFailure(rs.getString("boot_failure_code"), rs.getString("boot_failure_message"),
                                Instant.ofEpochMilli(rs.getLong("boot_failure_ms"))));
    }

    // --------------------------------------------------------------- life cycle

    @Override
    public synchronized void startInstance(CallContext ctx, String instanceId) {
        Instance i = describeInstance(ctx, instanceId);
        requireStatus(i, InstanceStatus.Stopped);
        transition(i.instanceId(), InstanceStatus.Starting, InstanceStatus.Running, STARTING);
    }

    @Override
    public synchronized void stopInstance(CallContext ctx, String instanceId, Boolean forceStop) {
        Instance i = describeInstance(ctx, instanceId);
        requireStatus(i, InstanceStatus.Running);
        transition(i.instanceId(), InstanceStatus.Stopping, InstanceStatus.Stopped, STOPPING);
    }

    @Override
    public synchronized void rebootInstance(CallContext ctx, String instanceId, Boolean forceStop) {
        Instance i = describeInstance(ctx, instanceId);
        requireStatus(i, InstanceStatus.Running);
        transition(i.instanceId(), InstanceStatus.Stopping, InstanceStatus.Running, STOPPING);
    }

    @Override
    public synchronized void deleteInstance(CallContext ctx, String instanceId, Boolean force) {
        Instance i = describeInstance(ctx, instanceId);
        if (i.status() != InstanceStatus.Stopped && !Boolean.TRUE.equals(force)) {
            throw new ApiException("IncorrectInstanceStatus", 403, "Instance " + i.instanceId() + " is " + i.status()
                    + ". Stop it before releasing it, or release it with Force.");
        }
        if (i.status() == InstanceStatus.Pending || i.status() == InstanceStatus.Starting) {
            throw new ApiException("IncorrectInstanceStatus", 403, "Instance " + i.instanceId() + " is "
                    + i.status() + "; wait until it is running or stopped.");
        }
        shutDownGuest(i.instanceId());
        for (Disk disk : disksOf(ctx, i.instanceId())) {
            if (disk.deleteWithInstance()) {
                ecs.forgetDisk(disk.diskId());
            } else {
                ecs.setAttachment(disk.diskId(), null, DiskStatus.Available);
            }
        }
        store.txRun(c -> Store.update(c, "delete from ecs_instances where instance_id = ?", i.instanceId()));
        consoles.remove(i.instanceId());
    }

    @Override
    public synchronized void attachDisk(CallContext ctx, String instanceId, String diskId, Boolean deleteWithInstance) {
        Instance i = describeInstance(ctx, instanceId);
        Disk disk = ecs.describeDisk(ctx, ApiException.required("DiskId", diskId));
        if (disk.status() != DiskStatus.Available) {
            throw new ApiException("IncorrectDiskStatus", 403, "Disk " + disk.diskId() + " is " + disk.status()
                    + "; only an Available disk can be attached.");
        }
        if (!disk.zoneId().equals(i.zoneId())) {
            throw new ApiException("InvalidDiskId.ZoneMismatch", 403, "Disk " + disk.diskId() + " is in zone "
                    + disk.zoneId() + " and instance " + i.instanceId() + " in " + i.zoneId() + ".");
        }
        if (i.status() != InstanceStatus.Running && i.status() != InstanceStatus.Stopped) {
            throw new ApiException("IncorrectInstanceStatus", 403, "Instance " + i.instanceId() + " is " + i.status()
                    + "; disks attach to running or stopped instances.");
        }
        InstanceType type = Catalog.findInstanceType(i.instanceType()).orElseThrow();
        if (disk.encrypted() && disk.sourceSnapshotId() != null && type.encryptedDisksLimited()) {
            throw limitedFamily(type, "an encrypted data disk created from a snapshot");
        }
        if (disksOf(ctx, i.instanceId()).size() > MAX_DATA_DISKS) {
            throw new ApiException("InstanceDiskLimitExceeded", 403, "Instance " + i.instanceId()
                    + " already has " + MAX_DATA_DISKS + " data disks.");
        }
        ecs.setAttachment(disk.diskId(), i.instanceId(), DiskStatus.In_use);
        if (deleteWithInstance != null) {
            ecs.modifyDiskAttribute(ctx, disk.diskId(), null, null, deleteWithInstance);
        }
        RunningGuest guest = running.get(i.instanceId());
        if (guest != null) {
            // Hot-plug, as on the real service: the key is decrypted now and the guest sees a new device.
            guest.hotPlug(ctx, disk.diskId());
        }
    }

    @Override
    public synchronized void detachDisk(CallContext ctx, String instanceId, String diskId) {
        Instance i = describeInstance(ctx, instanceId);
        Disk disk = ecs.describeDisk(ctx, ApiException.required("DiskId", diskId));
        if (!i.instanceId().equals(disk.instanceId())) {
            throw new ApiException("IncorrectDiskStatus", 403, "Disk " + disk.diskId() + " is not attached to "
                    + i.instanceId() + ".");
        }
        if (disk.type().equals("system")) {
            throw new ApiException("OperationDenied", 403, "A system disk cannot be detached; replace it instead.");
        }
        RunningGuest guest = running.get(i.instanceId());
        if (guest != null) {
            guest.unplug(disk.diskId());
        }
        ecs.setAttachment(disk.diskId(), null, DiskStatus.Available);
    }

    private List<Disk> disksOf(CallContext ctx, String instanceId) {
        return ecs.describeDisks(ctx, new DescribeDisksRequest(null, null, instanceId, null, null, null, null, null,
                1, 100)).items().stream()
                .sorted((a, b) -> a.type().equals(b.type()) ? a.creationTime().compareTo(b.creationTime())
                        : a.type().equals("system") ? -1 : 1)
                .toList();
    }

    private void transition(String instanceId, InstanceStatus now, InstanceStatus target, Duration after) {
        transition(instanceId, now, target, clock.millis(), after);
    }

    /** The next step is due {@code after} the moment this one happened, so a fast-forward runs every step it spans. */
    private void transition(String instanceId, InstanceStatus now, InstanceStatus target, long from, Duration after) {
        store.txRun(c -> Store.update(c, "update ecs_instances set status = ?, target_status = ?, due_ms = ?"
                + " where instance_id = ?", now.name(), target.name(), from + after.toMillis(), instanceId));
        bump(instanceId);
    }

    private static void requireStatus(Instance i, InstanceStatus expected) {
        if (i.status() != expected) {
            throw new ApiException("IncorrectInstanceStatus", 403, "Instance " + i.instanceId() + " is "
                    + i.status() + "; this operation needs it " + expected + ".");
        }
    }

    @Override
    public synchronized void processDueEvents() {
        long now = clock.millis();
        // Steps chain (Pending → Starting → Running): repeat until nothing is due, each step timed from the last.
        for (List<String[]> due = dueSteps(now); !due.isEmpty(); due = dueSteps(now)) {
            for (String[] row : due) {
                step(row[0], InstanceStatus.valueOf(row[1]), InstanceStatus.valueOf(row[2]), Long.parseLong(row[5]),
                        new CallContext(row[3], CallContext.ROOT, row[4], CallContext.newRequestId(),
                                CallContext.Source.SIMULATOR));
            }
        }
        // Instances that were running when the simulator last stopped boot again, like after a host restart.
        for (String[] row : store.query("select instance_id, account_id, region_id from ecs_instances where status = ?",
                rs -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)}, InstanceStatus.Running.name())) {
            if (!running.containsKey(row[0]) && !failedGuests.contains(row[0])) {
                startGuest(new CallContext(row[1], CallContext.ROOT, row[2], CallContext.newRequestId(),
                        CallContext.Source.SIMULATOR), row[0]);
            }
        }
    }

    private List<String[]> dueSteps(long now) {
        return store.query("select instance_id, status, target_status, account_id, region_id, due_ms from"
                + " ecs_instances where due_ms is not null and due_ms <= ? order by due_ms", rs -> new String[] {
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        Long.toString(rs.getLong(6))}, now);
    }

    private void step(String id, InstanceStatus status, InstanceStatus target, long dueAt, CallContext owner) {
        switch (status) {
            case Pending -> transition(id, InstanceStatus.Starting, target, dueAt, STARTING);
            case Starting -> {
                setStatus(id, InstanceStatus.Running);
                startGuest(owner, id);
            }
            case Stopping -> {
                shutDownGuest(id);
                if (target == InstanceStatus.Running) {
                    transition(id, InstanceStatus.Starting, InstanceStatus.Running, dueAt, STARTING);
                } else {
                    setStatus(id, InstanceStatus.Stopped);
                }
            }
            default -> setStatus(id, status);
        }
    }

    private void setStatus(String instanceId, InstanceStatus status) {
        store.txRun(c -> Store.update(c, "update ecs_instances set status = ?, target_status = null, due_ms = null"
                + " where instance_id = ?", status.name(), instanceId));
        bump(instanceId);
    }

    /**
     * Starts the guest: every disk's volume is opened now, which makes KMS decrypt each encrypted disk's data key.
     * A disk whose key cannot be decrypted (or whose volume cannot be read) is handed to the guest as unreadable,
     * and the guest finds out by itself; the reason is recorded on the instance ({@link Instance#bootFailure()})
     * and logged once, on one line.
     */
    private void startGuest(CallContext owner, String instanceId) {
        Instance i = describeInstance(owner, instanceId);
        OsImage image = image(i.imageId());
        List<Disk> disks = disksOf(owner, instanceId);
        RunningGuest guest = new RunningGuest(instanceId, i.hostName(), image, owner);
        List<BootFailure> failures = new ArrayList<>();
        try {
            for (int n = 0; n < disks.size(); n++) {
                guest.devices.add(open(owner, instanceId, disks.get(n), n, failures));
            }
            guest.boot();
        } catch (RuntimeException e) {
            // The guest could not even be started: no retry on every tick, the reason on the instance instead.
            guest.devices.forEach(guest::close);
            failedGuests.add(instanceId);
            BootFailure failure = new BootFailure(BootFailure.DISK_UNAVAILABLE, "The guest of " + instanceId
                    + " could not be started" + (e instanceof ApiException api ? ": " + api.getMessage()
                            : " (the simulator's log has the details)."), clock.instant());
            LOG.warn("Instance {} did not start", instanceId, e);
            recordBootFailure(instanceId, failure);
            bump(instanceId);
            return;
        }
        running.put(instanceId, guest);
        failedGuests.remove(instanceId);
        recordBootFailure(instanceId, failures.isEmpty() ? null : failures.get(0));
        bump(instanceId);
    }

    private void recordBootFailure(String instanceId, BootFailure failure) {
        store.txRun(c -> Store.update(c, "update ecs_instances set boot_failure_code = ?, boot_failure_message = ?,"
                + " boot_failure_ms = ? where instance_id = ?", failure == null ? null : failure.code(),
                failure == null ? null : truncate(failure.message(), 1024),
                failure == null ? null : failure.time().toEpochMilli(), instanceId));
    }

    /** Opens a disk for the guest; a disk that cannot be opened is attached unreadable and its reason added. */
    private AttachedDevice open(CallContext owner, String instanceId, Disk disk, int index,
            List<BootFailure> failures) {
        String deviceName = "/dev/vd" + (char) ('a' + index);
        boolean system = disk.type().equals("system");
        try {
            return new AttachedDevice(deviceName, disk.diskId(),
                    ecs.volumes().openDisk(LocalEcsService.asEcs(owner, instanceId), disk.diskId()), null, system);
        } catch (IOException | RuntimeException e) {
            String code = e instanceof ApiException api ? api.code()
                    : e instanceof WrongVolumeKeyException ? BootFailure.KEY_MISMATCH
                    : e instanceof VolumeFormatException || e instanceof java.nio.file.NoSuchFileException
                            ? BootFailure.VOLUME_DAMAGED : BootFailure.DISK_UNAVAILABLE;
            String why = e instanceof ApiException || e instanceof IOException ? e.getMessage() : null;
            if (why == null || why.isBlank()) {
                why = "its volume could not be opened (the simulator's log has the details)";
            }
            String message = (system ? "The system disk " : "The data disk ") + disk.diskId() + " (" + deviceName
                    + ") could not be read" + (e instanceof ApiException ? ": KMS did not decrypt its data key: "
                            : ": ") + why;
            LOG.warn("Instance {} starts without disk {}: {}: {}", disk.instanceId(), disk.diskId(), code, why);
            if (failures != null) {
                failures.add(new BootFailure(code, message, clock.instant()));
            }
            return new AttachedDevice(deviceName, disk.diskId(), null, code + ": " + why, system);
        }
    }

    private void shutDownGuest(String instanceId) {
        failedGuests.remove(instanceId);
        RunningGuest guest = running.remove(instanceId);
        if (guest != null) {
            guest.shutDown();
        }
        bump(instanceId);
    }

    // ---------------------------------------------------------------- console

    @Override
    public byte[] getInstanceScreenshot(CallContext ctx, String instanceId) {
        Instance i = describeInstance(ctx, instanceId);
        RunningGuest guest = running.get(i.instanceId());
        if (i.status() != InstanceStatus.Running || guest == null) {
            throw new ApiException("IncorrectInstanceStatus", 403, "Instance " + i.instanceId() + " is "
                    + i.status() + "; a screenshot needs a running instance.");
        }
        return guest.machine.framebuffer().toPng();
    }

    @Override
    public String getInstanceConsoleOutput(CallContext ctx, String instanceId) {
        Instance i = describeInstance(ctx, instanceId);
        RunningGuest guest = running.get(i.instanceId());
        return guest == null ? "" : guest.machine.consoleOutput();
    }

    @Override
    public Instant consoleOutputUpdated(CallContext ctx, String instanceId) {
        Instance i = describeInstance(ctx, instanceId);
        RunningGuest guest = running.get(i.instanceId());
        return guest == null ? null : guest.machine.consoleOutputUpdated();
    }

    @Override
    public InstanceConsole connect(CallContext ctx, String instanceId) {
        Instance i = describeInstance(ctx, instanceId);
        return consoles.computeIfAbsent(i.instanceId(), id -> new SharedConsole(id, ctx));
    }

    private void bump(String instanceId) {
        SharedConsole console = consoles.get(instanceId);
        if (console != null) {
            console.generation++;
        }
    }

    /** The console follows whatever guest currently runs the instance. */
    private final class SharedConsole implements InstanceConsole {
        private static final int WIDTH = 800;
        private static final int HEIGHT = 600;
        private final String instanceId;
        private final CallContext owner;
        volatile long generation;

        SharedConsole(String instanceId, CallContext owner) {
            this.instanceId = instanceId;
            this.owner = owner;
        }

        private Optional<GuestMachine> machine() {
            return Optional.ofNullable(running.get(instanceId)).map(g -> g.machine);
        }

        @Override
        public int width() {
            return machine().map(m -> m.framebuffer().width()).orElse(WIDTH);
        }

        @Override
        public int height() {
            return machine().map(m -> m.framebuffer().height()).orElse(HEIGHT);
        }

        @Override
        public int[] pixels() {
            return machine().map(m -> m.framebuffer().pixelsCopy()).orElseGet(() -> {
                int[] black = new int[WIDTH * HEIGHT];
                Arrays.fill(black, 0xFF000000);
                return black;
            });
        }

        @Override
        public long version() {
            return generation * 1_000_000_000L + machine().map(m -> m.framebuffer().version()).orElse(0L);
        }

        @Override
        public String status() {
            String status = describeInstance(owner, instanceId).status().name();
            return machine().map(m -> status + " · " + m.state()).orElse(status);
        }

        @Override
        public void type(String text) {
            machine().ifPresent(m -> m.type(text));
        }

        @Override
        public void pressEnter() {
            machine().ifPresent(GuestMachine::pressEnter);
        }

        @Override
        public void pressBackspace() {
            machine().ifPresent(GuestMachine::pressBackspace);
        }

        @Override
        public void pressUp() {
            machine().ifPresent(GuestMachine::pressUp);
        }

        @Override
        public void pressDown() {
            machine().ifPresent(GuestMachine::pressDown);
        }

        @Override
        public void ctrlAltDel() {
            machine().ifPresent(GuestMachine::ctrlAltDel);
        }
    }

    // ---------------------------------------------------------- Cloud Assistant

    @Override
    public String runCommand(CallContext ctx, List<String> instanceIds, String commandContent, String name) {
        String script = ApiException.required("CommandContent", commandContent);
        if (instanceIds == null || instanceIds.isEmpty()) {
            throw ApiException.missing("InstanceId.1");
        }
        if (script.length() > 16384) {
            throw ApiException.invalid("CommandContent", "a script has at most 16 KB.");
        }
        List<Instance> targets = instanceIds.stream().map(id -> describeInstance(ctx, id)).toList();
        String invokeId = "t-" + Ids.ecs("x").substring(2);
        String commandId = "c-" + Ids.ecs("x").substring(2);
        for (Instance i : targets) {
            long started = clock.millis();
            RunningGuest guest = running.get(i.instanceId());
            String status;
            Integer exit = null;
            String output = "";
            String error = null;
            String bootFailure = i.bootFailure() == null ? "" : " The last start of the instance could not read a"
                    + " disk: " + i.bootFailure().code() + ": " + i.bootFailure().message();
            if (i.status() != InstanceStatus.Running) {
                status = "Failed";
                error = "InstanceNotRunning: the instance is " + i.status() + ".";
            } else if (guest == null) {
                status = "Failed";
                error = "ClientNotResponse: the Cloud Assistant client did not answer: the instance is Running but"
                        + " its operating system did not start." + bootFailure;
            } else if (!guest.machine.booted()) {
                status = "Failed";
                error = "ClientNotResponse: the Cloud Assistant client did not answer: the operating system is not"
                        + " running (" + guest.machine.state() + ")." + bootFailure;
            } else {
                ShellResult result = guest.machine.runShellScript(script);
                exit = result.exitCode();
                output = result.output();
                status = result.exitCode() == 0 ? "Success" : "Failed";
            }
            String finalStatus = status;
            Integer finalExit = exit;
            String finalOutput = output;
            String finalError = error;
            store.txRun(c -> Store.update(c, "insert into ecs_invocations (invoke_id, instance_id, account_id,"
                    + " region_id, command_id, command_content, status, exit_code, output, error_info, creation_ms,"
                    + " finished_ms) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", invokeId, i.instanceId(),
                    ctx.accountId(), ctx.regionId(), commandId, script, finalStatus, finalExit,
                    truncate(finalOutput, 65536), finalError, started, clock.millis()));
        }
        return invokeId;
    }

    @Override
    public List<Invocation> describeInvocationResults(CallContext ctx, String invokeId) {
        String id = ApiException.required("InvokeId", invokeId);
        List<Invocation> out = store.query("select invoke_id, command_id, instance_id, command_content, status,"
                + " exit_code, output, error_info, creation_ms, finished_ms from ecs_invocations where invoke_id = ?"
                + " and account_id = ? and region_id = ? order by instance_id", rs -> new Invocation(rs.getString(1),
                        rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        (Integer) rs.getObject(6), rs.getString(7), rs.getString(8),
                        Instant.ofEpochMilli(rs.getLong(9)), rs.getObject(10) == null ? null
                                : Instant.ofEpochMilli(rs.getLong(10))), id, ctx.accountId(), ctx.regionId());
        if (out.isEmpty()) {
            throw new ApiException("InvalidInvokeId.NotFound", 404, "The invocation \"" + id + "\" does not exist.");
        }
        return out;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }

    // ---------------------------------------------------------------- helpers

    /** Instances whose disks a key protects: they will not boot again if it is disabled. */
    private List<ProtectedResource> instancesUsing(String accountId, String regionId, String keyId) {
        return store.query("select distinct i.instance_id, i.instance_name from ecs_instances i join ecs_disks d"
                + " on d.instance_id = i.instance_id where i.account_id = ? and i.region_id = ? and d.kms_key_id = ?",
                rs -> new ProtectedResource("Instance", rs.getString(1), rs.getString(2), regionId), accountId,
                regionId, keyId);
    }


    /** Closes every running guest's devices (the simulator is closing). */
    public synchronized void shutDownAll() {
        for (String id : List.copyOf(running.keySet())) {
            RunningGuest guest = running.remove(id);
            guest.shutDown();
        }
    }

    /** A booted guest and the block devices (with their decrypted keys) it runs on. */
    private final class RunningGuest implements GuestHost {
        final String instanceId;
        final String hostName;
        final OsImage image;
        final CallContext owner;
        final List<AttachedDevice> devices = new ArrayList<>();
        GuestMachine machine;

        RunningGuest(String instanceId, String hostName, OsImage image, CallContext owner) {
            this.instanceId = instanceId;
            this.hostName = hostName;
            this.image = image;
            this.owner = owner;
        }

        void boot() {
            machine = new GuestMachine(instanceId, hostName, image, List.copyOf(devices), this, clock);
            machine.boot();
        }

        void hotPlug(CallContext ctx, String diskId) {
            Disk disk = ecs.describeDisk(ctx, diskId);
            int index = 0;
            while (deviceNamed("/dev/vd" + (char) ('a' + index))) {
                index++; // the first free name, as the kernel hands them out
            }
            AttachedDevice device = open(ctx, instanceId, disk, index, null);
            devices.add(device);
            machine.attach(device);
        }

        private boolean deviceNamed(String name) {
            return devices.stream().anyMatch(d -> d.deviceName().equals(name));
        }

        void unplug(String diskId) {
            devices.stream().filter(d -> d.diskId().equals(diskId)).findFirst().ifPresent(d -> {
                machine.detach(d.deviceName());
                devices.remove(d);
                close(d);
            });
        }

        void shutDown() {
            try {
                machine.stop();
            } finally {
                devices.forEach(this::close);
                devices.clear();
            }
        }

        void close(AttachedDevice d) {
            if (d.device() != null) {
                try {
                    d.device().close(); // the data key leaves memory with the device
                } catch (IOException e) {
                    LOG.warn("Closing {} failed", d.diskId(), e);
                }
            }
        }

        @Override
        public void requestReboot() {
            synchronized (LocalInstanceService.this) {
                transition(instanceId, InstanceStatus.Stopping, InstanceStatus.Running, STOPPING);
            }
        }

        @Override
        public void requestPowerOff() {
            synchronized (LocalInstanceService.this) {
                transition(instanceId, InstanceStatus.Stopping, InstanceStatus.Stopped, STOPPING);
            }
        }
    }
}
