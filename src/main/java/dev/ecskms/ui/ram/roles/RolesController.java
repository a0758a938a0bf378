package dev.ecskms.ui.ram.roles;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.ram.Role;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.EcsAuthorization;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.common.PageLoader;
import java.util.ArrayList;
import java.util.List;

/** Fills RAM → Roles (ListRoles, ListPoliciesForRole); Authorize creates ECS's disk-encryption role. */
public final class RolesController {
    private final ConsoleSession session;
    private final RolesModel model;
    private final PageLoader<RolesModel.Loaded> loader;

    public RolesController(ConsoleSession session, RolesModel model) {
        this.session = session;
        this.model = model;
        this.loader = new PageLoader<>(session.tasks(), () -> {
            CallContext ctx = session.context();
            return () -> read(ctx);
        }, model::fill, "The RAM roles could not be listed", model::setError).showingLoading(model::setLoading)
                .clearingOnFailure(model::clear);
    }

    private RolesModel.Loaded read(CallContext ctx) {
        RamService ram = session.services().ram();
        List<RolesModel.RoleRow> rows = new ArrayList<>();
        for (Role role : ram.listRoles(ctx)) {
            rows.add(new RolesModel.RoleRow(role, ram.listPoliciesForRole(ctx, role.roleName())));
        }
        return new RolesModel.Loaded(rows, ram.ecsMayUseCustomerKeys(ctx.accountId()));
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

    /** The same one-click authorization the key selector offers when a customer key is first chosen for a disk. */
    public void authorizeEcs() {
        new EcsAuthorization(session).authorize(() -> {
            model.setError(null);
            model.setNotice("ECS may use your customer master keys now: the role "
                    + RamService.ECS_DISK_ENCRYPTION_ROLE + " was created with " + RamService.ECS_DISK_ENCRYPTION_POLICY
                    + ".");
            load();
        }, failure -> model.setError(Errors.describe(failure)));
    }
}
