package dev.ecskms.ui.ram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ecskms.sim.common.AccessDeniedException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.AccessKey;
import dev.ecskms.sim.ram.AttachedPolicy;
import dev.ecskms.sim.ram.Policy;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.ui.ConsoleServices;
import dev.ecskms.ui.ConsoleTestSupport;
import dev.ecskms.ui.ControllerTestSupport;
import dev.ecskms.ui.common.ConsoleSession;
import dev.ecskms.ui.common.Errors;
import dev.ecskms.ui.ram.groups.GroupDetailsController;
import dev.ecskms.ui.ram.groups.GroupDetailsModel;
import dev.ecskms.ui.ram.groups.GroupsController;
import dev.ecskms.ui.ram.groups.GroupsModel;
import dev.ecskms.ui.ram.policies.PoliciesController;
import dev.ecskms.ui.ram.policies.PoliciesModel;
import dev.ecskms.ui.ram.policies.PolicyDetailsController;
import dev.ecskms.ui.ram.policies.PolicyDetailsModel;
import dev.ecskms.ui.ram.policies.PolicyTemplates;
import dev.ecskms.ui.ram.users.UserDetailsController;
import dev.ecskms.ui.ram.users.UserDetailsModel;
import dev.ecskms.ui.ram.users.UsersController;
import dev.ecskms.ui.ram.users.UsersModel;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The RAM pages' controllers against the real RAM service, without a window. */
class RamControllersTest extends ControllerTestSupport {

    private static final Consumer<Throwable> FAIL = failure -> fail("unexpected failure: " + Errors.describe(failure));

    private RamService ram() {
        return sim.ram();
    }

    @Test
    void createUserWithAnAccessKeyShowsTheSecretOnceAndTheListOnlyTheKeyId() {
        UsersModel model = new UsersModel();
        UsersController controller = new UsersController(session, model);
        AtomicReference<AccessKey> shown = new AtomicReference<>();

        controller.createUser("alice", "Alice Zhang", true, shown::set, FAIL);

        AccessKey key = shown.get();
        assertNotNull(key, "the new key is handed to the dialog that shows its secret");
        assertFalse(key.accessKeySecret() == null || key.accessKeySecret().isBlank(), "with its secret");
        assertEquals("alice", model.users().get(0).user().userName());
        assertEquals("Alice Zhang", model.users().get(0).user().displayName());
        assertEquals(key.accessKeyId(), model.users().get(0).accessKeys().get(0).accessKeyId());
        assertEquals("1 Active", model.users().get(0).accessKeysText());
        assertTrue(model.noticeProperty().get().contains(key.accessKeyId()), model.noticeProperty().get());
        assertFalse(model.noticeProperty().get().contains(key.accessKeySecret()), "the notice never shows the secret");

        controller.load(); // what the page shows from now on: ids and states only, never the secret
        assertFalse(model.users().toString().contains(key.accessKeySecret()));
        assertEquals(List.of(key.accessKeyId()), ram().listAccessKeys(ctx, "alice").stream()
                .map(k -> k.accessKeyId()).toList());
    }

    @Test
    void createUserWithoutAnAccessKeyShowsNoSecretAndASecondTimeIsRefusedWithRamsCode() {
        UsersModel model = new UsersModel();
        UsersController controller = new UsersController(session, model);
        AtomicReference<AccessKey> shown = new AtomicReference<>(new AccessKey("x", "y", "z", null, "Active"));
        controller.createUser("bob", null, false, shown::set, FAIL);
        assertNull(shown.get());
        assertEquals("None", model.users().get(0).accessKeysText());

        AtomicReference<Throwable> refused = new AtomicReference<>();
        controller.createUser("bob", null, false, k -> fail("created twice"), refused::set);
        assertNotNull(refused.get());
        assertTrue(Errors.describe(refused.get()).contains("EntityAlreadyExists"), Errors.describe(refused.get()));
    }

