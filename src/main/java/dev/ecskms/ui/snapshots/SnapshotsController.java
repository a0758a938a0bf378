package dev.ecskms.ui.snapshots;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ecs.DescribeSnapshotsRequest;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.Snapshot;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.KeyNames;
import dev.ecskms.ui.common.PageLoader;
import dev.ecskms.ui.common.ShareDialog;
import dev.ecskms.ui.common.Tables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the Snapshots page from ECS and runs its actions: share, stop sharing, delete. It does not poll: progress
 * (computed from the simulated clock) reaches the page through the change feed, which the simulator's ticker feeds
 * while a snapshot is in progress.
 */
final class SnapshotsController {
    private final ConsoleSession session;
    private final SnapshotsModel model;
    private final PageLoader<Loaded> loader;

    SnapshotsController(ConsoleSession session, SnapshotsModel model) {
        this.session = session;
        this.model = model;
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> read(ctx);
        }, loaded -> model.fill(loaded.own(), loaded.shared(), loaded.keys(), loaded.sharedWith()),
                "The snapshots could not be listed", model::setError).showingLoading(model::setLoading)
                .clearingOnFailure(() -> model.fill(List.of(), List.of(), KeyNames.NONE, Map.of()));
    }

    record Loaded(List<Snapshot> own, List<Snapshot> shared, KeyNames keys,
            Map<String, List<String>> sharedWith) {
    }

    void load() {
        loader.load();
    }

    private Loaded read(CallContext ctx) {
        EcsService ecs = session.services().ecs();
        // a user who may read ECS but not KMS still sees the snapshots, their keys by id (see KeyNames)
        KeyNames keys = KeyNames.read(() -> session.services().kms().listKeySummaries(ctx));
        List<Snapshot> own = ecs.describeSnapshots(ctx, DescribeSnapshotsRequest.own()).items();
        // the accounts each own snapshot is shared with: the "Shared" tag and its tooltip
        Map<String, List<String>> sharedWith = new LinkedHashMap<>();
        for (Snapshot snapshot : own) {
            List<String> accounts = ecs.snapshotSharedWith(ctx, snapshot.snapshotId());
            if (!accounts.isEmpty()) {
                sharedWith.put(snapshot.snapshotId(), List.copyOf(accounts));
            }
        }
        return new Loaded(own, ecs.describeSnapshots(ctx, DescribeSnapshotsRequest.sharedWithMe()).items(), keys,
                sharedWith);
    }

    /** Share with the other account of this simulator, or stop sharing with it. */
    void openShare(Snapshot snapshot) {
        ShareDialog dialog = new ShareDialog(session.modals(), "Share Snapshot " + snapshot.snapshotId(),
                "share-snapshot-dialog", snapshot.encrypted()
                        ? "This snapshot is encrypted. A disk the other account creates from it is encrypted with that"
                        + " account's own service key alias/acs/ecs, unless it chooses one of its own keys."
                        : "The other account can create disks from this snapshot. Uncheck an account to stop sharing.");
        CallContext ctx = session.context();
        String me = session.accountId();
        session.tasks().run(() -> new ShareDialog.State(
                session.services().accounts().otherAccountIds(me),
                session.services().ecs().snapshotSharedWith(ctx, snapshot.snapshotId())),
                dialog::showState, dialog::showError);
        dialog.setOnConfirm(ignored -> {
            List<String> add = dialog.accountsToAdd();
            List<String> remove = dialog.accountsToRemove();
            dialog.setBusy(true);
            session.tasks().runVoid(() -> session.services().ecs().modifySnapshotSharePermission(session.context(),
                    snapshot.snapshotId(), add, remove), () -> {
                        dialog.close();
                        model.setError(null);
                        load();
                    }, dialog::showError);
        });
        dialog.show();
    }

    void openDelete(Snapshot snapshot) {
        ConsoleDialog dialog = new ConsoleDialog(session.modals(), "Delete Snapshot " + snapshot.snapshotId(),
                "Delete");
        dialog.getStyleClass().add("delete-snapshot-dialog");
        dialog.setDangerous(true);
        dialog.setDialogWidth(520);
        dialog.setContent(Tables.callout("deleteSnapshotWarning", "The snapshot is deleted, and every account it is"
                + " shared with loses it. Disks created from it are not affected. This cannot be undone.",
                "warning"));
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            session.tasks().runVoid(() -> session.services().ecs().deleteSnapshot(session.context(),
                    snapshot.snapshotId()), () -> {
                        dialog.close();
                        model.setError(null);
                        load();
                    }, dialog::showError);
        });
        dialog.show();
    }

    void dismissError() {
        model.setError(null);
    }
}
