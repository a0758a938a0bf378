package dev.ecskms.sim.labs;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.DescribeSnapshotsRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.ram.User;
import dev.ecskms.sim.ram.policy.AccessRequest;
import dev.ecskms.sim.ram.policy.PolicyDocument;
import dev.ecskms.sim.store.Store;
import dev.ecskms.sim.trail.TrailEvent;
import dev.ecskms.sim.trail.TrailFilter;
import dev.ecskms.sim.trail.TrailPage;
import dev.ecskms.sim.trail.TrailService;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * The labs on a running simulator. A lab's start is stored in the store's settings (per account and lab), so a
 * restart keeps it. An evaluation reads the trail's writes since the start and the current resources once, through
 * reads that the trail does not record — ECS reads, trail lookups, RAM reads and the region's service key — so that
 * a page re-evaluating on the trail's changes does not make new ones.
 */
public final class LocalLabService implements LabService {
    /** At most this many trail events (the newest writes since the start) are looked at; a lab is hours at most. */
    static final int MAX_EVENTS = 20_000;
    private static final String SETTING = "lab.start.";

    private final Store store;
    private final Clock clock;
    private final LabCatalog catalog;
    private final EcsService ecs;
    private final InstanceService instances;
    private final KmsService kms;
    private final RamService ram;
    private final TrailService trail;
    private final GuestFiles.Reader guestFiles;
    private final DiskBytes diskBytes;

    public LocalLabService(Store store, Clock clock, LabCatalog catalog, EcsService ecs, InstanceService instances,
            KmsService kms, RamService ram, TrailService trail, GuestFiles.Reader guestFiles,
            DiskBytes diskBytes) {
        this.store = store;
        this.clock = clock;
        this.catalog = catalog;
        this.ecs = ecs;
        this.instances = instances;
        this.kms = kms;
        this.ram = ram;
        this.trail = trail;
        this.guestFiles = guestFiles == null ? (ctx, id, path) -> Optional.empty() : guestFiles;
        this.diskBytes = diskBytes == null ? DiskBytes.NONE : diskBytes;
    }

    @Override
    public List<LabEntry> labs() {
        return catalog.load();
    }

    private Lab lab(String labId) {
        LabEntry entry = labs().stream().filter(e -> e.id().equals(labId)).findFirst()
                .orElseThrow(() -> new ApiException("Lab.NotFound", 404, "There is no lab " + labId + "."));
        if (!entry.ok()) {
            throw new ApiException("Lab.Malformed", 400, entry.error().getMessage());
        }
        return entry.lab();
    }

    @Override
    public Instant start(CallContext ctx, String labId) {
        lab(labId);
        Instant now = clock.instant();
        store.putSetting(key(ctx, labId), Long.toString(now.toEpochMilli()));
        return now;
    }

    @Override
    public Optional<Instant> started(CallContext ctx, String labId) {
        return store.setting(key(ctx, labId)).map(ms -> Instant.ofEpochMilli(Long.parseLong(ms)));
    }

    private static String key(CallContext ctx, String labId) {
        return SETTING + ctx.accountId() + "." + labId;
    }

    @Override
    public LabProgress evaluate(CallContext ctx, String labId) {
        Lab lab = lab(labId);
        Optional<Instant> start = started(ctx, labId);
        if (start.isEmpty()) {
            return new LabProgress(labId, null, lab.steps().stream()
                    .map(s -> new LabProgress.StepState(s.number(), false, null, List.of())).toList());
        }
        return LabEvaluator.evaluate(lab, world(ctx, start.get()));
    }

    /** Everything the checks look at, read once. */
    LabWorld world(CallContext ctx, Instant start) {
        Instant now = clock.instant();
        return new LabWorld(ctx.accountId(), ctx.regionId(), start, now, events(ctx, start, now),
                LabWorld.byId(allInstances(ctx)), allDisks(ctx), allSnapshots(ctx),
                serviceKeyId(ctx), (id, path) -> guestFiles.read(ctx, id, path), ramView(ctx),
                (diskId, text) -> diskBytes.holds(ctx, diskId, text));
    }

    /** The region's ECS service key, to tell customer keys from it; null where the region has none to give. */
    private String serviceKeyId(CallContext ctx) {
        try {
            return kms.serviceKey(ctx, "ecs").keyId();
        } catch (RuntimeException noServiceKeyHere) {
            return null;
        }
    }

    private List<TrailEvent> events(CallContext ctx, Instant start, Instant now) {
        List<TrailEvent> events = new ArrayList<>();
        TrailFilter filter = TrailFilter.all().between(start, now.plusSeconds(1)).readOnly(false);
        String token = null;
        do {
            TrailPage page = trail.lookupEvents(ctx, filter.page(TrailFilter.MAX_RESULTS, token));
            events.addAll(page.events());
            token = page.nextToken();
        } while (token != null && events.size() < MAX_EVENTS);
        Collections.reverse(events); // oldest first
        return events;
    }

    private List<Instance> allInstances(CallContext ctx) {
        List<Instance> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<Instance> p = instances.describeInstances(ctx, null, null, page, 100);
            all.addAll(p.items());
            if (p.items().isEmpty() || all.size() >= p.totalCount()) {
                return all;
            }
        }
    }

    private List<Disk> allDisks(CallContext ctx) {
        List<Disk> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<Disk> p = ecs.describeDisks(ctx, new DescribeDisksRequest(null, null, null, null, null, null, null,
                    null, page, 100));
            all.addAll(p.items());
            if (p.items().isEmpty() || all.size() >= p.totalCount()) {
                return all;
            }
        }
    }

    private List<Snapshot> allSnapshots(CallContext ctx) {
        List<Snapshot> all = new ArrayList<>();
        for (int page = 1; ; page++) {
            Page<Snapshot> p = ecs.describeSnapshots(ctx, new DescribeSnapshotsRequest(null, null, null, null, null,
                    false, page, 100));
            all.addAll(p.items());
            if (p.items().isEmpty() || all.size() >= p.totalCount()) {
                return all;
            }
        }
    }

    /** RAM's users and policies; a RAM without users yet (its implementation still coming) shows none. */
    private LabWorld.RamView ramView(CallContext ctx) {
        return new LabWorld.RamView() {
            @Override
            public List<User> users() {
                try {
                    return ram.listUsers(ctx);
                } catch (UnsupportedOperationException e) {
                    return List.of();
                }
            }

            @Override
            public List<AttachedPolicy> policiesOf(String userName) {
                try {
                    return ram.listPoliciesForUser(ctx, userName);
                } catch (UnsupportedOperationException e) {
                    return List.of();
                }
            }

            @Override
            public boolean allowed(String userName, AccessRequest request) {
                try {
                    return PolicyDocument.evaluate(ram.policiesInForce(ctx.accountId(), userName), request)
                            .allowed();
                } catch (UnsupportedOperationException e) {
                    return false;
                }
            }
        };
    }
}
