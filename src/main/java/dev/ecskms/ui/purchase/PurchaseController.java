package dev.ecskms.ui.purchase;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.DefaultEncryption;
import dev.ecskms.sim.ecs.DescribeSnapshotsRequest;
import dev.ecskms.sim.ecs.EncryptionChoice;
import dev.ecskms.sim.ecs.ImageInfo;
import dev.ecskms.sim.ecs.InstanceType;
import dev.ecskms.sim.ecs.PriceQuote;
import dev.ecskms.sim.ecs.PriceRequest;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ecs.RunInstancesRequest;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.NewestAnswer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The purchase page's calls: what it offers (instance types, public images, keys, snapshots, the account's default
 * encryption), the system disk's encryption preview, and RunInstances itself. All run off the FX thread.
 */
final class PurchaseController {
    private final ConsoleSession session;
    private final PurchaseModel model;
    private final NewestAnswer previews;
    private final NewestAnswer prices;
    /** One guard per data-disk row: each row's preview is newest-wins on its own. */
    private final Map<Integer, NewestAnswer> dataDiskPreviews = new HashMap<>();

    PurchaseController(ConsoleSession session, PurchaseModel model) {
        this.session = session;
        this.model = model;
        this.previews = new NewestAnswer(session.tasks());
        this.prices = new NewestAnswer(session.tasks());
    }

    /** What the page's lists offer in this region. */
    record Options(List<InstanceType> types, List<ImageInfo> images, List<KeyOption> keys,
            List<Snapshot> snapshots, DefaultEncryption defaultEncryption,
            java.util.Map<String, dev.ecskms.sim.ecs.Image> customImages, Map<String, Double> typePrices) {
    }

    /**
     * The order's pay-as-you-go price per hour as DescribePrice gives it: per instance its type (null when none is
     * chosen), its system disk (null when not priced) and its data disks; the total for all instances.
     */
    record OrderPrice(Double typeHourly, Double systemHourly, double dataHourly, double totalHourly) {
    }

    /** DescribePrice of each instance type alone (no disks): the type table's price column, in this region. */
    private static Map<String, Double> typePrices(dev.ecskms.sim.ecs.EcsService ecs, CallContext ctx,
            List<InstanceType> types) {
        Map<String, Double> out = new HashMap<>();
        for (InstanceType t : types) {
            out.put(t.instanceTypeId(), ecs.describePrice(ctx, PriceRequest.instance(t.instanceTypeId(), null,
                    List.of(), 1)).tradePriceOf("instanceType"));
        }
        return out;
    }

    /**
     * Prices the order with DescribePrice: the type with the system disk in one quote (as the real console asks),
     * each data disk in its own (DescribePrice takes four data disks, an order up to sixteen). Encryption is no
     * part of any of them: it is free. Only the newest answer is delivered.
     */
    void quote(String instanceType, PriceRequest.DiskSpec systemDisk, List<PriceRequest.DiskSpec> dataDisks,
            int amount, Consumer<OrderPrice> onPrice, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        prices.run(() -> {
            var ecs = session.services().ecs();
            Double type = null;
            Double system = null;
            if (instanceType != null) {
                PriceQuote q = ecs.describePrice(ctx, PriceRequest.instance(instanceType, systemDisk, List.of(), 1));
                type = q.tradePriceOf("instanceType");
                system = systemDisk == null ? null : q.tradePriceOf("systemDisk");
            } else if (systemDisk != null) {
                system = ecs.describePrice(ctx, PriceRequest.disk(systemDisk.category(), systemDisk.size(),
                        systemDisk.performanceLevel())).tradePrice();
            }
            double data = 0;
            for (PriceRequest.DiskSpec d : dataDisks) {
                data += ecs.describePrice(ctx, PriceRequest.disk(d.category(), d.size(), d.performanceLevel()))
                        .tradePrice();
            }
            double one = (type == null ? 0 : type) + (system == null ? 0 : system) + data;
            return new OrderPrice(type, system, data, one * amount);
        }, onPrice, onError);
    }

    /** The Available custom images of the caller and those shared with it, by id: their encryption and owner. */
    private static java.util.Map<String, dev.ecskms.sim.ecs.Image> customImages(
            dev.ecskms.sim.ecs.EcsService ecs, CallContext ctx) {
        java.util.Map<String, dev.ecskms.sim.ecs.Image> out = new java.util.LinkedHashMap<>();
        for (String alias : List.of("self", "others")) {
            ecs.describeImages(ctx, new dev.ecskms.sim.ecs.DescribeImagesRequest(alias, null, null, null, 1, 100))
                    .items().forEach(i -> out.put(i.imageId(), i));
        }
        return out;
    }

    void loadOptions(Region region, Consumer<Options> onLoaded) {
        CallContext ctx = session.context();
        session.tasks().run(() -> {
            var instances = session.services().instances();
            var ecs = session.services().ecs();
            // Public images first (the first is the default choice), then the custom and shared ones.
            var custom = customImages(ecs, ctx);
            List<ImageInfo> images = new java.util.ArrayList<>(instances.describeImages(ctx, "system", null));
            custom.values().forEach(i -> images.add(i.info()));
            List<InstanceType> types = instances.describeInstanceTypes(ctx);
            return new Options(types, images,
                    KeyOption.load(session.services().kms(), ctx, region),
                    ecs.describeSnapshots(ctx, new DescribeSnapshotsRequest(null, null, null, null, "accomplished",
                            false, 1, 100)).items(),
                    ecs.describeDiskEncryptionByDefaultStatus(ctx), custom, typePrices(ecs, ctx, types));
        }, options -> {
            model.setLoaded(true);
            onLoaded.accept(options);
        }, failure -> model.setFailure("The purchase page could not read its options", failure));
    }

    /** What RunInstances would decide about the system disk's encryption; only the newest answer is delivered. */
    void preview(RunInstancesRequest request, Consumer<EncryptionChoice> onChoice, Consumer<Throwable> onRefused) {
        CallContext ctx = session.context();
        previews.run(() -> session.services().instances().previewSystemDiskEncryption(ctx, request), onChoice,
                onRefused);
    }

    /**
     * What RunInstances would decide about one data disk's encryption (planned as the order plans it, in the
     * instance's zone); only the newest answer for each row is delivered.
     */
    void previewDataDisk(int row, String zoneId, RunInstancesRequest.DataDisk disk, Consumer<EncryptionChoice> onChoice,
            Consumer<Throwable> onRefused) {
        CallContext ctx = session.context();
        dataDiskPreviews.computeIfAbsent(row, r -> new NewestAnswer(session.tasks())).run(
                () -> session.services().ecs().previewEncryption(ctx, disk.asCreateDiskRequest(zoneId)),
                onChoice, onRefused);
    }

    void createOrder(RunInstancesRequest request, Consumer<List<String>> onCreated) {
        model.setSubmitting(true);
        model.setFailure(null, null);
        CallContext ctx = session.context();
        session.tasks().run(() -> session.services().instances().runInstances(ctx, request), ids -> {
            model.setSubmitting(false);
            onCreated.accept(ids);
        }, failure -> {
            model.setSubmitting(false);
            model.setFailure("The order was not placed", failure);
        });
    }
}
