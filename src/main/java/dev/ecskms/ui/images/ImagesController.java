package dev.ecskms.ui.images;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.CopyImageRequest;
import dev.ecskms.sim.ecs.CreateImageRequest;
import dev.ecskms.sim.ecs.DescribeImagesRequest;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.DescribeSnapshotsRequest;
import dev.ecskms.sim.ecs.Image;
import dev.ecskms.sim.ecs.Instance;
import dev.ecskms.sim.ecs.InstanceStatus;
import dev.ecskms.sim.ecs.Region;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.KeyNames;
import dev.ecskms.ui.common.KeyOption;
import dev.ecskms.ui.common.PageLoader;
import dev.ecskms.ui.common.ShareDialog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fills the Images page from ECS and runs its actions: create, copy, share, delete. It does not poll: an image's
 * progress (computed from the simulated clock) reaches the page through the change feed.
 */
final class ImagesController {
    /** Every status DescribeImages knows: the page shows Creating images with their progress, not only Available. */
    static final List<String> ALL_STATUSES = List.of("Creating", "Waiting", "Available", "UnAvailable",
            "CreateFailed", "Deprecated");

    private final ConsoleSession session;
    private final ImagesModel model;
    private final PageLoader<Loaded> loader;

    ImagesController(ConsoleSession session, ImagesModel model) {
        this.session = session;
        this.model = model;
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> read(ctx);
        }, loaded -> model.fill(loaded.own(), loaded.shared(), loaded.system(), loaded.keys()),
                "The images could not be listed", model::setError).showingLoading(model::setLoading)
                .clearingOnFailure(() -> model.fill(List.of(), List.of(), List.of(), KeyNames.NONE));
    }

    record Loaded(List<Image> own, List<Image> shared, List<Image> system, KeyNames keys) {
    }

    void load() {
        loader.load();
    }

    private Loaded read(CallContext ctx) {
        // a user who may read ECS but not KMS still sees the images, their keys by id (see KeyNames)
        KeyNames keys = KeyNames.read(() -> session.services().kms().listKeySummaries(ctx));
        return new Loaded(all(ctx, "self"), all(ctx, "others"), all(ctx, "system"), keys);
    }

    /** What a deletion puts at stake: the accounts the image is shared with, the instances started from it. */
    record Stake(List<String> sharedWith, List<String> instances) {
    }

    void loadStake(Image image, Consumer<Stake> onLoaded, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().run(() -> new Stake(session.services().ecs().imageSharedWith(ctx, image.imageId()),
                session.services().instances().describeInstances(ctx, null, null, 1, 100).items().stream()
                        .filter(i -> image.imageId().equals(i.imageId())).map(Instance::instanceId).toList()),
                onLoaded, onError);
    }

    /** The other accounts of this simulator and those the image is shared with, for the Share dialog. */
    void loadShareState(String imageId, Consumer<ShareDialog.State> onLoaded, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        String me = session.accountId();
        session.tasks().run(() -> new ShareDialog.State(
                session.services().accounts().otherAccountIds(me),
                session.services().ecs().imageSharedWith(ctx, imageId)), onLoaded, onError);
    }

    /** What Create Custom Image can start from: Running or Stopped instances, completed system-disk snapshots. */
    record CreateChoices(List<Instance> instances, List<Snapshot> snapshots) {
    }

    void loadCreateChoices(Consumer<CreateChoices> onLoaded, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().run(() -> new CreateChoices(session.services().instances().describeInstances(ctx, null, null,
                1, 100).items().stream().filter(i -> i.status() == InstanceStatus.Running
                        || i.status() == InstanceStatus.Stopped).toList(),
                session.services().ecs().describeSnapshots(ctx, DescribeSnapshotsRequest.own()).items().stream()
                        .filter(s -> s.osImageId() != null && s.isAccomplished()).toList()), onLoaded, onError);
    }

    /** The keys a copy into {@code target} can use (a key never leaves its region). */
    void loadKeyOptions(Region target, Consumer<List<KeyOption>> onLoaded, Consumer<Throwable> onError) {
        CallContext ctx = session.context().inRegion(target.regionId());
        session.tasks().run(() -> KeyOption.load(session.services().kms(), ctx, target), onLoaded, onError);
    }

    /** Every page of one owner alias (DescribeImages pages by 100 at most). */
    private List<Image> all(CallContext ctx, String alias) {
        EcsService ecs = session.services().ecs();
        List<Image> out = new ArrayList<>();
        for (int page = 1; ; page++) {
            var result = ecs.describeImages(ctx, new DescribeImagesRequest(alias, null, ALL_STATUSES, null, page,
                    100));
            out.addAll(result.items());
            if (result.items().size() < 100) {
                return out;
            }
        }
    }

    /** CreateImage; on success the notice names the new image and the list reloads. */
    void createImage(CreateImageRequest request, Runnable onDone, Consumer<Throwable> onError) {
        session.tasks().run(() -> session.services().ecs().createImage(session.context(), request), imageId -> {
            model.setNotice("Image " + imageId + " is being created from " + (request.instanceId() != null
                    ? "instance " + request.instanceId() : "snapshot " + request.snapshotId())
                    + ". It can be used once it is Available.");
            onDone.run();
            load();
        }, onError);
    }

    /** CopyImage (in the caller's region, or into another one, where the copy is listed). */
    void copyImage(CopyImageRequest request, Runnable onDone, Consumer<Throwable> onError) {
        session.tasks().run(() -> session.services().ecs().copyImage(session.context(), request), imageId -> {
            String into = request.destinationRegionId() == null
                    || request.destinationRegionId().equals(session.regionId()) ? ""
                    : " in " + request.destinationRegionId() + " (switch region to see it)";
            model.setNotice("Image " + request.imageId() + " is being copied to " + imageId + into
                    + (Boolean.TRUE.equals(request.encrypted()) ? ", encrypted." : "."));
            onDone.run();
            load();
        }, onError);
    }

    void share(String imageId, List<String> add, List<String> remove, Runnable onDone,
            Consumer<Throwable> onError) {
        session.tasks().runVoid(() -> session.services().ecs().modifyImageSharePermission(session.context(), imageId,
                add, remove), () -> {
                    onDone.run();
                    load();
                }, onError);
    }

    void delete(String imageId, boolean force, Runnable onDone, Consumer<Throwable> onError) {
        session.tasks().runVoid(() -> session.services().ecs().deleteImage(session.context(), imageId, force), () -> {
            model.setNotice("Image " + imageId + " was deleted. The snapshot that held its data is kept.");
            onDone.run();
            load();
        }, onError);
    }

    void dismissError() {
        model.setError(null);
    }

    void dismissNotice() {
        model.setNotice(null);
    }
}
