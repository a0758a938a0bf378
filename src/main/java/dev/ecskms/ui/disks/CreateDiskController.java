package dev.ecskms.ui.disks;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.CreateDiskRequest;
import dev.ecskms.sim.ecs.DefaultEncryption;
import dev.ecskms.sim.ecs.DescribeSnapshotsRequest;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.EncryptionChoice;
import dev.ecskms.sim.ecs.PriceQuote;
import dev.ecskms.sim.ecs.PriceRequest;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.NewestAnswer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The Create Disk wizard's calls: what it offers (snapshots, keys, the account's default encryption), the
 * encryption preview that explains the default key, and CreateDisk itself. All run off the FX thread.
 */
final class CreateDiskController {
    private final ConsoleSession session;
    private final NewestAnswer previews;
    private final NewestAnswer prices;

    CreateDiskController(ConsoleSession session) {
        this.session = session;
        this.previews = new NewestAnswer(session.tasks());
        this.prices = new NewestAnswer(session.tasks());
    }

    /** What the wizard's drop-downs offer in this region. */
    record Options(List<Snapshot> snapshots, List<KeyOption> keys, DefaultEncryption defaultEncryption) {
    }

    void loadOptions(Region region, Consumer<Options> onLoaded, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().run(() -> {
            EcsService ecs = session.services().ecs();
            List<Snapshot> snapshots = new ArrayList<>();
            for (boolean shared : new boolean[] {false, true}) {
                snapshots.addAll(ecs.describeSnapshots(ctx, new DescribeSnapshotsRequest(null, null, null, null,
                        "accomplished", shared, 1, 100)).items());
            }
            return new Options(snapshots, KeyOption.load(session.services().kms(), ctx, region),
                    ecs.describeDiskEncryptionByDefaultStatus(ctx));
        }, onLoaded, onError);
    }

    /**
     * Asks ECS what CreateDisk would decide about encryption. Only the newest answer is delivered, so a slow one
     * for an earlier state of the form cannot overwrite the current explanation.
     */
    void preview(CreateDiskRequest request, Consumer<EncryptionChoice> onChoice, Consumer<Throwable> onRefused) {
        CallContext ctx = session.context();
        previews.run(() -> session.services().ecs().previewEncryption(ctx, request), onChoice, onRefused);
    }

    /**
     * DescribePrice of the disk as configured (ResourceType=disk: category, level, size, zone), pay-as-you-go by the
     * hour. Encryption is not part of the question: it is free. Only the newest answer is delivered.
     */
    void quote(String zoneId, String category, int sizeGiB, String performanceLevel, Consumer<PriceQuote> onQuote,
            Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        PriceRequest request = new PriceRequest("disk", null, null, List.of(new PriceRequest.DiskSpec(category,
                sizeGiB, performanceLevel)), PriceRequest.PricingUnit.HOUR.apiName(), null, null, zoneId, null, null,
                null);
        prices.run(() -> session.services().ecs().describePrice(ctx, request), onQuote, onError);
    }

    void create(CreateDiskRequest request, Consumer<String> onCreated, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().run(() -> session.services().ecs().createDisk(ctx, request), onCreated, onError);
    }
}
