package dev.ecskms.ui.kms;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.kms.AliasInfo;
import dev.ecskms.sim.kms.KeyMetadata;
import dev.ecskms.sim.kms.KeyVersion;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.kms.ProtectedResource;
import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.kms.Tag;
import dev.ecskms.sim.trail.TrailEvent;
import dev.ecskms.sim.trail.TrailFilter;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.LiveReload;
import dev.ecskms.ui.common.PageLoader;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

/** Loads one key's details and runs the details page's edits (aliases, tags, rotation policy). */
final class KeyDetailsController {
    /** The listings are short; one page of the API's maximum size holds them all. */
    private static final int ALL = 100;
    /** How many events the Recent Use tab lists. */
    static final int RECENT_USE = 10;

    private final ConsoleSession session;
    private final KeyDetailsModel model;
    private final KeyActions actions;
    private final PageLoader<Snapshot> loader;
    private final PageLoader<List<TrailEvent>> recentUse;

    KeyDetailsController(ConsoleSession session, KeyDetailsModel model) {
        this.session = session;
        this.model = model;
        // an action that succeeded clears the error an earlier one left on the page
        this.actions = new KeyActions(session, model::setError, () -> {
            model.setError(null);
            load();
        });
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> read(ctx, model.keyId());
        }, model::fill, "The key could not be loaded", model::setError).showingLoading(model::setLoading);
        this.recentUse = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> session.services().trail().lookupEvents(ctx, recentUseFilter(model.keyId())).events();
        }, events -> model.fillRecentUse(events, null), "The key's recent use could not be looked up",
                message -> model.fillRecentUse(List.of(), message));
    }

    KeyActions actions() {
        return actions;
    }

    /** Everything the page shows, read in one background task so the page never shows a half-updated key. */
    record Snapshot(KeyMetadata metadata, List<KeyVersion> versions, List<AliasInfo> aliases, List<Tag> tags,
            List<ProtectedResource> resources, String resourcesError) {
    }

    void load() {
        loader.load();
        loadRecentUse();
    }

    /**
     * The key's use (Decrypt, GenerateDataKey … by whoever: ECS's service role starting an instance included) and
     * changes; reads such as this page's own DescribeKey are left to ActionTrail. Loaded apart from the key, so that
     * a new event reloads only this list.
     */
    void loadRecentUse() {
        if (session.services().trail() == null) {
            model.fillRecentUse(List.of(), "This console was opened without the audit trail.");
            return;
        }
        recentUse.load();
    }

    /**
     * Reloads Recent Use on each new audit trail event until closed. Not the page's topic: the page's own reads are
     * recorded, so reloading the whole page on TRAIL would feed itself; the trail lookup is not recorded.
     */
    LiveReload followTrail() {
        return recentUse.reloadOn(session.services().changes(), EnumSet.of(ChangeFeed.Topic.TRAIL));
    }

    static TrailFilter recentUseFilter(String keyId) {
        return TrailFilter.all().key(keyId).readOnly(false).page(RECENT_USE, null);
    }

    /** ActionTrail → Event Query with every event of this key, reads included. */
    void openTrail() {
        session.navigator().openTrail(TrailFilter.all().key(model.keyId()));
    }

    private Snapshot read(CallContext ctx, String keyId) {
        KmsService kms = session.services().kms();
        KeyMetadata metadata = kms.describeKey(ctx, keyId);
        List<KeyVersion> versions = kms.listKeyVersions(ctx, keyId, 1, ALL).items();
        List<AliasInfo> aliases = kms.listAliasesByKeyId(ctx, keyId, 1, ALL).items();
        List<Tag> tags = kms.listResourceTags(ctx, keyId);
        // The other services answer this one; their failure must not hide the key itself.
        try {
            return new Snapshot(metadata, versions, aliases, tags, kms.resourcesUsing(ctx, keyId), null);
        } catch (RuntimeException e) {
            return new Snapshot(metadata, versions, aliases, tags, null, Errors.describe(e));
        }
    }

    void addAlias(String aliasName, Runnable onDone, Consumer<Throwable> onError) {
        run(() -> session.services().kms().createAlias(session.context(), aliasName, model.keyId()), onDone,
                onError);
    }

    void deleteAlias(String aliasName) {
        run(() -> session.services().kms().deleteAlias(session.context(), aliasName), () -> { }, this::pageError);
    }

    void addTag(String key, String value, Runnable onDone, Consumer<Throwable> onError) {
        run(() -> session.services().kms().tagResource(session.context(), model.keyId(), List.of(new Tag(key, value))),
                onDone, onError);
    }

    void removeTag(String key) {
        run(() -> session.services().kms().untagResource(session.context(), model.keyId(), List.of(key)), () -> { },
                this::pageError);
    }

    /** @param intervalDays ignored when rotation is turned off */
    void updateRotationPolicy(boolean enabled, int intervalDays, Runnable onDone, Consumer<Throwable> onError) {
        run(() -> session.services().kms().updateRotationPolicy(session.context(), model.keyId(), enabled,
                enabled ? intervalDays + "d" : null), onDone, onError);
    }

    void dismissError() {
        model.setError(null);
    }

    private void run(Runnable call, Runnable onDone, Consumer<Throwable> onError) {
        session.tasks().runVoid(call, () -> {
            model.setError(null);
            onDone.run();
            load();
        }, onError);
    }

    private void pageError(Throwable failure) {
        model.setError(Errors.describe(failure));
    }
}
