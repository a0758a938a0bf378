package dev.ecskms.ui.ram.users;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.PageLoader;
import dev.ecskms.ui.ram.Attachments;
import dev.ecskms.ui.ram.Confirmations;
import java.util.function.Consumer;

/** A RAM user's details: its groups, its policies (attach, detach) and its AccessKeys (create, disable, delete). */
public final class UserDetailsController {
    private final ConsoleSession session;
    private final UserDetailsModel model;
    private final PageLoader<UserDetailsModel.Loaded> loader;
    private final Attachments attachments;

    public UserDetailsController(ConsoleSession session, UserDetailsModel model) {
        this.session = session;
        this.model = model;
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            String name = model.userName();
            return () -> new UserDetailsModel.Loaded(ram().getUser(ctx, name), ram().listGroupsForUser(ctx, name),
                    ram().listPoliciesForUser(ctx, name), ram().listAccessKeys(ctx, name));
        }, model::fill, "The RAM user could not be loaded", model::setError).showingLoading(model::setLoading);
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
        attachments.openAttach(Attachments.Target.USER, model.userName(), model.policies());
    }

    public void openDetachPolicy(AttachedPolicy policy) {
        attachments.openDetach(Attachments.Target.USER, model.userName(), policy);
    }

    /** Create AccessKey, then the dialog that shows its secret this one time. */
    public void openCreateAccessKey() {
        createAccessKey(key -> new AccessKeyCreatedDialog(session.modals(), key).show());
    }

    /** CreateAccessKey; {@code showSecret} gets the key with its secret, which the model never keeps. */
    public void createAccessKey(Consumer<AccessKey> showSecret) {
        CallContext ctx = session.context();
        String name = model.userName();
        session.tasks().run(() -> ram().createAccessKey(ctx, name), key -> {
            model.setError(null);
            model.setNotice("The AccessKey " + key.accessKeyId() + " was created for " + name + ".");
            showSecret.accept(key);
            load();
        }, this::pageError);
    }

    /** Enable (Active) or Disable (Inactive): an Inactive key's signed requests are refused. */
    public void setAccessKeyStatus(String accessKeyId, String status) {
        CallContext ctx = session.context();
        String name = model.userName();
        session.tasks().runVoid(() -> ram().updateAccessKey(ctx, name, accessKeyId, status), () -> {
            model.setError(null);
            model.setNotice("The AccessKey " + accessKeyId + " is " + status + " now.");
            load();
        }, this::pageError);
    }

    public void openDeleteAccessKey(String accessKeyId) {
        ConsoleDialog dialog = Confirmations.confirm(session.modals(), "Delete AccessKey",
                "Delete the AccessKey " + accessKeyId + " of the RAM user " + model.userName() + "? Scripts that"
                        + " sign with it are refused from now on. This cannot be undone.", "Delete");
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            deleteAccessKey(accessKeyId, dialog::close, dialog::showError);
        });
        dialog.show();
    }

    public void deleteAccessKey(String accessKeyId, Runnable onDone, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        String name = model.userName();
        session.tasks().runVoid(() -> ram().deleteAccessKey(ctx, name, accessKeyId), () -> {
            model.setError(null);
            model.setNotice("The AccessKey " + accessKeyId + " was deleted.");
            onDone.run();
            load();
        }, onError);
    }

    private void pageError(Throwable failure) {
        model.setError(Errors.describe(failure));
    }
}
