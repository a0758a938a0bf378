package dev.ecskms.sim.ram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.kms.Hsm;
import dev.ecskms.sim.ram.policy.AccessRequest;
import dev.ecskms.sim.ram.policy.Decision;
import dev.ecskms.sim.ram.policy.PolicyDocument;
import dev.ecskms.sim.store.DataDir;
import dev.ecskms.sim.store.Store;
import dev.ecskms.sim.trail.TrailEvent;
import dev.ecskms.sim.trail.TrailFilter;
import dev.ecskms.testing.SimulatorTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** RAM users, groups, AccessKeys, custom policies and attachments: each operation, each limit, each refusal. */
class LocalRamServiceTest extends SimulatorTest {
    static final String ALLOW_ECS = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"ecs:*\","
            + "\"Resource\":\"*\"}]}";
    static final String DENY_PLAIN_DISKS = "{\"Version\":\"1\",\"Statement\":[{\"Effect\":\"Deny\",\"Action\":"
            + "[\"ecs:CreateDisk\",\"ecs:RunInstances\"],\"Resource\":\"*\",\"Condition\":{\"Bool\":"
            + "{\"ecs:IsDiskEncrypted\":[\"false\"]}}}]}";

    RamService ram;

    @Override
    protected void opened() {
        ram = sim.ram();
    }

    static void assertCode(String code, Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        assertEquals(code, e.code(), e.getMessage());
    }

    // ------------------------------------------------------------------ users

    @Test
    void createGetUpdateListAndDeleteUsers() {
        User alice = ram.createUser(ctx, "alice", "Alice Liu", "cloud engineer");
        assertEquals("alice", alice.userName());
        assertEquals("Alice Liu", alice.displayName());
        assertEquals("cloud engineer", alice.comments());
        assertTrue(alice.userId().matches("\\d{16}"), alice.userId());
        assertNull(alice.lastLoginDate());
        assertEquals(sim.clock().instant(), alice.createDate());
        assertEquals(alice, ram.getUser(ctx, "alice"));
        User bob = ram.createUser(ctx, "bob.ops_1", null, null);
        assertEquals("", bob.displayName());

        sim.clock().fastForward(Duration.ofMinutes(1));
        User renamed = ram.updateUser(ctx, "alice", "alice2", null, "lead");
        assertEquals("alice2", renamed.userName());
        assertEquals("Alice Liu", renamed.displayName(), "a value not given stays");
        assertEquals("lead", renamed.comments());
        assertEquals(alice.userId(), renamed.userId());
        assertEquals(alice.createDate(), renamed.createDate());
        assertTrue(renamed.updateDate().isAfter(alice.updateDate()));
        assertCode("EntityNotExist.User", () -> ram.getUser(ctx, "alice"));
        assertEquals(List.of("alice2", "bob.ops_1"), ram.listUsers(ctx).stream().map(User::userName).toList());

        ram.deleteUser(ctx, "bob.ops_1");
        assertCode("EntityNotExist.User", () -> ram.getUser(ctx, "bob.ops_1"));
        assertCode("EntityNotExist.User", () -> ram.deleteUser(ctx, "bob.ops_1"));
        assertTrue(ram.findUser(ctx.accountId(), "alice2").isPresent());
        assertTrue(ram.findUser(ctx.accountId(), "bob.ops_1").isEmpty());
        assertTrue(ram.findUser(sim.accounts().peerAccountId(), "alice2").isEmpty(), "users belong to one account");
    }

    @Test
    void userNamesAndTextsAreCheckedAsRamChecksThem() {
        assertCode("MissingParameter", () -> ram.createUser(ctx, " ", null, null));
        assertCode("InvalidParameter.UserName.InvalidChars", () -> ram.createUser(ctx, "al ice", null, null));
        assertCode("InvalidParameter.UserName.InvalidChars", () -> ram.createUser(ctx, "alice@x", null, null));
        assertCode("InvalidParameter.UserName.Length", () -> ram.createUser(ctx, "a".repeat(65), null, null));
        ram.createUser(ctx, "a".repeat(64), "d".repeat(128), "c".repeat(128));
        assertCode("InvalidParameter.DisplayName.Length", () -> ram.createUser(ctx, "x", "d".repeat(129), null));
        assertCode("InvalidParameter.Comments.Length", () -> ram.createUser(ctx, "x", null, "c".repeat(129)));
        assertCode("InvalidParameter", () -> ram.createUser(ctx, "x", "\ud800", null));
        ram.createUser(ctx, "carol", null, null);
        assertCode("EntityAlreadyExists.User", () -> ram.createUser(ctx, "carol", null, null));
        assertCode("EntityAlreadyExists.User", () -> ram.updateUser(ctx, "carol", "a".repeat(64), null, null));
        assertCode("InvalidParameter.NewUserName.InvalidChars", () -> ram.updateUser(ctx, "carol", "c/d", null,
                null));
        assertCode("InvalidParameter.NewDisplayName.Length", () -> ram.updateUser(ctx, "carol", null,
                "d".repeat(129), null));
        assertCode("InvalidParameter.NewComments.Length", () -> ram.updateUser(ctx, "carol", null, null,
                "c".repeat(129)));
        assertCode("EntityNotExist.User", () -> ram.updateUser(ctx, "dave", null, null, null));
        assertEquals(2, ram.listUsers(ctx).size(), "nothing half-made by the refusals");
        assertEquals("", ram.getUser(ctx, "carol").comments());
    }

