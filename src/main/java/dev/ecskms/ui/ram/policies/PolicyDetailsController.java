package dev.ecskms.ui.ram.policies;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.ram.policy.PolicyDocument;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.PageLoader;
import java.util.List;
import java.util.function.Consumer;

/** A policy's details: GetPolicy, ListPolicyVersions, ListEntitiesForPolicy; Create Version and Set as Default. */
public final class PolicyDetailsController {
    private final ConsoleSession session;
    private final PolicyDetailsModel model;
    private final PageLoader<PolicyDetailsModel.Loaded> loader;

    public PolicyDetailsController(ConsoleSession session, PolicyDetailsModel model) {
        this.session = session;
        this.model = model;
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> read(ctx);
        }, model::fill, "The policy could not be loaded", model::setError).showingLoading(model::setLoading);
    }

    private RamService ram() {
        return session.services().ram();
    }

    private PolicyDetailsModel.Loaded read(CallContext ctx) {
        RamService.PolicyDetail detail = ram().getPolicy(ctx, model.policyType(), model.policyName());
        String document = detail.defaultVersion() == null ? "" : detail.defaultVersion().policyDocument();
        List<String> summary;
        try {
            summary = PolicyDocument.parse(document).summary();
        } catch (RuntimeException e) {
            summary = List.of("The document could not be summarised: " + Errors.describe(e).lines().findFirst()
                    .orElse(""));
        }
        return new PolicyDetailsModel.Loaded(detail.policy(), document, summary,
                ram().listPolicyVersions(ctx, model.policyType(), model.policyName()),
                ram().listEntitiesForPolicy(ctx, model.policyType(), model.policyName()));
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

    /** Create Version: the editor, starting from the default version's document. */
    public void openCreateVersion() {
        PolicyEditorModel editorModel = new PolicyEditorModel();
        editorModel.policyNameProperty().set(model.policyName());
        editorModel.textProperty().set(model.documentProperty().get());
        PolicyEditorController editor = new PolicyEditorController(editorModel);
        PolicyEditorDialog dialog = new PolicyEditorDialog(session.modals(), editorModel, editor, model.policyName());
        dialog.setOnConfirm(ignored -> {
            dialog.setBusy(true);
            createVersion(dialog.document(), dialog.setAsDefault(), dialog::close, dialog::showError);
        });
        dialog.show();
    }

    public void createVersion(String document, boolean setAsDefault, Runnable onDone, Consumer<Throwable> onError) {
        CallContext ctx = session.context();
        session.tasks().run(() -> ram().createPolicyVersion(ctx, model.policyName(), document, setAsDefault),
                version -> {
                    model.setError(null);
                    model.setNotice("Version " + version.versionId() + " was created"
                            + (version.isDefaultVersion() ? " and is the default now." : "."));
                    onDone.run();
                    load();
                }, onError);
    }

    /** SetDefaultPolicyVersion: every user, group and role the policy is on gets this version's permissions. */
    public void setDefaultVersion(String versionId) {
        CallContext ctx = session.context();
        session.tasks().runVoid(() -> ram().setDefaultPolicyVersion(ctx, model.policyName(), versionId), () -> {
            model.setError(null);
            model.setNotice("Version " + versionId + " is the default version now.");
            load();
        }, failure -> model.setError(Errors.describe(failure)));
    }
}
