package dev.ecskms.api;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.DescribeSnapshotsRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.DiskStatus;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.PriceQuote;
import dev.ecskms.sim.ecs.PriceRequest;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.sim.ecs.Zone;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * ECS 2014-05-26 on the wire — block storage and its encryption: parameter names and response shapes of the real
 * service (checked against the unmarshallers of aliyun-java-sdk-ecs 5.11.7), each action a call to
 * {@link EcsService}. The validation and error codes of disks, snapshots and keys are the service's; this class
 * only binds parameters and renders.
 */
public final class EcsActions {
    public static final ActionRegistry.Product PRODUCT = new ActionRegistry.Product("Ecs", "2014-05-26", true,
            java.util.Set.of("DescribeRegions", "ResizeDisk", "DeleteDisk", "CreateSnapshot", "DeleteSnapshot",
                    "ModifySnapshotSharePermission", "DescribeSnapshotSharePermission", "DescribeInstanceTypes",
                    "StartInstance", "StopInstance", "RebootInstance", "DeleteInstance", "AttachDisk",
                    "DetachDisk", "ReplaceSystemDisk"));

    /** DiskIds and SnapshotIds name at most 100 ids in the real API. */
    static final int MAX_IDS = 100;
    /** AddAccount.N / RemoveAccount.N: N up to 10, as for ModifyImageSharePermission. */
    static final int MAX_SHARE_ACCOUNTS = 10;

    /**
     * (simulator's choice) The real DescribeSnapshots has no parameter for snapshots other accounts share with the
     * caller. The simulator takes {@code SnapshotOwnerAlias}, modelled on DescribeImages' {@code ImageOwnerAlias}:
     * {@code self} (the default: the caller's own snapshots) or {@code others} (snapshots shared with the caller).
     * Change it here if the real name turns up.
     */
    static final String SNAPSHOT_OWNER_PARAMETER = "SnapshotOwnerAlias";
    private static final Map<String, Boolean> SNAPSHOT_OWNERS = Map.of("self", false, "others", true);
    private static final Set<String> DISK_TYPES = Set.of("all", "system", "data");
    private static final Set<String> SNAPSHOT_STATUSES = Set.of("progressing", "accomplished", "failed", "all");
    private static final Set<String> RESIZE_TYPES = Set.of("online", "offline");

    private final EcsService ecs;

    private EcsActions(EcsService ecs) {
        this.ecs = ecs;
    }

    public static void registerInto(ActionRegistry registry, EcsService ecs) {
        EcsActions a = new EcsActions(ecs);
        String v = PRODUCT.version();
        registry.product(PRODUCT)
                .action(v, "DescribeRegions", a::describeRegions)
                .action(v, "DescribeZones", a::describeZones)
                .action(v, "CreateDisk", a::createDisk)
                .action(v, "DescribeDisks", a::describeDisks)
                .action(v, "ModifyDiskAttribute", (ctx, p) -> Responses.done(() -> ecs.modifyDiskAttribute(ctx,
                        p.required("DiskId"), p.optional("DiskName"), p.optional("Description"),
                        p.optionalBoolean("DeleteWithInstance"))))
                .action(v, "ResizeDisk", a::resizeDisk)
                .action(v, "DeleteDisk", (ctx, p) -> Responses.done(() -> ecs.deleteDisk(ctx, p.required("DiskId"))))
                .action(v, "CreateSnapshot", (ctx, p) -> JsonObject.of().put("SnapshotId", ecs.createSnapshot(ctx,
                        p.required("DiskId"), p.optional("SnapshotName"), p.optional("Description"))))
                .action(v, "DescribeSnapshots", a::describeSnapshots)
                .action(v, "DeleteSnapshot", (ctx, p) -> Responses.done(() -> ecs.deleteSnapshot(ctx,
                        p.required("SnapshotId"))))
                .action(v, "ModifySnapshotSharePermission", a::modifySnapshotSharePermission)
                .action(v, "DescribeSnapshotSharePermission", a::describeSnapshotSharePermission)
                .action(v, "EnableDiskEncryptionByDefault", regionOnly(ecs::enableDiskEncryptionByDefault))
                .action(v, "DisableDiskEncryptionByDefault", regionOnly(ecs::disableDiskEncryptionByDefault))
                .action(v, "DescribeDiskEncryptionByDefaultStatus", (ctx, p) -> JsonObject.of()
                        .put("Encrypted", ecs.describeDiskEncryptionByDefaultStatus(ctx).enabled()))
                .action(v, "ModifyDiskDefaultKMSKeyId", (ctx, p) -> Responses.done(() ->
                        ecs.modifyDiskDefaultKmsKeyId(ctx, p.required("KMSKeyId"))))
                .action(v, "DescribeDiskDefaultKMSKeyId", (ctx, p) -> JsonObject.of()
                        .put("KMSKeyId", ecs.describeDiskDefaultKmsKeyId(ctx)))
                .action(v, "ResetDiskDefaultKMSKeyId", regionOnly(ecs::resetDiskDefaultKmsKeyId))
                .action(v, "DescribePrice", a::describePrice);
    }