    @Test
    void aUserWithKeysGroupsOrPoliciesCannotBeDeleted() {
        ram.createUser(ctx, "alice", null, null);
        ram.createGroup(ctx, "ops", null);
        AccessKey key = ram.createAccessKey(ctx, "alice");
        ram.addUserToGroup(ctx, "alice", "ops");
        ram.attachPolicyToUser(ctx, "System", "AliyunECSReadOnlyAccess", "alice");

        assertCode("DeleteConflict.User.AccessKey", () -> ram.deleteUser(ctx, "alice"));
        ram.deleteAccessKey(ctx, "alice", key.accessKeyId());
        assertCode("DeleteConflict.User.Group", () -> ram.deleteUser(ctx, "alice"));
        ram.removeUserFromGroup(ctx, "alice", "ops");
        assertCode("DeleteConflict.User.Policy", () -> ram.deleteUser(ctx, "alice"));
        ram.detachPolicyFromUser(ctx, "System", "AliyunECSReadOnlyAccess", "alice");
        ram.deleteUser(ctx, "alice");
        assertTrue(ram.listUsers(ctx).isEmpty());
        assertTrue(sim.accounts().findAccessKey(key.accessKeyId()).isEmpty(), "a deleted key is gone");
    }

    @Test
    void aRenamedUserKeepsItsKeysGroupsAndPolicies() {
        ram.createUser(ctx, "alice", null, null);
        ram.createGroup(ctx, "ops", null);
        AccessKey key = ram.createAccessKey(ctx, "alice");
        ram.addUserToGroup(ctx, "alice", "ops");
        ram.attachPolicyToUser(ctx, "System", "AliyunKMSReadOnlyAccess", "alice");
        ram.updateUser(ctx, "alice", "alicia", null, null);

        assertEquals(List.of(key.accessKeyId()), ram.listAccessKeys(ctx, "alicia").stream()
                .map(AccessKeyInfo::accessKeyId).toList());
        assertEquals("alicia", sim.accounts().findAccessKey(key.accessKeyId()).orElseThrow().userName(),
                "the key now signs as the renamed user");
        assertEquals(List.of("ops"), ram.listGroupsForUser(ctx, "alicia").stream().map(Group::groupName).toList());
        assertEquals(List.of("AliyunKMSReadOnlyAccess"), ram.listPoliciesForUser(ctx, "alicia").stream()
                .map(AttachedPolicy::policyName).toList());

        ram.updateGroup(ctx, "ops", "operators", "the on-call");
        assertEquals(List.of("alicia"), ram.listUsersForGroup(ctx, "operators").stream().map(User::userName)
                .toList());
        assertEquals("the on-call", ram.getGroup(ctx, "operators").comments());
        assertCode("EntityNotExist.Group", () -> ram.getGroup(ctx, "ops"));
    }

    // ------------------------------------------------------------------ groups

    @Test
    void groupsAndTheirMembers() {
        Group ops = ram.createGroup(ctx, "ops-team", "on call");
        assertTrue(ops.groupId().startsWith("g-"), ops.groupId());
        assertEquals("on call", ops.comments());
        assertCode("EntityAlreadyExists.Group", () -> ram.createGroup(ctx, "ops-team", null));
        assertCode("InvalidParameter.GroupName.InvalidChars", () -> ram.createGroup(ctx, "ops_team", null));
        assertCode("InvalidParameter.GroupName.Length", () -> ram.createGroup(ctx, "g".repeat(65), null));
        assertCode("InvalidParameter.Comments.Length", () -> ram.createGroup(ctx, "g", "c".repeat(129)));
        ram.createGroup(ctx, "auditors", null);
        assertEquals(List.of("auditors", "ops-team"), ram.listGroups(ctx).stream().map(Group::groupName).toList());

        ram.createUser(ctx, "alice", null, null);
        ram.createUser(ctx, "bob", null, null);
        ram.addUserToGroup(ctx, "alice", "ops-team");
        ram.addUserToGroup(ctx, "bob", "ops-team");
        ram.addUserToGroup(ctx, "alice", "auditors");
        assertCode("EntityAlreadyExists.User.Group", () -> ram.addUserToGroup(ctx, "alice", "ops-team"));
        assertCode("EntityNotExist.User", () -> ram.addUserToGroup(ctx, "carol", "ops-team"));
        assertCode("EntityNotExist.Group", () -> ram.addUserToGroup(ctx, "alice", "devs"));
        assertEquals(Set.of("alice", "bob"), ram.listUsersForGroup(ctx, "ops-team").stream().map(User::userName)
                .collect(Collectors.toSet()));
        assertEquals(Set.of("ops-team", "auditors"), ram.listGroupsForUser(ctx, "alice").stream()
                .map(Group::groupName).collect(Collectors.toSet()));
        assertEquals(sim.clock().instant(), ram.listGroupsForUser(ctx, "alice").get(0).joinDate());
        assertEquals(sim.clock().instant(), ram.listUsersForGroup(ctx, "ops-team").get(0).joinDate());
        assertNull(ram.getGroup(ctx, "ops-team").joinDate(), "a join date belongs to a membership");

        assertCode("DeleteConflict.Group.User", () -> ram.deleteGroup(ctx, "ops-team"));
        ram.removeUserFromGroup(ctx, "alice", "ops-team");
        ram.removeUserFromGroup(ctx, "bob", "ops-team");
        assertCode("EntityNotExist.User.Group", () -> ram.removeUserFromGroup(ctx, "bob", "ops-team"));
        ram.attachPolicyToGroup(ctx, "System", "AliyunECSFullAccess", "ops-team");
        assertCode("DeleteConflict.Group.Policy", () -> ram.deleteGroup(ctx, "ops-team"));
        ram.detachPolicyFromGroup(ctx, "System", "AliyunECSFullAccess", "ops-team");
        ram.deleteGroup(ctx, "ops-team");
        assertCode("EntityNotExist.Group", () -> ram.deleteGroup(ctx, "ops-team"));
        assertEquals(List.of("auditors"), ram.listGroupsForUser(ctx, "alice").stream().map(Group::groupName)
                .toList());
    }