    @Test
    void attachAndDetachAPolicyOnTheUsersPermissions() {
        ram().createUser(ctx, "alice", null, null);
        UserDetailsModel model = new UserDetailsModel("alice");
        UserDetailsController details = new UserDetailsController(session, model);
        details.load();
        assertTrue(model.policies().isEmpty());

        Policy ecs = ram().listPolicies(ctx, "System").stream()
                .filter(p -> p.policyName().equals("AliyunECSFullAccess")).findFirst().orElseThrow();
        details.attachments().attach(Attachments.Target.USER, "alice", List.of(ecs), () -> { }, FAIL);

        assertEquals(List.of("AliyunECSFullAccess"), model.policies().stream().map(AttachedPolicy::policyName)
                .toList());
        assertEquals("The policy AliyunECSFullAccess was attached to the user alice.", model.noticeProperty().get());
        assertEquals(1, ram().policiesInForce(ctx.accountId(), "alice").size(), "in force for the guard");

        AttachedPolicy attached = model.policies().get(0);
        assertTrue(Attachments.detachQuestion(Attachments.Target.USER, "alice", attached)
                .startsWith("Detach the System policy AliyunECSFullAccess from the user alice?"));
        details.attachments().detach(Attachments.Target.USER, "alice", attached, () -> { }, FAIL);
        assertTrue(model.policies().isEmpty());
        assertTrue(ram().policiesInForce(ctx.accountId(), "alice").isEmpty());
    }

    @Test
    void accessKeysAreDisabledEnabledAndDeleted() {
        ram().createUser(ctx, "alice", null, null);
        UserDetailsModel model = new UserDetailsModel("alice");
        UserDetailsController details = new UserDetailsController(session, model);
        AtomicReference<AccessKey> shown = new AtomicReference<>();
        details.createAccessKey(shown::set);
        String id = shown.get().accessKeyId();
        assertEquals("Active", model.accessKeys().get(0).status());

        details.setAccessKeyStatus(id, "Inactive");
        assertEquals("Inactive", model.accessKeys().get(0).status());
        details.setAccessKeyStatus(id, "Active");
        assertEquals("Active", model.accessKeys().get(0).status());

        details.deleteAccessKey(id, () -> { }, FAIL);
        assertTrue(model.accessKeys().isEmpty());
        assertNull(model.errorProperty().get());
    }

    @Test
    void deletingAUserTakesItsKeysGroupsAndPoliciesWithIt() {
        ram().createUser(ctx, "alice", null, null);
        ram().createAccessKey(ctx, "alice");
        ram().createGroup(ctx, "ops", null);
        ram().addUserToGroup(ctx, "alice", "ops");
        ram().attachPolicyToUser(ctx, "System", "AliyunKMSReadOnlyAccess", "alice");
        UsersModel model = new UsersModel();
        UsersController controller = new UsersController(session, model);
        controller.load();
        assertEquals(1, model.users().size());

        controller.deleteUser("alice", () -> { }, FAIL);

        assertTrue(model.users().isEmpty());
        assertTrue(ram().findUser(ctx.accountId(), "alice").isEmpty());
        assertTrue(ram().listUsersForGroup(ctx, "ops").isEmpty());
    }

    @Test
    void aGroupGetsMembersAndPoliciesWhichItsMembersThenHave() {
        ram().createUser(ctx, "alice", null, null);
        GroupsModel groups = new GroupsModel();
        new GroupsController(session, groups).createGroup("disk-operators", "Encrypted disks only", () -> { }, FAIL);
        assertEquals("disk-operators", groups.groups().get(0).groupName());

        GroupDetailsModel model = new GroupDetailsModel("disk-operators");
        GroupDetailsController details = new GroupDetailsController(session, model);
        details.addMembers(List.of("alice"), () -> { }, FAIL);
        assertEquals(List.of("alice"), model.members().stream().map(u -> u.userName()).toList());
        Policy kms = ram().listPolicies(ctx, "System").stream()
                .filter(p -> p.policyName().equals("AliyunKMSReadOnlyAccess")).findFirst().orElseThrow();
        details.attachments().attach(Attachments.Target.GROUP, "disk-operators", List.of(kms), () -> { }, FAIL);
        assertEquals(1, model.policies().size());
        assertEquals(1, ram().policiesInForce(ctx.accountId(), "alice").size(), "the member has the group's policy");

        details.removeMember("alice", () -> { }, FAIL);
        assertTrue(model.members().isEmpty());
        assertTrue(ram().policiesInForce(ctx.accountId(), "alice").isEmpty());
    }