    // ---- prices ----

    /** DataDisk.N of DescribePrice: the parameter names allow more, the service prices up to four (its own error). */
    private static final int PRICE_DATA_DISK_GROUPS = 16;

    /**
     * DescribePrice: the parameters of both SDK generations (SystemDisk.*, DataDisk.N.*, PriceUnit, Period, Amount,
     * InstanceNetworkType, InternetChargeType, InternetMaxBandwidthOut, ZoneId). The real API has no parameter that
     * says a disk is encrypted: encryption is free, so the price cannot depend on it. ImageId, IoOptimized, Platform,
     * SpotStrategy and the rest of the real parameters are accepted and change nothing here.
     */
    private JsonObject describePrice(CallContext ctx, RpcParams p) {
        PriceRequest.DiskSpec system = null;
        if (p.mentions("SystemDisk.Category") || p.mentions("SystemDisk.Size")
                || p.mentions("SystemDisk.PerformanceLevel")) {
            system = new PriceRequest.DiskSpec(p.optionalNonBlank("SystemDisk.Category"),
                    p.optionalInt("SystemDisk.Size"), p.optionalNonBlank("SystemDisk.PerformanceLevel"));
        }
        List<PriceRequest.DiskSpec> data = new ArrayList<>();
        for (int n : p.repeatedGroups("DataDisk", PRICE_DATA_DISK_GROUPS)) {
            while (data.size() < n - 1) {
                data.add(null); // DataDisk.N given without DataDisk.1 … N-1: the service names the missing one
            }
            String d = "DataDisk." + n + ".";
            data.add(new PriceRequest.DiskSpec(p.optionalNonBlank(d + "Category"), p.optionalInt(d + "Size"),
                    p.optionalNonBlank(d + "PerformanceLevel")));
        }
        PriceQuote q = ecs.describePrice(ctx, new PriceRequest(p.optionalNonBlank("ResourceType"),
                p.optionalNonBlank("InstanceType"), system, data, p.optionalNonBlank("PriceUnit"),
                p.optionalInt("Period"), p.optionalInt("Amount"), p.optionalNonBlank("ZoneId"),
                p.optionalNonBlank("InstanceNetworkType"), p.optionalNonBlank("InternetChargeType"),
                p.optionalInt("InternetMaxBandwidthOut")));
        List<JsonObject> details = q.details().stream().map(d -> JsonObject.of()
                .put("Resource", d.resource())
                .put("OriginalPrice", money(d.originalPrice()))
                .put("DiscountPrice", money(d.discountPrice()))
                .put("TradePrice", money(d.tradePrice()))
                .putList("SubRules", "Rule", List.of())).toList();
        List<JsonObject> rules = q.rules().stream().map(r -> JsonObject.of()
                .put("RuleId", r.ruleId())
                .put("Description", r.description())).toList();
        JsonObject price = JsonObject.of()
                .put("OriginalPrice", money(q.originalPrice()))
                .put("DiscountPrice", money(q.discountPrice()))
                .put("TradePrice", money(q.tradePrice()))
                .put("Currency", q.currency())
                .putList("DetailInfos", "DetailInfo", details);
        return JsonObject.of().put("PriceInfo", JsonObject.of()
                .put("Price", price)
                .putList("Rules", "Rule", rules));
    }

    /** Prices on the wire: four decimals, as the real service writes hourly prices. */
    static BigDecimal money(double amount) {
        return BigDecimal.valueOf(amount).setScale(4, RoundingMode.HALF_UP);
    }