    @Test
    void aUserJoinsAtMostTenGroups() {
        ram.createUser(ctx, "alice", null, null);
        for (int i = 1; i <= LocalRamService.MAX_GROUPS_PER_USER + 1; i++) {
            ram.createGroup(ctx, "g" + i, null);
        }
        for (int i = 1; i <= LocalRamService.MAX_GROUPS_PER_USER; i++) {
            ram.addUserToGroup(ctx, "alice", "g" + i);
        }
        assertCode("LimitExceeded.User.Group", () -> ram.addUserToGroup(ctx, "alice", "g11"));
        assertEquals(LocalRamService.MAX_GROUPS_PER_USER, ram.listGroupsForUser(ctx, "alice").size());
    }

    @Test
    void anAccountHasAtMost300Groups() {
        for (int i = 0; i < LocalRamService.MAX_GROUPS; i++) {
            ram.createGroup(ctx, "g" + i, null);
        }
        assertCode("LimitExceeded.Group", () -> ram.createGroup(ctx, "one-more", null));
        assertEquals(LocalRamService.MAX_GROUPS, ram.listGroups(ctx).size());
    }

    // ------------------------------------------------------------------ AccessKeys

    @Test
    void twoAccessKeysPerUserWhoseSecretIsShownOnce() {
        ram.createUser(ctx, "alice", null, null);
        AccessKey first = ram.createAccessKey(ctx, "alice");
        assertTrue(first.accessKeyId().startsWith("LTAI"), first.accessKeyId());
        assertEquals(30, first.accessKeySecret().length());
        assertEquals("Active", first.status());
        assertEquals("alice", first.userName());
        assertEquals(ctx.accountId(), first.accountId());
        assertEquals(sim.clock().instant(), first.createDate());
        AccessKey second = ram.createAccessKey(ctx, "alice");
        assertNotEquals(first.accessKeyId(), second.accessKeyId());
        assertCode("LimitExceeded.User.AccessKey", () -> ram.createAccessKey(ctx, "alice"));
        assertCode("EntityNotExist.User", () -> ram.createAccessKey(ctx, "bob"));

        List<AccessKeyInfo> keys = ram.listAccessKeys(ctx, "alice");
        assertEquals(List.of(first.accessKeyId(), second.accessKeyId()).stream().sorted().toList(),
                keys.stream().map(AccessKeyInfo::accessKeyId).sorted().toList());
        assertTrue(keys.stream().allMatch(k -> k.status().equals("Active")));
        // the stored secret is the one shown, wrapped at rest: the endpoint can verify the user's signatures
        assertEquals(first.accessKeySecret(), sim.accounts().findAccessKey(first.accessKeyId()).orElseThrow()
                .accessKeySecret());

        ram.updateAccessKey(ctx, "alice", first.accessKeyId(), "Inactive");
        assertFalse(sim.accounts().findAccessKey(first.accessKeyId()).orElseThrow().isActive());
        assertCode("InvalidParameter", () -> ram.updateAccessKey(ctx, "alice", first.accessKeyId(), "Disabled"));
        assertCode("EntityNotExist.User.AccessKey", () -> ram.updateAccessKey(ctx, "alice", "LTAInope", "Active"));
        ram.updateAccessKey(ctx, "alice", first.accessKeyId(), "Active");
        assertTrue(sim.accounts().findAccessKey(first.accessKeyId()).orElseThrow().isActive());

        ram.deleteAccessKey(ctx, "alice", first.accessKeyId());
        assertCode("EntityNotExist.User.AccessKey", () -> ram.deleteAccessKey(ctx, "alice", first.accessKeyId()));
        assertEquals(1, ram.listAccessKeys(ctx, "alice").size());
        ram.createAccessKey(ctx, "alice"); // room again for a second key

        // another user's key, or the root account's, is not alice's to change
        ram.createUser(ctx, "bob", null, null);
        AccessKey bobs = ram.createAccessKey(ctx, "bob");
        assertCode("EntityNotExist.User.AccessKey", () -> ram.deleteAccessKey(ctx, "alice", bobs.accessKeyId()));
        String rootKey = sim.accounts().accessKeysOf(ctx.accountId(), null).isEmpty() ? null
                : sim.accounts().accessKeysOf(ctx.accountId(), null).get(0).accessKeyId();
        if (rootKey != null) {
            assertCode("EntityNotExist.User.AccessKey", () -> ram.updateAccessKey(ctx, "alice", rootKey,
                    "Inactive"));
        }
    }

