package dev.ecskms.ui.ram.policies;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.Policy;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.ui.common.ConsoleDialog;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.PageLoader;
import dev.ecskms.ui.ram.Confirmations;
import java.util.List;
import java.util.function.Consumer;

/** Fills RAM → Policies; creates custom policies from the editor and deletes them. */
public final class PoliciesController {
    private final ConsoleSession session;
    private final PoliciesModel model;
    private final PageLoader<List<Policy>> loader;

    public PoliciesController(ConsoleSession session, PoliciesModel model) {
        this.session = session;
        this.model = model;
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> ram().listPolicies(ctx, null);
        }, model::fill, "The policies could not be listed", model::setError).showingLoading(model::setLoading)
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

    /** Create Policy: the editor, starting from an empty statement (or the Template menu). */
    public void openCreatePolicy() {
        openCreatePolicy(null);
    }

    /** Create Policy starting from a template, or from an empty statement when {@code template} is null. */
    public PolicyEditorDialog openCreatePolicy(PolicyTemplates.Template template) {
        PolicyEditorModel editorModel = new PolicyEditorModel();
        PolicyEditorController editor = new PolicyEditorController(editorModel);
        editorModel.textProperty().set(PolicyTemplates.EMPTY);
        PolicyEditorDialog dialog = new PolicyEditorDialog(session.modals(), editorModel, editor, null);
        if (template != null) {
            dialog.applyTemplate(template);
        }
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            createPolicy(dialog.policyName(), dialog.document(), dialog.description(), dialog::close,
                    dialog::showError);
        });
        dialog.show();
        return dialog;
    }

    /** CreatePolicy: RAM checks the document with the same language the editor did. */
    public void createPolicy(String name, String document, String description, Runnable onDone,
            Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().run(() -> ram().createPolicy(ctx, name, document, description), created -> {
            model.setError(null);
            model.setNotice("The custom policy " + created.policyName() + " was created. Attach it to users or"
                    + " groups to grant what it allows.");
            onDone.run();
            load();
        }, onError);
    }

    public void openDeletePolicy(String policyName) {
        ConsoleDialog dialog = Confirmations.confirm(session.modals(), "Delete Policy " + policyName,
                "Delete the custom policy " + policyName + " and all its versions? RAM refuses while it is still"
                        + " attached to a user, group or role: detach it there first.", "Delete");
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            deletePolicy(policyName, dialog::close, dialog::showError);
        });
        dialog.show();
    }

    /** Deletes the versions other than the default first, as the console does; DeletePolicy refuses otherwise. */
    public void deletePolicy(String policyName, Runnable onDone, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().runVoid(() -> {
            ram().listPolicyVersions(ctx, "Custom", policyName).stream().filter(v -> !v.isDefaultVersion())
                    .forEach(v -> ram().deletePolicyVersion(ctx, policyName, v.versionId()));
            ram().deletePolicy(ctx, policyName);
        }, () -> {
            model.setError(null);
            model.setNotice("The policy " + policyName + " was deleted.");
            onDone.run();
            load();
        }, onError);
    }
}
