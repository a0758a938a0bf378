package dev.ecskms.ui.images;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.CopyImageRequest;
import dev.ecskms.sim.ecs.CreateImageRequest;
import dev.ecskms.sim.ecs.DescribeImagesRequest;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.Image;
import dev.ecskms.sim.kms.KeySummary;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private long loadGeneration;

    ImagesController(ConsoleSession session, ImagesModel model) {
        this.session = session;
        this.model = model;
    }

    record Loaded(List<Image> own, List<Image> shared, List<Image> system, Map<String, KeySummary> keys) {
    }

    void load() {
        long generation = ++loadGeneration;
        model.setLoading(true);
        CallContext ctx = session.context();
        session.tasks().run(() -> {
            Map<String, KeySummary> keys = new LinkedHashMap<>();
            session.services().kms().listKeySummaries(ctx).forEach(k -> keys.put(k.metadata().keyId(), k));
            return new Loaded(all(ctx, "self"), all(ctx, "others"), all(ctx, "system"), keys);
        }, loaded -> {
            if (generation == loadGeneration) {
                model.fill(loaded.own(), loaded.shared(), loaded.system(), loaded.keys());
                model.setLoading(false);
            }
        }, failure -> {
            if (generation == loadGeneration) {
                model.fill(List.of(), List.of(), List.of(), Map.of());
                model.setLoading(false);
                model.setError("The images could not be listed: " + Errors.describe(failure));
            }
        });
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