    /** Eight callers at once still make two keys: the limit is checked and the key made under one lock. */
    @Test
    void concurrentCreateAccessKeyStopsAtTwo() throws Exception {
        ram.createUser(ctx, "alice", null, null);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<String>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    try {
                        return ram.createAccessKey(ctx, "alice").accessKeyId();
                    } catch (ApiException e) {
                        return e.code();
                    }
                }));
            }
            start.countDown();
            List<String> outcomes = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<String> call : calls) {
                outcomes.add(call.get());
            }
            assertEquals(6, outcomes.stream().filter("LimitExceeded.User.AccessKey"::equals).count(),
                    outcomes::toString);
            assertEquals(2, ram.listAccessKeys(ctx, "alice").size());
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ policies

    @Test
    void customPoliciesAndTheirVersions() {
        Policy created = ram.createPolicy(ctx, "ecs-all", ALLOW_ECS, "everything on ECS");
        assertEquals("Custom", created.policyType());
        assertEquals("v1", created.defaultVersion());
        assertEquals("everything on ECS", created.description());
        assertEquals(0, created.attachmentCount());

        RamService.PolicyDetail detail = ram.getPolicy(ctx, "Custom", "ecs-all");
        assertEquals(created, detail.policy());
        assertEquals(new PolicyVersion("v1", true, ALLOW_ECS, created.createDate()), detail.defaultVersion());

        PolicyVersion v2 = ram.createPolicyVersion(ctx, "ecs-all", DENY_PLAIN_DISKS, false);
        assertEquals("v2", v2.versionId());
        assertFalse(v2.isDefaultVersion());
        assertEquals("v1", ram.getPolicy(ctx, "Custom", "ecs-all").policy().defaultVersion());
        PolicyVersion v3 = ram.createPolicyVersion(ctx, "ecs-all", ALLOW_ECS, true);
        assertTrue(v3.isDefaultVersion());
        assertEquals("v3", ram.getPolicy(ctx, "Custom", "ecs-all").policy().defaultVersion());
        ram.setDefaultPolicyVersion(ctx, "ecs-all", "v2");
        assertEquals(DENY_PLAIN_DISKS, ram.getPolicy(ctx, "Custom", "ecs-all").defaultVersion().policyDocument());
        assertEquals(List.of("v1", "v2", "v3"), ram.listPolicyVersions(ctx, "Custom", "ecs-all").stream()
                .map(PolicyVersion::versionId).toList());
        assertEquals(List.of(false, true, false), ram.listPolicyVersions(ctx, "Custom", "ecs-all").stream()
                .map(PolicyVersion::isDefaultVersion).toList());
        assertEquals(ALLOW_ECS, ram.getPolicyVersion(ctx, "Custom", "ecs-all", "v1").policyDocument());

        assertCode("DeleteConflict.Policy.Version.Default", () -> ram.deletePolicyVersion(ctx, "ecs-all", "v2"));
        assertCode("EntityNotExist.Policy.Version", () -> ram.deletePolicyVersion(ctx, "ecs-all", "v9"));
        assertCode("EntityNotExist.Policy.Version", () -> ram.setDefaultPolicyVersion(ctx, "ecs-all", "v9"));
        assertCode("InvalidParameter.VersionId.Format", () -> ram.getPolicyVersion(ctx, "Custom", "ecs-all", "2"));
        assertCode("DeleteConflict.Policy.Version", () -> ram.deletePolicy(ctx, "ecs-all"));
        ram.deletePolicyVersion(ctx, "ecs-all", "v1");
        ram.deletePolicyVersion(ctx, "ecs-all", "v3");
        assertEquals("v4", ram.createPolicyVersion(ctx, "ecs-all", ALLOW_ECS, false).versionId(),
                "version ids are not reused");
        ram.deletePolicyVersion(ctx, "ecs-all", "v4");
        ram.deletePolicy(ctx, "ecs-all");
        assertCode("EntityNotExist.Policy", () -> ram.getPolicy(ctx, "Custom", "ecs-all"));
        assertCode("EntityNotExist.Policy", () -> ram.deletePolicy(ctx, "ecs-all"));
    }

    @Test
    void fiveVersionsAtMostUnlessTheOldestIsRotatedOut() {
        ram.createPolicy(ctx, "p", ALLOW_ECS, null);
        for (int i = 2; i <= LocalRamService.MAX_POLICY_VERSIONS; i++) {
            ram.createPolicyVersion(ctx, "p", ALLOW_ECS, false);
        }
        assertCode("LimitExceeded.Policy.Version", () -> ram.createPolicyVersion(ctx, "p", ALLOW_ECS, true));
        assertEquals(5, ram.listPolicyVersions(ctx, "Custom", "p").size());
        assertEquals("v1", ram.getPolicy(ctx, "Custom", "p").policy().defaultVersion(), "nothing changed");

        ram.setDefaultPolicyVersion(ctx, "p", "v1");
        PolicyVersion v6 = ram.createPolicyVersion(ctx, "p", DENY_PLAIN_DISKS, true,
                LocalRamService.ROTATE_DELETE_OLDEST);
        assertEquals("v6", v6.versionId());
        assertEquals(List.of("v1", "v3", "v4", "v5", "v6"), ram.listPolicyVersions(ctx, "Custom", "p").stream()
                .map(PolicyVersion::versionId).toList(), "v2, the oldest that was not the default, made room");
        assertEquals("v6", ram.getPolicy(ctx, "Custom", "p").policy().defaultVersion());
        assertCode("InvalidParameter", () -> ram.createPolicyVersion(ctx, "p", ALLOW_ECS, false, "Sometimes"));
    }

    @Test
    void policyNamesDocumentsAndDescriptionsAreChecked() {
        assertCode("InvalidParameter.PolicyName.InvalidChars", () -> ram.createPolicy(ctx, "my_policy", ALLOW_ECS,
                null));
        assertCode("InvalidParameter.PolicyName.Length", () -> ram.createPolicy(ctx, "p".repeat(129), ALLOW_ECS,
                null));
        assertCode("MissingParameter", () -> ram.createPolicy(ctx, "p", " ", null));
        assertCode("InvalidParameter.PolicyDocument.Length", () -> ram.createPolicy(ctx, "p",
                ALLOW_ECS.replace("\"Version\"", " ".repeat(6144)
                        + "\"Version\""), null));
        assertCode("MalformedPolicyDocument", () -> ram.createPolicy(ctx, "p", "{\"Version\":\"1\"", null));
        assertCode("MalformedPolicyDocument", () -> ram.createPolicy(ctx, "p", ALLOW_ECS.replace("Allow", "Permit"),
                null));
        assertCode("InvalidParameter.Description.Length", () -> ram.createPolicy(ctx, "p", ALLOW_ECS,
                "d".repeat(1025)));
        assertCode("EntityAlreadyExists.Policy", () -> ram.createPolicy(ctx, "AdministratorAccess", ALLOW_ECS,
                null));
        ram.createPolicy(ctx, "p", ALLOW_ECS, "d".repeat(1024));
        assertCode("EntityAlreadyExists.Policy", () -> ram.createPolicy(ctx, "p", ALLOW_ECS, null));
        assertCode("MalformedPolicyDocument", () -> ram.createPolicyVersion(ctx, "p", "[]", true));
        assertEquals(1, ram.listPolicyVersions(ctx, "Custom", "p").size(), "the refused version left nothing");
        assertCode("InvalidParameter.PolicyType", () -> ram.getPolicy(ctx, "Managed", "p"));
        assertCode("EntityNotExist.Policy", () -> ram.getPolicy(ctx, "System", "p"));
        assertCode("EntityNotExist.Policy", () -> ram.createPolicyVersion(ctx, "AdministratorAccess", ALLOW_ECS,
                true));
        assertEquals(List.of("p"), ram.listPolicies(ctx, "Custom").stream().map(Policy::policyName).toList());
    }

    @Test
    void systemPoliciesAreListedWithTheirDocuments() {
        List<Policy> system = ram.listPolicies(ctx, "System");
        assertEquals(RamService.SYSTEM_POLICIES, system.stream().map(Policy::policyName).collect(Collectors.toSet()));
        assertTrue(system.stream().allMatch(p -> p.policyType().equals("System") && p.defaultVersion().equals("v1")
                && !p.description().isBlank()));
        RamService.PolicyDetail kmsRead = ram.getPolicy(ctx, "System", "AliyunKMSReadOnlyAccess");
        assertTrue(kmsRead.defaultVersion().policyDocument().contains("kms:List*"));
        assertEquals(List.of("v1"), ram.listPolicyVersions(ctx, "System", "AdministratorAccess").stream()
                .map(PolicyVersion::versionId).toList());
        assertCode("EntityNotExist.Policy", () -> ram.deletePolicy(ctx, "AdministratorAccess"));
        ram.createPolicy(ctx, "mine", ALLOW_ECS, null);
        assertEquals(system.size() + 1, ram.listPolicies(ctx, null).size());
    }

    // ------------------------------------------------------------------ attachments

    @Test
    void attachAndDetachPoliciesToUsersGroupsAndRoles() {
        ram.createUser(ctx, "alice", null, null);
        ram.createGroup(ctx, "ops", null);
        ram.authorizeEcsDiskEncryption(ctx);
        ram.createPolicy(ctx, "only-encrypted", DENY_PLAIN_DISKS, null);

        ram.attachPolicyToUser(ctx, "Custom", "only-encrypted", "alice");
        ram.attachPolicyToUser(ctx, "System", "AliyunECSFullAccess", "alice");
        ram.attachPolicyToGroup(ctx, "Custom", "only-encrypted", "ops");
        ram.attachPolicyToRole(ctx, "Custom", "only-encrypted", RamService.ECS_DISK_ENCRYPTION_ROLE);
        assertCode("EntityAlreadyExists.User.Policy", () -> ram.attachPolicyToUser(ctx, "Custom", "only-encrypted",
                "alice"));
        assertCode("EntityAlreadyExists.Group.Policy", () -> ram.attachPolicyToGroup(ctx, "Custom",
                "only-encrypted", "ops"));
        assertCode("EntityAlreadyExists.Role.Policy", () -> ram.attachPolicyToRole(ctx, "Custom", "only-encrypted",
                RamService.ECS_DISK_ENCRYPTION_ROLE));
        assertCode("EntityNotExist.Policy", () -> ram.attachPolicyToUser(ctx, "Custom", "AliyunECSFullAccess",
                "alice"));
        assertCode("EntityNotExist.Policy", () -> ram.attachPolicyToUser(ctx, "System", "only-encrypted", "alice"));
        assertCode("EntityNotExist.User", () -> ram.attachPolicyToUser(ctx, "System", "AliyunECSFullAccess",
                "bob"));
        assertCode("EntityNotExist.Group", () -> ram.attachPolicyToGroup(ctx, "System", "AliyunECSFullAccess",
                "devs"));
        assertCode("InvalidParameter.PolicyType", () -> ram.attachPolicyToUser(ctx, "Managed",
                "AliyunECSFullAccess", "alice"));

        assertEquals(List.of("Custom:only-encrypted", "System:AliyunECSFullAccess"), ram.listPoliciesForUser(ctx,
                "alice").stream().map(a -> a.policyType() + ":" + a.policyName()).sorted().toList());
        assertEquals(List.of("only-encrypted"), ram.listPoliciesForGroup(ctx, "ops").stream()
                .map(AttachedPolicy::policyName).toList());
        AttachedPolicy custom = ram.listPoliciesForUser(ctx, "alice").stream()
                .filter(a -> a.policyType().equals("Custom")).findFirst().orElseThrow();
        assertEquals("v1", custom.defaultVersion());
        assertEquals("", custom.description());
        assertTrue(ram.listPoliciesForUser(ctx, "alice").stream().filter(a -> a.policyType().equals("System"))
                .allMatch(a -> a.defaultVersion().equals("v1") && !a.description().isBlank()));
        assertEquals(3, ram.getPolicy(ctx, "Custom", "only-encrypted").policy().attachmentCount());
        PolicyAttachment toRole = ram.listEntitiesForPolicy(ctx, "Custom", "only-encrypted").stream()
                .filter(a -> a.entityType().equals("Role")).findFirst().orElseThrow();
        Role role = ram.getRole(ctx, RamService.ECS_DISK_ENCRYPTION_ROLE);
        assertEquals(role.roleId(), toRole.entityId());
        assertEquals(role.arn(), toRole.arn());
        assertEquals(role.description(), toRole.description());
        PolicyAttachment toUser = ram.listEntitiesForPolicy(ctx, "Custom", "only-encrypted").stream()
                .filter(a -> a.entityType().equals("User")).findFirst().orElseThrow();
        assertEquals(ram.getUser(ctx, "alice").userId(), toUser.entityId());
        assertEquals(Set.of("User:alice", "Group:ops", "Role:" + RamService.ECS_DISK_ENCRYPTION_ROLE),
                ram.listEntitiesForPolicy(ctx, "Custom", "only-encrypted").stream()
                        .map(a -> a.entityType() + ":" + a.name()).collect(Collectors.toSet()));
        assertEquals(1, ram.listPolicies(ctx, "System").stream()
                .filter(p -> p.policyName().equals("AliyunECSFullAccess")).findFirst().orElseThrow()
                .attachmentCount());

        assertCode("DeleteConflict.Policy.User", () -> ram.deletePolicy(ctx, "only-encrypted"));
        ram.detachPolicyFromUser(ctx, "Custom", "only-encrypted", "alice");
        assertCode("EntityNotExist.User.Policy", () -> ram.detachPolicyFromUser(ctx, "Custom", "only-encrypted",
                "alice"));
        assertCode("DeleteConflict.Policy.Group", () -> ram.deletePolicy(ctx, "only-encrypted"));
        ram.detachPolicyFromGroup(ctx, "Custom", "only-encrypted", "ops");
        assertCode("EntityNotExist.Group.Policy", () -> ram.detachPolicyFromGroup(ctx, "Custom", "only-encrypted",
                "ops"));
        assertCode("DeleteConflict.Policy.Role", () -> ram.deletePolicy(ctx, "only-encrypted"));
        ram.detachPolicyFromRole(ctx, "Custom", "only-encrypted", RamService.ECS_DISK_ENCRYPTION_ROLE);
        assertCode("EntityNotExist.Role.Policy", () -> ram.detachPolicyFromRole(ctx, "Custom", "only-encrypted",
                RamService.ECS_DISK_ENCRYPTION_ROLE));
        assertTrue(ram.ecsMayUseCustomerKeys(ctx.accountId()), "the service role's own policy stays");
        ram.deletePolicy(ctx, "only-encrypted");
        assertTrue(ram.listEntitiesForPolicy(ctx, "System", "AliyunECSFullAccess").stream()
                .allMatch(a -> a.name().equals("alice")));
    }

    @Test
    void customAndSystemPoliciesPerUserAreLimitedApart() {
        ram.createUser(ctx, "alice", null, null);
        for (int i = 1; i <= LocalRamService.MAX_CUSTOM_POLICIES_PER_ENTITY + 1; i++) {
            ram.createPolicy(ctx, "p" + i, ALLOW_ECS, null);
        }
        for (int i = 1; i <= LocalRamService.MAX_CUSTOM_POLICIES_PER_ENTITY; i++) {
            ram.attachPolicyToUser(ctx, "Custom", "p" + i, "alice");
        }
        assertCode("LimitExceeded.User.Policy", () -> ram.attachPolicyToUser(ctx, "Custom", "p11", "alice"));
        ram.attachPolicyToUser(ctx, "System", "AdministratorAccess", "alice"); // System policies count apart
        assertEquals(LocalRamService.MAX_CUSTOM_POLICIES_PER_ENTITY + 1, ram.listPoliciesForUser(ctx, "alice")
                .size());
    }

    @Test
    void everythingSurvivesReopeningTheStore() {
        ram.createUser(ctx, "alice", "Alice", "x");
        ram.createGroup(ctx, "ops", "y");
        ram.addUserToGroup(ctx, "alice", "ops");
        AccessKey key = ram.createAccessKey(ctx, "alice");
        ram.updateAccessKey(ctx, "alice", key.accessKeyId(), "Inactive");
        ram.createPolicy(ctx, "only-encrypted", DENY_PLAIN_DISKS, "z");
        ram.createPolicyVersion(ctx, "only-encrypted", ALLOW_ECS, true);
        ram.attachPolicyToUser(ctx, "Custom", "only-encrypted", "alice");
        ram.attachPolicyToGroup(ctx, "System", "AliyunKMSReadOnlyAccess", "ops");
        User alice = ram.getUser(ctx, "alice");

        reopen();

        assertEquals(alice, ram.getUser(ctx, "alice"));
        assertEquals(List.of("ops"), ram.listGroupsForUser(ctx, "alice").stream().map(Group::groupName).toList());
        AccessKey reloaded = sim.accounts().findAccessKey(key.accessKeyId()).orElseThrow();
        assertEquals(key.accessKeySecret(), reloaded.accessKeySecret());
        assertEquals("Inactive", reloaded.status());
        assertEquals("v2", ram.getPolicy(ctx, "Custom", "only-encrypted").policy().defaultVersion());
        assertEquals(2, ram.listPolicyVersions(ctx, "Custom", "only-encrypted").size());
        assertEquals(List.of("only-encrypted"), ram.listPoliciesForUser(ctx, "alice").stream()
                .map(AttachedPolicy::policyName).toList());
        assertEquals(List.of("AliyunKMSReadOnlyAccess"), ram.listPoliciesForGroup(ctx, "ops").stream()
                .map(AttachedPolicy::policyName).toList());
    }

    @Test
    void writesAreOnTheAuditTrailAndReadsAreNot() {
        ram.createUser(ctx, "alice", null, null);
        AccessKey key = ram.createAccessKey(ctx, "alice");
        ram.createPolicy(ctx, "only-encrypted", DENY_PLAIN_DISKS, null);
        ram.attachPolicyToUser(ctx, "Custom", "only-encrypted", "alice");
        ram.listUsers(ctx);
        ram.getPolicy(ctx, "Custom", "only-encrypted");
        assertCode("EntityAlreadyExists.User", () -> ram.createUser(ctx, "alice", null, null));

        List<TrailEvent> events = sim.trail().lookupEvents(ctx, TrailFilter.all().service("Ram")
                .page(TrailFilter.MAX_RESULTS, null)).events();
        List<String> names = events.stream().map(TrailEvent::eventName).sorted().toList();
        assertEquals(List.of("AttachPolicyToUser", "CreateAccessKey", "CreatePolicy", "CreateUser", "CreateUser"),
                names);
        TrailEvent created = events.stream().filter(e -> e.eventName().equals("CreatePolicy")).findFirst()
                .orElseThrow();
        assertEquals("ACS::RAM::Policy", created.resourceType());
        assertEquals("only-encrypted", created.resourceName());
        TrailEvent attach = events.stream().filter(e -> e.eventName().equals("AttachPolicyToUser")).findFirst()
                .orElseThrow();
        assertEquals("ACS::RAM::User", attach.resourceType());
        assertEquals("alice", attach.resourceName());
        assertTrue(events.stream().anyMatch(e -> "EntityAlreadyExists.User".equals(e.errorCode())));
        assertTrue(events.stream().noneMatch(e -> String.valueOf(e.errorMessage()).contains(key.accessKeySecret())));
    }

    // ------------------------------------------------------------------ what the guard asks

    /** What the guard evaluates: the parsed default versions, an explicit Deny beating ECS full access. */
    @Test
    void thePoliciesInForceEvaluateAsTheLanguageSays() {
        ram.createUser(ctx, "alice", null, null);
        ram.createGroup(ctx, "ecs-admins", null);
        ram.addUserToGroup(ctx, "alice", "ecs-admins");
        ram.attachPolicyToGroup(ctx, "System", "AliyunECSFullAccess", "ecs-admins");
        ram.createPolicy(ctx, "only-encrypted", DENY_PLAIN_DISKS, null);
        ram.attachPolicyToUser(ctx, "Custom", "only-encrypted", "alice");

        List<PolicyDocument> inForce = ram.policiesInForce(ctx.accountId(), "alice");
        assertEquals(2, inForce.size());
        String disk = "acs:ecs:cn-hangzhou:" + ctx.accountId() + ":disk/*";
        assertEquals(Decision.EXPLICIT_DENY, PolicyDocument.evaluate(inForce, new AccessRequest("ecs:CreateDisk",
                disk, Map.of("ecs:IsDiskEncrypted", List.of("false")))));
        assertEquals(Decision.ALLOW, PolicyDocument.evaluate(inForce, new AccessRequest("ecs:CreateDisk", disk,
                Map.of("ecs:IsDiskEncrypted", List.of("true")))));
        assertEquals(Decision.IMPLICIT_DENY, PolicyDocument.evaluate(inForce, new AccessRequest("kms:DisableKey",
                "acs:kms:cn-hangzhou:" + ctx.accountId() + ":key/k")));
        List<PolicyDocument> again = ram.policiesInForce(ctx.accountId(), "alice");
        for (int i = 0; i < inForce.size(); i++) {
            assertSame(inForce.get(i), again.get(i), "parsed once, then cached");
        }

        ram.createPolicyVersion(ctx, "only-encrypted", ALLOW_ECS, true); // a new default takes effect at once
        assertEquals(Decision.ALLOW, PolicyDocument.evaluate(ram.policiesInForce(ctx.accountId(), "alice"),
                new AccessRequest("ecs:CreateDisk", disk, Map.of("ecs:IsDiskEncrypted", List.of("false")))));
        assertTrue(ram.policiesInForce(ctx.accountId(), "ghost").isEmpty());
    }

    /** The default versions attached to the user and to its groups, each policy once; a direct service on a store. */
    @Test
    void theDocumentsInForceAreTheDefaultVersionsOfTheUsersAndItsGroupsPolicies(@TempDir Path dir) {
        DataDir data = DataDir.open(dir);
        Store store = Store.open(data);
        try {
            Clock clock = sim.clock();
            AccountService accounts = new AccountService(store, Hsm.open(data.resolve("hsm")), clock);
            LocalRamService local = new LocalRamService(store, accounts, clock);
            CallContext root = CallContext.root(accounts.rootAccountId(), "cn-hangzhou");
            local.createUser(root, "alice", null, null);
            local.createUser(root, "bob", null, null);
            local.createGroup(root, "ops", null);
            local.addUserToGroup(root, "alice", "ops");
            local.createPolicy(root, "only-encrypted", ALLOW_ECS, null);
            local.createPolicyVersion(root, "only-encrypted", DENY_PLAIN_DISKS, true);
            local.attachPolicyToUser(root, "Custom", "only-encrypted", "alice");
            local.attachPolicyToGroup(root, "Custom", "only-encrypted", "ops");
            local.attachPolicyToGroup(root, "System", "AliyunKMSReadOnlyAccess", "ops");

            List<String> texts = local.documentsInForce(root.accountId(), "alice");
            assertEquals(2, texts.size(), "each policy once, though attached twice: " + texts);
            assertTrue(texts.contains(DENY_PLAIN_DISKS), "the default version (v2), not v1");
            assertTrue(texts.stream().anyMatch(t -> t.contains("kms:List*")), "the group's system policy");
            assertTrue(local.documentsInForce(root.accountId(), "bob").isEmpty());
            assertTrue(local.documentsInForce(root.accountId(), "ghost").isEmpty());
            local.removeUserFromGroup(root, "alice", "ops");
            assertEquals(List.of(DENY_PLAIN_DISKS), local.documentsInForce(root.accountId(), "alice"));
        } finally {
            store.close();
            data.close();
        }
    }
}
