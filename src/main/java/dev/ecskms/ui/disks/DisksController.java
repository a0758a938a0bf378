package dev.ecskms.ui.disks;

import dev.ecskms.sim.common.AccessDeniedException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.Page;
import dev.ecskms.sim.ecs.DescribeDisksRequest;
import dev.ecskms.sim.ecs.Disk;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.KeyNames;
import dev.ecskms.ui.common.PageLoader;
import dev.ecskms.ui.common.ServerPage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Fills the Disks page's model from ECS and KMS. It does not poll: a disk that becomes Available, or any other
 * change, reaches the page through the change feed (see {@code ConsolePage#changeTopics}).
 */
final class DisksController {
    private final ConsoleSession session;
    private final DisksModel model;
    private final DiskActions actions;
    private final PageLoader<Loaded> loader;

    /** @param afterChange what runs after an action succeeded: the page reloads what it shows */
    DisksController(ConsoleSession session, DisksModel model, Runnable afterChange) {
        this.session = session;
        this.model = model;
        // an action that succeeded clears the error an earlier one left on the page
        this.actions = new DiskActions(session, model::setError, () -> {
            model.setError(null);
            afterChange.run();
        });
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            Boolean encrypted = model.encryptionFilterProperty().get().encryptedParameter();
            ServerPage.Request page = model.rows().requestProperty().get();
            return () -> read(ctx, encrypted, page);
        }, loaded -> model.fill(loaded.disks(), loaded.total(), loaded.keys()), "The disks could not be listed",
                model::setError).showingLoading(model::setLoading).clearingOnFailure(model::clear);
        // another filter starts at the first page; a changed request loads through its own listener
        model.encryptionFilterProperty().addListener((obs, old, now) -> {
            if (!model.rows().firstPage()) {
                load();
            }
        });
        model.rows().requestProperty().addListener((obs, old, now) -> load());
    }

    DiskActions actions() {
        return actions;
    }

    void load() {
        loader.load();
    }

    record Loaded(List<Disk> disks, int total, KeyNames keys) {
    }

    /**
     * Only the shown page: ECS searches, filters, counts and cuts it in SQL, and KMS names only that page's keys.
     * A region may hold 10,000 disks and 1,000 keys; reading them all made opening the page take seconds.
     */
    private Loaded read(CallContext ctx, Boolean encrypted, ServerPage.Request page) {
        KmsService kms = session.services().kms();
        String search = page.query().isEmpty() ? null : page.query();
        // the console also finds a disk by its key's alias: KMS says which keys such an alias names
        List<String> aliasKeys = search == null ? null : keysWithAlias(kms, ctx, search);
        Page<Disk> disks = session.services().ecs().describeDisks(ctx, new DescribeDisksRequest(null, null, null,
                null, null, null, encrypted, null, page.pageNumber(), page.pageSize(), search, aliasKeys));
        Set<String> keyIds = new LinkedHashSet<>();
        for (Disk disk : disks.items()) {
            if (disk.kmsKeyId() != null) {
                keyIds.add(disk.kmsKeyId());
            }
        }
        // a user who may read ECS but not KMS still sees the disks, their keys by id (see KeyNames)
        KeyNames keys = keyIds.isEmpty() ? KeyNames.NONE : KeyNames.read(() -> kms.keySummaries(ctx, keyIds));
        return new Loaded(disks.items(), disks.totalCount(), keys);
    }

    /** Keys whose alias contains the text; none when the user may not list aliases (the search then finds by id/name). */
    private static List<String> keysWithAlias(KmsService kms, CallContext ctx, String search) {
        try {
            return kms.keyIdsWithAliasContaining(ctx, search);
        } catch (AccessDeniedException e) {
            return null;
        }
    }

    void dismissError() {
        model.setError(null);
    }
}