    // ---- catalog ----

    private JsonObject describeRegions(CallContext ctx, RpcParams p) {
        List<JsonObject> regions = ecs.describeRegions(ctx).stream().map(EcsActions::region).toList();
        return JsonObject.of().putList("Regions", "Region", regions);
    }

    private static JsonObject region(Region r) {
        return JsonObject.of()
                .put("RegionId", r.regionId())
                .put("LocalName", r.localName())
                .put("RegionEndpoint", "ecs." + r.regionId() + ".aliyuncs.com")
                .put("Status", "available");
    }

    private JsonObject describeZones(CallContext ctx, RpcParams p) {
        List<JsonObject> zones = ecs.describeZones(ctx).stream().map(EcsActions::zone).toList();
        return JsonObject.of().putList("Zones", "Zone", zones);
    }

    private static JsonObject zone(Zone z) {
        return JsonObject.of()
                .put("ZoneId", z.zoneId())
                .put("LocalName", z.localName())
                .putList("AvailableDiskCategories", "DiskCategories", z.diskCategories());
    }

    // ---- disks ----

    private JsonObject createDisk(CallContext ctx, RpcParams p) {
        String instanceId = p.optional("InstanceId");
        if (instanceId != null && !instanceId.isBlank()) {
            // Subscription disks created on an instance are not simulated; never pretend to have attached one.
            throw ApiException.invalid("InstanceId", "creating a disk on an instance is not simulated. Create the"
                    + " disk in a zone (ZoneId) and attach it with AttachDisk.");
        }
        CreateDiskRequest request = new CreateDiskRequest(p.optional("ZoneId"), p.optional("DiskCategory"),
                p.optionalInt("Size"), p.optional("SnapshotId"), p.optional("PerformanceLevel"),
                p.optionalBoolean("Encrypted"), p.optional("KMSKeyId"), p.optional("EncryptAlgorithm"),
                p.optional("DiskName"), p.optional("Description"), p.optional("ClientToken", 64));
        return JsonObject.of().put("DiskId", ecs.createDisk(ctx, request));
    }

    private JsonObject describeDisks(CallContext ctx, RpcParams p) {
        String diskType = p.lowerCaseChoice("DiskType", DISK_TYPES);
        DescribeDisksRequest request = new DescribeDisksRequest(p.optionalStringList("DiskIds", MAX_IDS),
                p.optionalNonBlank("ZoneId"), p.optionalNonBlank("InstanceId"), diskType,
                p.optionalNonBlank("Category"), diskStatus(p), p.optionalBoolean("Encrypted"),
                p.optionalNonBlank("KMSKeyId"), p.optionalInt("PageNumber"), p.optionalInt("PageSize"));
        return Responses.paged(ecs.describeDisks(ctx, request), "Disks", "Disk", EcsActions::disk);
    }

    /** A DiskStatus as the API spells it (In_use …) or All; matched case-insensitively. */
    private static String diskStatus(RpcParams p) {
        String value = p.optionalNonBlank("Status");
        if (value == null) {
            return null;
        }
        if (value.strip().equalsIgnoreCase("All")) {
            return "All";
        }
        for (DiskStatus status : DiskStatus.values()) {
            if (status.name().equalsIgnoreCase(value.strip())) {
                return status.name();
            }
        }
        throw ApiException.invalid("Status", "it must be one of In_use, Available, Attaching, Detaching, Creating,"
                + " ReIniting or All.");
    }

    static JsonObject disk(Disk d) {
        return JsonObject.of()
                .put("DiskId", d.diskId())
                .put("DiskName", d.diskName())
                .put("Description", d.description())
                .put("RegionId", d.regionId())
                .put("ZoneId", d.zoneId())
                .put("Category", d.category())
                .put("PerformanceLevel", d.performanceLevel())
                .put("Size", d.size())
                .put("Type", d.type())
                .put("Status", d.status().name())
                .put("Encrypted", d.encrypted())
                .put("KMSKeyId", d.kmsKeyId() == null ? "" : d.kmsKeyId())
                .put("SourceSnapshotId", d.sourceSnapshotId() == null ? "" : d.sourceSnapshotId())
                .put("InstanceId", d.instanceId() == null ? "" : d.instanceId())
                .put("DeleteWithInstance", d.deleteWithInstance())
                .put("Portable", d.type().equals("data"))
                .put("DiskChargeType", "PostPaid")
                .put("CreationTime", WireFormats.date(d.creationTime()));
    }