    @Test
    void aPolicyFromTheTemplateIsCreatedVersionedAndItsDetailsSummariseIt() {
        PoliciesModel model = new PoliciesModel();
        PoliciesController controller = new PoliciesController(session, model);
        controller.createPolicy("OnlyEncryptedDisks", PolicyTemplates.ONLY_ENCRYPTED_DISKS.document(),
                PolicyTemplates.ONLY_ENCRYPTED_DISKS.description(), () -> { }, FAIL);
        model.typeProperty().set(PoliciesModel.TypeFilter.CUSTOM);
        assertEquals(List.of("OnlyEncryptedDisks"), model.rows().pageRows().stream().map(Policy::policyName).toList());
        model.typeProperty().set(PoliciesModel.TypeFilter.SYSTEM);
        model.rows().queryProperty().set("kmsreadonly");
        assertEquals(List.of("AliyunKMSReadOnlyAccess"), model.rows().pageRows().stream().map(Policy::policyName)
                .toList(), "the System filter and the search");

        ram().attachPolicyToUser(ctx, "Custom", "OnlyEncryptedDisks", createdUser("alice"));
        PolicyDetailsModel details = new PolicyDetailsModel("Custom", "OnlyEncryptedDisks");
        PolicyDetailsController detailsController = new PolicyDetailsController(session, details);
        detailsController.load();
        assertTrue(details.summary().get(0).contains("ecs:IsDiskEncrypted"), details.summary().toString());
        assertEquals("alice", details.entities().get(0).name());
        assertEquals("v1", details.policyProperty().get().defaultVersion());

        detailsController.createVersion(PolicyTemplates.KMS_READ_ONLY.document(), false, () -> { }, FAIL);
        assertEquals(2, details.versions().size());
        assertEquals("v1", details.policyProperty().get().defaultVersion(), "not the default unless asked");
        detailsController.setDefaultVersion("v2");
        assertEquals("v2", details.policyProperty().get().defaultVersion());
        assertTrue(details.summary().get(0).contains("kms:List*"), "the summary of the new default");
    }

    private String createdUser(String name) {
        ram().createUser(ctx, name, null, null);
        return name;
    }

    @Test
    void aMalformedDocumentIsRefusedByRamWithWhere() {
        PoliciesController controller = new PoliciesController(session, new PoliciesModel());
        AtomicReference<Throwable> refused = new AtomicReference<>();
        controller.createPolicy("Broken", "{\"Version\": \"1\", \"Statement\": [{\"Effect\": \"Maybe\"}]}", null,
                () -> fail("created"), refused::set);
        String text = Errors.describe(refused.get());
        assertTrue(text.contains("MalformedPolicyDocument"), text);
    }

    /** Acting as a RAM user whose RAM calls are refused: the Users list shows the refusal in place of the table. */
    @Test
    void aRefusedListShowsTheAccessDeniedTextForThePanel() {
        RamService refusing = (RamService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {RamService.class}, (proxy, method, args) -> {
                    if (args != null && args.length > 0 && args[0] instanceof CallContext c
                            && c.userName() != null) {
                        throw new AccessDeniedException("NoPermission", "You are not authorized to do this action."
                                + " Action: ram:ListUsers", "ram:ListUsers", "acs:ram:*:" + c.accountId() + ":user/*",
                                c.userName(), AccessDeniedException.DenyType.ImplicitDeny);
                    }
                    try {
                        return method.invoke(sim.ram(), args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        ConsoleServices base = ConsoleTestSupport.services(sim, ctx.accountId());
        ConsoleSession asBob = new ConsoleSession(new ConsoleServices(base.kms(), base.ecs(), base.instances(),
                refusing, base.accounts(), base.clock(), base.accountId(), null, null, false, null, base.changes(),
                base.trail(), base.oos()), tasks, null);
        asBob.principalProperty().set("bob");
        assertEquals("bob", asBob.context().principal(), "the context carries the chosen user");
        UsersModel model = new UsersModel();
        UsersController users = new UsersController(asBob, model);

        users.load();

        String error = model.errorProperty().get();
        assertTrue(Errors.isRefusedLoad(error), error);
        assertTrue(error.contains("Missing permission: ram:ListUsers"), error);
        assertTrue(model.users().isEmpty());

        asBob.principalProperty().set(CallContext.ROOT); // back to the account itself
        users.load();
        assertNull(model.errorProperty().get());
    }
}
