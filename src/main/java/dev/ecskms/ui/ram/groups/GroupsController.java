package dev.ecskms.ui.ram.groups;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.Group;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.ram.User;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.PageLoader;
import dev.ecskms.ui.ram.Confirmations;
import java.util.List;
import java.util.function.Consumer;

/** Fills RAM → Groups; creates and deletes groups. */
public final class GroupsController {
    private final ConsoleSession session;
    private final GroupsModel model;
    private final PageLoader<List<Group>> loader;

    public GroupsController(ConsoleSession session, GroupsModel model) {
        this.session = session;
        this.model = model;
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> ram().listGroups(ctx);
        }, model::fill, "The user groups could not be listed", model::setError).showingLoading(model::setLoading)
                .clearingOnFailure(model::clear);
    }

    private RamService ram() {
        return session.services().ram();
    }

    public void load() {
        loader.load();
    }

    public void dismissError() {
        model.setError(null);
    }

    public void dismissNotice() {
        model.setNotice(null);
    }

    public void openCreateGroup() {
        CreateGroupDialog dialog = new CreateGroupDialog(session.modals());
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            createGroup(dialog.groupName(), dialog.comments(), dialog::close, dialog::showError);
        });
        dialog.show();
    }

    public void createGroup(String name, String comments, Runnable onDone, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().run(() -> ram().createGroup(ctx, name, comments), group -> {
            model.setError(null);
            model.setNotice("The user group " + group.groupName() + " was created.");
            onDone.run();
            load();
        }, onError);
    }

    public void openDeleteGroup(String groupName) {
        ConsoleDialog dialog = Confirmations.confirm(session.modals(), "Delete User Group " + groupName,
                "Delete the user group " + groupName + "? Its members leave it and lose the permissions of its"
                        + " policies; the users themselves stay.", "Delete");
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            deleteGroup(groupName, dialog::close, dialog::showError);
        });
        dialog.show();
    }

    /** Members and policies first (RAM refuses to delete a group that has them), then the group. */
    public void deleteGroup(String groupName, Runnable onDone, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().runVoid(() -> {
            for (User user : ram().listUsersForGroup(ctx, groupName)) {
                ram().removeUserFromGroup(ctx, user.userName(), groupName);
            }
            for (AttachedPolicy policy : ram().listPoliciesForGroup(ctx, groupName)) {
                ram().detachPolicyFromGroup(ctx, policy.policyType(), policy.policyName(), groupName);
            }
            ram().deleteGroup(ctx, groupName);
        }, () -> {
            model.setError(null);
            model.setNotice("The user group " + groupName + " was deleted.");
            onDone.run();
            load();
        }, failure -> {
            onError.accept(failure);
            load();
        });
    }
}