    private JsonObject resizeDisk(CallContext ctx, RpcParams p) {
        p.lowerCaseChoice("Type", RESIZE_TYPES); // both kinds grow the volume the same way here
        String diskId = p.required("DiskId");
        Integer newSize = p.optionalInt("NewSize");
        if (newSize == null) {
            throw ApiException.missing("NewSize");
        }
        ecs.resizeDisk(ctx, diskId, newSize);
        return JsonObject.of();
    }

    // ---- snapshots ----

    private JsonObject describeSnapshots(CallContext ctx, RpcParams p) {
        String status = p.lowerCaseChoice("Status", SNAPSHOT_STATUSES);
        DescribeSnapshotsRequest request = new DescribeSnapshotsRequest(p.optionalStringList("SnapshotIds", MAX_IDS),
                p.optionalNonBlank("DiskId"), p.optionalBoolean("Encrypted"), p.optionalNonBlank("KMSKeyId"),
                status, sharedWithCaller(p), p.optionalInt("PageNumber"), p.optionalInt("PageSize"));
        return Responses.paged(ecs.describeSnapshots(ctx, request), "Snapshots", "Snapshot", EcsActions::snapshot);
    }

    private static Boolean sharedWithCaller(RpcParams p) {
        String owner = p.lowerCaseChoice(SNAPSHOT_OWNER_PARAMETER, SNAPSHOT_OWNERS.keySet());
        return owner == null ? Boolean.FALSE : SNAPSHOT_OWNERS.get(owner);
    }

    static JsonObject snapshot(Snapshot s) {
        String diskType = s.sourceDiskType() == null || s.sourceDiskType().isEmpty() ? s.sourceDiskType()
                : s.sourceDiskType().substring(0, 1).toUpperCase(Locale.ROOT) + s.sourceDiskType().substring(1);
        return JsonObject.of()
                .put("SnapshotId", s.snapshotId())
                .put("SnapshotName", s.snapshotName())
                .put("Description", s.description())
                .put("RegionId", s.regionId())
                .put("SourceDiskId", s.sourceDiskId())
                // The real service writes the size as a string ("40"); the SDK reads it as one.
                .put("SourceDiskSize", Integer.toString(s.sourceDiskSize()))
                .put("SourceDiskType", diskType)
                .put("SourceStorageType", "disk")
                .put("Status", s.status())
                .put("Progress", s.progress())
                .put("Available", s.isAccomplished())
                .put("Encrypted", s.encrypted())
                .put("KMSKeyId", s.kmsKeyId() == null ? "" : s.kmsKeyId())
                .put("SnapshotType", "user")
                .put("Category", "standard")
                .put("CreationTime", WireFormats.date(s.creationTime()));
    }

    /** (unconfirmed action name) {@code SnapshotId, AddAccount.N, RemoveAccount.N}, like ModifyImageSharePermission. */
    private JsonObject modifySnapshotSharePermission(CallContext ctx, RpcParams p) {
        String snapshotId = p.required("SnapshotId");
        List<String> add = p.repeated("AddAccount", MAX_SHARE_ACCOUNTS);
        List<String> remove = p.repeated("RemoveAccount", MAX_SHARE_ACCOUNTS);
        ecs.modifySnapshotSharePermission(ctx, snapshotId, add, remove);
        return JsonObject.of();
    }

    /** (unconfirmed action name) Like DescribeImageSharePermission: {@code {SnapshotId, Accounts: {Account: [{AliyunId}]}}}. */
    private JsonObject describeSnapshotSharePermission(CallContext ctx, RpcParams p) {
        String snapshotId = p.required("SnapshotId");
        List<JsonObject> accounts = ecs.snapshotSharedWith(ctx, snapshotId).stream()
                .map(id -> JsonObject.of().put("AliyunId", id)).toList();
        return JsonObject.of().put("SnapshotId", snapshotId).putList("Accounts", "Account", accounts);
    }

    // ---- helpers ----

    private static ActionHandler regionOnly(Consumer<CallContext> operation) {
        return (ctx, p) -> Responses.done(() -> operation.accept(ctx));
    }


}
