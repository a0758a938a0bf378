package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Ids;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.ecs.Disks.DiskPlan;
import dev.ecskms.sim.ecs.Disks.PreparedDisk;
import dev.ecskms.sim.guest.GuestImages;
import dev.ecskms.sim.guest.OsImage;
import dev.ecskms.sim.guest.OsType;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.kms.ProtectedResource;
import dev.ecskms.sim.storage.BlockDevice;
import dev.ecskms.sim.store.Store;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life cycle of instances: RunInstances (every disk of an order planned first, all of it committed at once),
 * listing, start, stop, reboot, release, attaching and detaching disks, and the steps of each transition over
 * simulated time. The guests themselves run in {@link GuestHosting}.
 */
final class InstanceLifecycle implements GuestHosting.Power {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceLifecycle.class);
    static final Duration PENDING = Duration.ofSeconds(2);
    static final Duration STARTING = Duration.ofSeconds(3);
    static final Duration STOPPING = Duration.ofSeconds(2);
    private static final int MAX_DATA_DISKS = 16;
    /** The suffix RunInstances appends to each name when it creates more than one instance (Amount ≤ 100). */
    private static final int NAME_SUFFIX_DIGITS = 3;
    private static final String COLUMNS = "instance_id, instance_name, host_name, region_id, zone_id, instance_type,"
            + " image_id, status, private_ip, creation_ms, account_id, boot_failure_code, boot_failure_message,"
            + " boot_failure_ms, os_image_id";

    private final Store store;
    private final LocalEcsService ecs;
    private final Disks disks;
    private final Images images;
    private final Clock clock;
    private final GuestHosting guests;
    private final SecureRandom random = new SecureRandom();

    InstanceLifecycle(Store store, KmsService kms, LocalEcsService ecs, Clock clock) {
        this.store = store;
        this.ecs = ecs;
        this.disks = ecs.disks();
        this.images = ecs.images();
        this.clock = clock;
        this.guests = new GuestHosting(store, ecs, clock, this);
        kms.addProtectedResourceProvider(this::instancesUsing);
    }

    GuestHosting guests() {
        return guests;
    }

    // ----------------------------------------------------------- RunInstances

    EncryptionChoice previewSystemDiskEncryption(CallContext ctx, RunInstancesRequest r) {
        Images.Usable image = images.usableImage(ctx, r.imageId());
        return disks.previewEncryption(ctx, systemDiskRequest(ctx, r, image), image.data());
    }

    List<String> runInstances(CallContext ctx, RunInstancesRequest r) {
        Catalog.requireRegion(ctx.regionId());
        InstanceType type = instanceType(r.instanceType());
        Images.Usable image = images.usableImage(ctx, r.imageId());
        int amount = InstanceAmountRule.check(r.amount());
        String password = InstancePasswordRule.check(r.password());
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
        DiskPlan systemPlan = systemDiskPlan(ctx, systemRequest, image, type);
        List<RunInstancesRequest.DataDisk> dataDisks = r.dataDisks() == null ? List.of() : r.dataDisks();
        if (dataDisks.size() > MAX_DATA_DISKS) {
            throw ApiException.invalid("DataDisk", "an instance takes at most " + MAX_DATA_DISKS + " data disks.");
        }
        List<DiskPlan> dataPlans = new ArrayList<>();
        for (RunInstancesRequest.DataDisk d : dataDisks) {
            DiskPlan plan = disks.plan(ctx, d.asCreateDiskRequest(systemPlan.zone().zoneId()));
            if (plan.encryption().encrypted() && plan.snapshot() != null && type.encryptedDisksLimited()) {
                throw limitedFamily(type, "an encrypted data disk created from a snapshot");
            }
            dataPlans.add(plan);
        }

        String token = r.clientToken() == null || r.clientToken().isBlank() ? null
                : Disks.clientToken(r.clientToken());
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
        List<DiskPlanned> order = new ArrayList<>();
        List<Object[]> rows = new ArrayList<>();
        try {
            for (int n = 0; n < amount; n++) {
                rows.add(prepareInstance(ctx, type, image, systemPlan, dataPlans, dataDisks, password,
                        amount == 1 ? name : name + String.format("%0" + NAME_SUFFIX_DIGITS + "d", n + 1), hostName,
                        token, order));
            }
            long now = clock.millis();
            store.txRun(c -> {
                for (DiskPlanned d : order) {
                    Disks.insertDisk(c, d.disk(), now);
                }
                for (Object[] row : rows) {
                    row[9] = now + PENDING.toMillis();
                    row[11] = now;
                    Store.update(c, "insert into ecs_instances (instance_id, account_id, region_id, zone_id,"
                            + " instance_name, host_name, instance_type, image_id, status, due_ms, target_status,"
                            + " creation_ms, private_ip, client_token, os_image_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                            + " ?, ?, ?, ?, ?)",
                            row);
                }
            });
        } catch (IOException | RuntimeException e) {
            for (DiskPlanned d : order) {
                disks.discard(d.disk());
            }
            if (e instanceof ApiException api) {
                throw api;
            }
            LOG.error("RunInstances failed; nothing of the order was kept", e);
            throw new ApiException("InternalError", 500, "The instances could not be created: "
                    + (e instanceof IOException ? "the host could not write their disks" : "an internal error")
                    + ". Nothing of the order was kept; try again.");
        }
        for (DiskPlanned d : order) {
            try {
                disks.keyUsed(ctx, d.disk());
            } catch (RuntimeException e) {
                LOG.warn("Cannot tag the key of disk {} as used by ECS: {}", d.disk().diskId(), e.getMessage());
            }
        }
        return rows.stream().map(row -> (String) row[0]).toList();
    }

    /** A disk of the order, written but not committed. */
    private record DiskPlanned(PreparedDisk disk) {
    }

    /**
     * Writes the volumes of one instance (system disk with its image installed, data disks) into {@code disks} and
     * returns the instance's row (due and creation times filled in at the commit).
     */
    private Object[] prepareInstance(CallContext ctx, InstanceType type, Images.Usable image, DiskPlan systemPlan,
            List<DiskPlan> dataPlans, List<RunInstancesRequest.DataDisk> dataDisks, String password, String name,
            String hostName, String clientToken, List<DiskPlanned> order) throws IOException {
        String instanceId = Ids.ecs("i");
        String host = hostName != null ? hostName : "iZ" + instanceId.substring(2) + "Z";
        PreparedDisk system = prepareSystemDisk(ctx, systemPlan, image, instanceId, true, host, password,
                false, null);
        order.add(new DiskPlanned(system));
        for (int i = 0; i < dataPlans.size(); i++) {
            Boolean deleteWith = dataDisks.get(i).deleteWithInstance();
            PreparedDisk data = disks.prepareDisk(ctx, dataPlans.get(i), "data", instanceId,
                    deleteWith == null || deleteWith, DiskStatus.In_use, null, null);
            order.add(new DiskPlanned(data));
            if (image.os().osType() == OsType.WINDOWS && dataPlans.get(i).snapshot() == null) {
                // Data disks bought with a Windows instance come online and formatted (the seed's rule).
                try (BlockDevice device = ecs.volumes().openDisk(LocalEcsService.asEcs(ctx, instanceId),
                        data.diskId())) {
                    GuestImages.formatWindowsDataDisk(device, "Data" + (i + 1));
                    device.flush();
                }
            }
        }
        return new Object[] {instanceId, ctx.accountId(), ctx.regionId(), systemPlan.zone().zoneId(), name, host,
                type.instanceTypeId(), image.image().imageId(), InstanceStatus.Pending.name(), null,
                InstanceStatus.Running.name(), null, privateIp(), clientToken, image.os().imageId()};
    }

    /**
     * The system disk's plan after every check: at least the image's size, from the image's data (a custom image's
     * snapshot, whose key rules apply: an encrypted image gives an encrypted disk), and allowed on the instance type.
     */
    private DiskPlan systemDiskPlan(CallContext ctx, CreateDiskRequest request, Images.Usable image,
            InstanceType type) {
        // The system disk's own range first (an unknown category is left to plan, which names it).
        if (request.size() != null) {
            Catalog.findDiskCategory(request.diskCategory()).ifPresent(c -> DiskSizeRule.checkSystem(c,
                    request.performanceLevel(), request.size(), image.image().imageId(), image.image().size()));
        }
        DiskPlan plan = disks.plan(ctx, request, image.data());
        if (plan.encryption().encrypted() && type.encryptedDisksLimited()) {
            throw limitedFamily(type, "an encrypted system disk");
        }
        return plan;
    }

    /**
     * Writes a system disk's volume: a system image is installed onto it; a custom image's data is copied (and
     * re-encrypted where the key differs) and then made the instance's own — its host name and password, never the
     * image's.
     */
    private PreparedDisk prepareSystemDisk(CallContext ctx, DiskPlan plan, Images.Usable image, String instanceId,
            boolean deleteWithInstance, String host, String password, boolean inheritPassword, String clientToken)
            throws IOException {
        PreparedDisk system = disks.prepareDisk(ctx, plan, "system", instanceId, deleteWithInstance,
                DiskStatus.In_use, clientToken, image.os().imageId());
        try (BlockDevice device = ecs.volumes().openDisk(LocalEcsService.asEcs(ctx, instanceId), system.diskId())) {
            if (image.data() == null) {
                GuestImages.install(device, image.os(), host, password);
            } else {
                GuestImages.personalize(device, image.os(), host, password, inheritPassword);
            }
            device.flush();
        } catch (IOException | RuntimeException e) {
            disks.discard(system);
            throw e;
        }
        return system;
    }

    private static CreateDiskRequest systemDiskRequest(CallContext ctx, RunInstancesRequest r, Images.Usable image) {
        RunInstancesRequest.SystemDisk s = r.systemDisk() != null ? r.systemDisk()
                : new RunInstancesRequest.SystemDisk(null, null, null, null, null);
        String zone = r.zoneId() != null && !r.zoneId().isBlank() ? r.zoneId()
                : Catalog.zones(ctx.regionId()).stream().findFirst().map(Zone::zoneId).orElse(null);
        int size = s.size() != null ? s.size() : image.image().size();
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

    private String privateIp() {
        return "172.16." + random.nextInt(256) + "." + (2 + random.nextInt(250));
    }

    // ----------------------------------------------------------------- listing

    Page<Instance> describeInstances(CallContext ctx, List<String> instanceIds, String status,
            Integer pageNumber, Integer pageSize) {
        int[] paging = Page.validate(pageNumber, pageSize, 10, 100);
        List<Instance> all = store.query("select " + COLUMNS + " from ecs_instances where account_id = ?"
                + " and region_id = ? order by creation_ms desc, instance_id", this::instance, ctx.accountId(),
                ctx.regionId());
        return Page.of(all.stream()
                .filter(i -> instanceIds == null || instanceIds.isEmpty() || instanceIds.contains(i.instanceId()))
                .filter(i -> status == null || status.equals(i.status().name())).toList(), paging[0], paging[1]);
    }

    Instance describeInstance(CallContext ctx, String instanceId) {
        String id = ApiException.required("InstanceId", instanceId);
        return store.queryOne("select " + COLUMNS + " from ecs_instances where instance_id = ? and account_id = ?"
                + " and region_id = ?", this::instance, id, ctx.accountId(), ctx.regionId())
                .orElseThrow(() -> instanceNotFound(id));
    }

    static ApiException instanceNotFound(String instanceId) {
        return new ApiException("InvalidInstanceId.NotFound", 404,
                "The specified instance \"" + instanceId + "\" does not exist in this region.");
    }

    private Instance instance(ResultSet rs) throws SQLException {
        InstanceType type = Catalog.findInstanceType(rs.getString("instance_type")).orElseThrow();
        OsImage os = OsImage.byId(rs.getString("os_image_id")).orElseThrow();
        return new Instance(rs.getString("instance_id"), rs.getString("instance_name"), rs.getString("host_name"),
                rs.getString("region_id"), rs.getString("zone_id"), type.instanceTypeId(), type.cpuCores(),
                type.memoryGiB(), rs.getString("image_id"), os.osName(), Images.osTypeName(os),
                InstanceStatus.valueOf(rs.getString("status")), rs.getString("private_ip"),
                Instant.ofEpochMilli(rs.getLong("creation_ms")), rs.getString("boot_failure_code") == null ? null
                        : new BootFailure(rs.getString("boot_failure_code"), rs.getString("boot_failure_message"),
                                Instant.ofEpochMilli(rs.getLong("boot_failure_ms"))));
    }

    // --------------------------------------------------------------- life cycle

    synchronized void startInstance(CallContext ctx, String instanceId) {
        Instance i = describeInstance(ctx, instanceId);
        requireStatus(i, InstanceStatus.Stopped);
        transition(i.instanceId(), InstanceStatus.Starting, InstanceStatus.Running, STARTING);
    }

    synchronized void stopInstance(CallContext ctx, String instanceId, Boolean forceStop) {
        Instance i = describeInstance(ctx, instanceId);
        requireStatus(i, InstanceStatus.Running);
        transition(i.instanceId(), InstanceStatus.Stopping, InstanceStatus.Stopped, STOPPING);
    }

    synchronized void rebootInstance(CallContext ctx, String instanceId, Boolean forceStop) {
        Instance i = describeInstance(ctx, instanceId);
        requireStatus(i, InstanceStatus.Running);
        transition(i.instanceId(), InstanceStatus.Stopping, InstanceStatus.Running, STOPPING);
    }

    synchronized void deleteInstance(CallContext ctx, String instanceId, Boolean force) {
        Instance i = describeInstance(ctx, instanceId);
        if (i.status() != InstanceStatus.Stopped && !Boolean.TRUE.equals(force)) {
            throw new ApiException("IncorrectInstanceStatus", 403, "Instance " + i.instanceId() + " is " + i.status()
                    + ". Stop it before releasing it, or release it with Force.");
        }
        if (i.status() == InstanceStatus.Pending || i.status() == InstanceStatus.Starting) {
            throw new ApiException("IncorrectInstanceStatus", 403, "Instance " + i.instanceId() + " is "
                    + i.status() + "; wait until it is running or stopped.");
        }
        guests.shutDownGuest(i.instanceId());
        for (Disk disk : disksOf(ctx, i.instanceId())) {
            if (disk.deleteWithInstance()) {
                disks.forgetDisk(disk.diskId());
            } else {
                disks.setAttachment(disk.diskId(), null, DiskStatus.Available);
            }
        }
        long released = clock.millis();
        store.txRun(c -> {
            Store.update(c, "delete from ecs_instances where instance_id = ?", i.instanceId());
            BillingLedger.released(c, i.instanceId(), released);
        });
        guests.forget(i.instanceId());
    }

    synchronized void attachDisk(CallContext ctx, String instanceId, String diskId, Boolean deleteWithInstance) {
        Instance i = describeInstance(ctx, instanceId);
        Disk disk = disks.describeDisk(ctx, ApiException.required("DiskId", diskId));
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
        disks.setAttachment(disk.diskId(), i.instanceId(), DiskStatus.In_use);
        if (deleteWithInstance != null) {
            disks.modifyDiskAttribute(ctx, disk.diskId(), null, null, deleteWithInstance);
        }
        guests.hotPlug(ctx, i.instanceId(), disks.describeDisk(ctx, disk.diskId()));
    }

    synchronized void detachDisk(CallContext ctx, String instanceId, String diskId) {
        Instance i = describeInstance(ctx, instanceId);
        Disk disk = disks.describeDisk(ctx, ApiException.required("DiskId", diskId));
        if (!i.instanceId().equals(disk.instanceId())) {
            throw new ApiException("IncorrectDiskStatus", 403, "Disk " + disk.diskId() + " is not attached to "
                    + i.instanceId() + ".");
        }
        if (disk.type().equals("system")) {
            throw new ApiException("OperationDenied", 403, "A system disk cannot be detached; replace it instead.");
        }
        guests.unplug(i.instanceId(), disk.diskId());
        disks.setAttachment(disk.diskId(), null, DiskStatus.Available);
    }

    /**
     * A new system disk from the image for a Stopped instance; the old one is released. The new disk, the old one's
     * release and the instance's new image commit in one transaction: a failure before leaves the instance as it was.
     */
    synchronized String replaceSystemDisk(CallContext ctx, ReplaceSystemDiskRequest r) {
        Instance i = describeInstance(ctx, r.instanceId());
        requireStatus(i, InstanceStatus.Stopped);
        Images.Usable image = images.usableImage(ctx, r.imageId());
        if (r.keyPairName() != null && !r.keyPairName().isBlank()) {
            throw new ApiException("InvalidKeyPairName.NotFound", 404, "The key pair \"" + r.keyPairName() + "\" does"
                    + " not exist: the simulator has no key pairs. Set a Password instead.");
        }
        boolean inherit = Boolean.TRUE.equals(r.passwordInherit());
        if (inherit && r.password() != null && !r.password().isEmpty()) {
            throw ApiException.invalid("PasswordInherit", "a new Password and keeping the image's password"
                    + " (PasswordInherit=true) exclude each other. Give only one of them.");
        }
        String password = InstancePasswordRule.check(r.password());
        String token = Disks.blankToNull(Disks.clientToken(r.clientToken()));
        if (token != null) {
            // The same request again (a retry) answers with the disk the first one made.
            Optional<String[]> first = store.queryOne("select disk_id, coalesce(instance_id, '') from ecs_disks"
                    + " where account_id = ? and client_token = ?", rs -> new String[] {rs.getString(1),
                            rs.getString(2)}, ctx.accountId(), token);
            if (first.isPresent()) {
                if (!first.get()[1].equals(i.instanceId())) {
                    throw new ApiException("IdempotentParameterMismatch", 400, "The ClientToken \"" + token
                            + "\" was used for disk " + first.get()[0] + " with other parameters. Use a new ClientToken.");
                }
                return first.get()[0];
            }
        }
        Disk old = disksOf(ctx, i.instanceId()).stream().filter(d -> d.type().equals("system")).findFirst()
                .orElseThrow(() -> new ApiException("InvalidInstanceId.NotFound", 404, "Instance " + i.instanceId()
                        + " has no system disk to replace."));
        if (r.systemDiskSize() != null && r.systemDiskSize() < old.size()) {
            throw ApiException.invalid("SystemDisk.Size", "the new system disk must be at least as large as the"
                    + " old one (" + old.size() + " GiB).");
        }
        int size = r.systemDiskSize() != null ? r.systemDiskSize() : Math.max(old.size(), image.image().size());
        InstanceType type = Catalog.findInstanceType(i.instanceType()).orElseThrow();
        // The category, performance level and zone stay the old disk's, as on the real service.
        DiskPlan plan = systemDiskPlan(ctx, new CreateDiskRequest(old.zoneId(), old.category(), size, null,
                old.performanceLevel(), r.encrypted(), r.kmsKeyId(), r.encryptAlgorithm(), null, null, null), image,
                type);
        PreparedDisk fresh;
        try {
            fresh = prepareSystemDisk(ctx, plan, image, i.instanceId(), old.deleteWithInstance(), i.hostName(),
                    password, inherit, token);
        } catch (IOException e) {
            throw HostStorage.failure("write the new system disk of " + i.instanceId(), e);
        }
        long now = clock.millis();
        try {
            store.txRun(c -> {
                Disks.insertDisk(c, fresh, now);
                Disks.forget(c, old.diskId(), now);
                Store.update(c, "update ecs_instances set image_id = ?, os_image_id = ? where instance_id = ?",
                        image.image().imageId(), image.os().imageId(), i.instanceId());
            });
        } catch (RuntimeException e) {
            disks.discard(fresh);
            throw e;
        }
        disks.finishForgetting(old.diskId());
        disks.keyUsed(ctx, fresh);
        guests.bump(i.instanceId());
        return fresh.diskId();
    }

    private List<Disk> disksOf(CallContext ctx, String instanceId) {
        return disks.disksOf(ctx, instanceId);
    }

    private void transition(String instanceId, InstanceStatus now, InstanceStatus target, Duration after) {
        transition(instanceId, now, target, clock.millis(), after);
    }

    /** The next step is due {@code after} the moment this one happened, so a fast-forward runs every step it spans. */
    private void transition(String instanceId, InstanceStatus now, InstanceStatus target, long from, Duration after) {
        store.txRun(c -> Store.update(c, "update ecs_instances set status = ?, target_status = ?, due_ms = ?"
                + " where instance_id = ?", now.name(), target.name(), from + after.toMillis(), instanceId));
        guests.bump(instanceId);
    }

    private static void requireStatus(Instance i, InstanceStatus expected) {
        if (i.status() != expected) {
            throw new ApiException("IncorrectInstanceStatus", 403, "Instance " + i.instanceId() + " is "
                    + i.status() + "; this operation needs it " + expected + ".");
        }
    }

    synchronized void processDueEvents() {
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
            if (!guests.isHosted(row[0])) {
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
                setStatus(id, InstanceStatus.Running, dueAt);
                startGuest(owner, id);
            }
            case Stopping -> {
                guests.shutDownGuest(id);
                if (target == InstanceStatus.Running) {
                    transition(id, InstanceStatus.Starting, InstanceStatus.Running, dueAt, STARTING);
                } else {
                    setStatus(id, InstanceStatus.Stopped, dueAt);
                }
            }
            default -> setStatus(id, status, dueAt);
        }
    }

    /** Sets a status reached at {@code at} (simulated ms); the billing ledger's span opens or closes with it. */
    private void setStatus(String instanceId, InstanceStatus status, long at) {
        store.txRun(c -> {
            Store.update(c, "update ecs_instances set status = ?, target_status = null, due_ms = null"
                    + " where instance_id = ?", status.name(), instanceId);
            if (status == InstanceStatus.Running) {
                BillingLedger.instanceRunning(c, instanceId, at);
            } else if (status == InstanceStatus.Stopped) {
                BillingLedger.instanceStopped(c, instanceId, at);
            }
        });
        guests.bump(instanceId);
    }

    // --------------------------------------------------------------- guests

    @Override
    public synchronized void requestReboot(String instanceId) {
        transition(instanceId, InstanceStatus.Stopping, InstanceStatus.Running, STOPPING);
    }

    @Override
    public synchronized void requestPowerOff(String instanceId) {
        transition(instanceId, InstanceStatus.Stopping, InstanceStatus.Stopped, STOPPING);
    }

    @Override
    public InstanceStatus status(CallContext owner, String instanceId) {
        return describeInstance(owner, instanceId).status();
    }

    private void startGuest(CallContext owner, String instanceId) {
        Instance i = describeInstance(owner, instanceId);
        OsImage os = store.queryOne("select os_image_id from ecs_instances where instance_id = ?",
                rs -> OsImage.byId(rs.getString(1)).orElseThrow(), instanceId).orElseThrow();
        guests.startGuest(owner, i, os, disksOf(owner, instanceId));
    }

    /** Instances whose disks a key protects: they will not boot again if it is disabled. */
    private List<ProtectedResource> instancesUsing(String accountId, String regionId, String keyId) {
        return store.query("select distinct i.instance_id, i.instance_name from ecs_instances i join ecs_disks d"
                + " on d.instance_id = i.instance_id where i.account_id = ? and i.region_id = ? and d.kms_key_id = ?",
                rs -> new ProtectedResource("Instance", rs.getString(1), rs.getString(2), regionId), accountId,
                regionId, keyId);
    }
}
