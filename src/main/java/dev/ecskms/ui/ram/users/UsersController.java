package dev.ecskms.ui.ram.users;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.sim.ram.AccessKeyInfo;
import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.Group;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.ram.User;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.PageLoader;
import dev.ecskms.ui.ram.Confirmations;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Fills RAM → Users from RamService; creates users (with an AccessKey if asked) and deletes them. */
public final class UsersController {
    private final ConsoleSession session;
    private final UsersModel model;
    private final PageLoader<List<UsersModel.UserRow>> loader;

    public UsersController(ConsoleSession session, UsersModel model) {
        this.session = session;
        this.model = model;
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> read(ctx);
        }, model::fill, "The RAM users could not be listed", model::setError).showingLoading(model::setLoading)
                .clearingOnFailure(model::clear);
    }

    private RamService ram() {
        return session.services().ram();
    }

    private List<UsersModel.UserRow> read(CallContext ctx) {
        List<UsersModel.UserRow> rows = new ArrayList<>();
        for (User user : ram().listUsers(ctx)) {
            rows.add(new UsersModel.UserRow(user, ram().listAccessKeys(ctx, user.userName())));
        }
        return rows;
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

    /** Create User: the dialog collects, this sends; with "Create AccessKey" the secret is shown once after. */
    public void openCreateUser() {
        CreateUserDialog dialog = new CreateUserDialog(session.modals());
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            createUser(dialog.userName(), dialog.displayName(), dialog.createAccessKey(), key -> {
                dialog.close();
                if (key != null) {
                    new AccessKeyCreatedDialog(session.modals(), key).show();
                }
            }, dialog::showError);
        });
        dialog.show();
    }

    /**
     * CreateUser, then CreateAccessKey when asked. {@code onCreated} gets the new key — the only time its secret
     * exists outside the store — or null; the model never holds a secret.
     */
    public void createUser(String userName, String displayName, boolean withAccessKey,
            Consumer<AccessKey> onCreated, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().run(() -> {
            User user = ram().createUser(ctx, userName, displayName, null);
            return new Created(user, withAccessKey ? ram().createAccessKey(ctx, user.userName()) : null);
        }, created -> {
            model.setError(null);
            model.setNotice("The RAM user " + created.user().userName() + " was created"
                    + (created.key() == null ? "." : " with the AccessKey " + created.key().accessKeyId()
                    + ". Save its secret now: it is shown only once."));
            onCreated.accept(created.key());
            load();
        }, onError);
    }

    private record Created(User user, AccessKey key) {
    }

    /** Asks first, naming the user and what goes with it. */
    public void openDeleteUser(String userName) {
        ConsoleDialog dialog = Confirmations.confirm(session.modals(), "Delete RAM User " + userName,
                "Delete the RAM user " + userName + "? Its AccessKeys are deleted (scripts signing with them are"
                        + " refused from now on), it leaves its groups and its policies are detached. This cannot"
                        + " be undone.", "Delete");
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            deleteUser(userName, dialog::close, dialog::showError);
        });
        dialog.show();
    }

    /**
     * As the console does: first what RAM's DeleteUser would refuse to leave behind (DeleteConflict.User.*) —
     * AccessKeys, group memberships, attached policies — then the user.
     */
    public void deleteUser(String userName, Runnable onDone, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().runVoid(() -> {
            for (AccessKeyInfo key : ram().listAccessKeys(ctx, userName)) {
                ram().deleteAccessKey(ctx, userName, key.accessKeyId());
            }
            for (Group group : ram().listGroupsForUser(ctx, userName)) {
                ram().removeUserFromGroup(ctx, userName, group.groupName());
            }
            for (AttachedPolicy policy : ram().listPoliciesForUser(ctx, userName)) {
                ram().detachPolicyFromUser(ctx, policy.policyType(), policy.policyName(), userName);
            }
            ram().deleteUser(ctx, userName);
        }, () -> {
            model.setError(null);
            model.setNotice("The RAM user " + userName + " was deleted.");
            onDone.run();
            load();
        }, failure -> {
            onError.accept(failure);
            load();
        });
    }
}
