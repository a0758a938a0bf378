package dev.ecskms.ui.ram.groups;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.ram.User;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.PageLoader;
import dev.ecskms.ui.ram.Attachments;
import dev.ecskms.ui.ram.Confirmations;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** A group's members (add, remove) and permissions (attach, detach). */
public final class GroupDetailsController {
    private final ConsoleSession session;
    private final GroupDetailsModel model;
    private final PageLoader<GroupDetailsModel.Loaded> loader;
    private final Attachments attachments;

    public GroupDetailsController(ConsoleSession session, GroupDetailsModel model) {
        this.session = session;
        this.model = model;
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            String name = model.groupName();
            return () -> new GroupDetailsModel.Loaded(ram().getGroup(ctx, name), ram().listUsersForGroup(ctx, name),
                    ram().listPoliciesForGroup(ctx, name));
        }, model::fill, "The user group could not be loaded", model::setError);
        this.attachments = new Attachments(session, model::setError, notice -> {
            model.setError(null);
            model.setNotice(notice);
        }, this::load);
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

    public Attachments attachments() {
        return attachments;
    }

    public void openAttachPolicy() {
        attachments.openAttach(Attachments.Target.GROUP, model.groupName(), model.policies());
    }

    public void openDetachPolicy(AttachedPolicy policy) {
        attachments.openDetach(Attachments.Target.GROUP, model.groupName(), policy);
    }

    /** Reads the users, then offers those not in the group yet. */
    public void openAddMembers() {
        CallContext ctx = session.context();
        Set<String> members = model.members().stream().map(User::userName).collect(Collectors.toSet());
        session.tasks().run(() -> ram().listUsers(ctx), users -> {
            AddMembersDialog dialog = new AddMembersDialog(session.modals(), model.groupName(),
                    users.stream().filter(u -> !members.contains(u.userName())).toList());
            dialog.setOnConfirm(ignored -> {
                dialog.setBusy(true);
                addMembers(dialog.chosen(), dialog::close, dialog::showError);
            });
            dialog.show();
        }, failure -> model.setError("The users could not be listed: " + Errors.describe(failure)));
    }

    public void addMembers(List<String> userNames, Runnable onDone, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().runVoid(() -> userNames.forEach(u -> ram().addUserToGroup(ctx, u, model.groupName())),
                () -> {
                    model.setError(null);
                    model.setNotice(String.join(", ", userNames) + (userNames.size() == 1 ? " was" : " were")
                            + " added to " + model.groupName() + ".");
                    onDone.run();
                    load();
                }, failure -> {
                    onError.accept(failure);
                    load();
                });
    }

    public void openRemoveMember(String userName) {
        ConsoleDialog dialog = Confirmations.confirm(session.modals(), "Remove Member",
                "Remove the user " + userName + " from the group " + model.groupName() + "? The user loses the"
                        + " permissions of the group's policies.", "Remove");
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            removeMember(userName, dialog::close, dialog::showError);
        });
        dialog.show();
    }

    public void removeMember(String userName, Runnable onDone, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().runVoid(() -> ram().removeUserFromGroup(ctx, userName, model.groupName()), () -> {
            model.setError(null);
            model.setNotice(userName + " was removed from " + model.groupName() + ".");
            onDone.run();
            load();
        }, onError);
    }
}
