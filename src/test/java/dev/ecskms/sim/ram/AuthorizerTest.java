package dev.ecskms.sim.ram;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.AccessDeniedException;
import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.common.SimClock;
import dev.ecskms.sim.ram.AccessGuard.Need;
import dev.ecskms.sim.ram.AccessGuard.Product;
import dev.ecskms.sim.ram.policy.PolicyDocument;
import dev.ecskms.sim.ram.policy.SystemPolicies;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Who is checked and what a refusal says; the policy evaluation itself is the policy language's (PolicyDocument). */
class AuthorizerTest {
    static final String ACCOUNT = "1234567890123456";
    final List<String> lookedUp = new ArrayList<>();
    /** A RAM store that knows no user at all: every user context is a deleted (or never created) user's. */
    final RamService noUsers = (RamService) Proxy.newProxyInstance(RamService.class.getClassLoader(),
            new Class<?>[] {RamService.class}, (p, m, a) -> {
                lookedUp.add(m.getName());
                return switch (m.getName()) {
                    case "findUser" -> Optional.empty();
                    case "policiesInForce" -> List.of();
                    default -> throw new AssertionError("the authorizer asked RAM for " + m.getName());
                };
            });
    final SimClock clock = new SimClock(Clock.fixed(Instant.parse("2026-11-30T10:00:00Z"), ZoneOffset.UTC),
            Duration.ofHours(2));
    final Authorizer authorizer = new Authorizer(noUsers, clock);
    final List<Need> disableKey = List.of(new Need("kms:DisableKey", "acs:kms:cn-hangzhou:" + ACCOUNT + ":key/k-1"));

    @Test
    void rootAndServiceRolesPassWithoutLookingAnythingUp() {
        authorizer.check(CallContext.root(ACCOUNT, "cn-hangzhou"), Product.KMS, disableKey);
        authorizer.check(CallContext.root("6543210987654321", "cn-hangzhou"), Product.KMS, disableKey);
        authorizer.check(CallContext.root(ACCOUNT, "cn-hangzhou").asServiceRole("AliyunECSDiskEncryptDefaultRole",
                "i-1"), Product.KMS, disableKey);
        assertEquals(List.of(), lookedUp);
    }

    @Test
    void aUserThatNoLongerExistsIsRefusedWithTheProductsCode() {
        CallContext gone = new CallContext(ACCOUNT, "bob", "cn-hangzhou", "r-1");
        AccessDeniedException e = assertThrows(AccessDeniedException.class,
                () -> authorizer.check(gone, Product.KMS, disableKey));
        assertEquals("Forbidden.NoPermission", e.code());
        assertEquals(403, e.httpStatus());
        assertEquals("kms:DisableKey", e.authAction());
        assertEquals("acs:kms:cn-hangzhou:" + ACCOUNT + ":key/k-1", e.resource());
        assertEquals("bob", e.principal());
        assertEquals(AccessDeniedException.DenyType.ImplicitDeny, e.denyType());
        assertTrue(e.getMessage().contains("no longer exists"), e.getMessage());
        assertEquals("Forbidden.RAM", assertThrows(AccessDeniedException.class, () -> authorizer.check(gone,
                Product.ECS, List.of(new Need("ecs:CreateDisk", "acs:ecs:cn-hangzhou:" + ACCOUNT + ":disk/*"))))
                .code());
        assertEquals("NoPermission", assertThrows(AccessDeniedException.class, () -> authorizer.check(gone,
                Product.RAM, List.of(new Need("ram:CreateUser", "acs:ram:*:" + ACCOUNT + ":user/x")))).code());
    }

    @Test
    void theMessageNamesActionResourceAndWhatToDo() {
        String implicit = Authorizer.message("bob", "kms:DisableKey", "acs:kms:cn-hangzhou:1:key/k-1",
                AccessDeniedException.DenyType.ImplicitDeny);
        assertTrue(implicit.contains("bob is not authorized to perform kms:DisableKey on acs:kms:cn-hangzhou:1:key/k-1"),
                implicit);
        assertTrue(implicit.contains("attach a policy that allows it"), implicit);
        String explicit = Authorizer.message("bob", "kms:DisableKey", "acs:kms:cn-hangzhou:1:key/k-1",
                AccessDeniedException.DenyType.ExplicitDeny);
        assertTrue(explicit.contains("denies it explicitly"), explicit);
    }

    @Test
    void commonConditionsComeFromTheSimulatedClockAndTheRequest() {
        CallContext api = new CallContext(ACCOUNT, "bob", "cn-hangzhou", "r-1", CallContext.Source.API)
                .over("192.0.2.7", false);
        assertEquals(Map.of("acs:CurrentTime", List.of("2026-11-30T12:00:00Z"), "acs:SourceIp", List.of("192.0.2.7"),
                "acs:SecureTransport", List.of("false")), authorizer.commonConditions(api));
        CallContext console = new CallContext(ACCOUNT, "bob", "cn-hangzhou", "r-2");
        assertEquals(List.of("127.0.0.1"), authorizer.commonConditions(console).get("acs:SourceIp"));
        assertEquals(List.of("true"), authorizer.commonConditions(console).get("acs:SecureTransport"));
        assertEquals("192.0.2.7", api.inRegion("cn-shanghai").sourceIp(), "the address follows the call");
        assertEquals("192.0.2.7", api.asServiceRole("R", "s").sourceIp());
    }

    /** A RAM store where alice exists with the given documents in force. */
    static RamService aliceWith(List<PolicyDocument> policies) {
        return (RamService) Proxy.newProxyInstance(RamService.class.getClassLoader(),
                new Class<?>[] {RamService.class}, (p, m, a) -> switch (m.getName()) {
                    case "findUser" -> "alice".equals(a[1]) ? Optional.of(new User("alice", "u-1", "alice", null,
                            null, null, null)) : Optional.empty();
                    case "policiesInForce" -> "alice".equals(a[1]) ? policies : List.of();
                    default -> throw new AssertionError(m.getName());
                });
    }

    static PolicyDocument system(String name) {
        return SystemPolicies.find(name).orElseThrow().policy();
    }

    @Test
    void onlyEncryptedDisksDeniesExplicitlyWhatEcsFullAccessAllows() {
        PolicyDocument onlyEncrypted = PolicyDocument.parse("""
                {"Version": "1", "Statement": [{"Effect": "Deny",
                  "Action": ["ecs:CreateDisk", "ecs:RunInstances", "ecs:CreateInstance"], "Resource": "*",
                  "Condition": {"Bool": {"ecs:IsDiskEncrypted": ["false"]}}}]}""");
        Authorizer alice = new Authorizer(aliceWith(List.of(system("AliyunECSFullAccess"), onlyEncrypted)), clock);
        CallContext ctx = new CallContext(ACCOUNT, "alice", "cn-hangzhou", "r-1");
        String disks = "acs:ecs:cn-hangzhou:" + ACCOUNT + ":disk/*";
        AccessDeniedException plain = assertThrows(AccessDeniedException.class, () -> alice.check(ctx, Product.ECS,
                List.of(new Need("ecs:CreateDisk", List.of(disks), Map.of("ecs:IsDiskEncrypted", List.of("false"))))));
        assertEquals(AccessDeniedException.DenyType.ExplicitDeny, plain.denyType());
        assertEquals("Forbidden.RAM", plain.code());
        alice.check(ctx, Product.ECS, List.of(new Need("ecs:CreateDisk", List.of(disks),
                Map.of("ecs:IsDiskEncrypted", List.of("true")))));
        alice.check(ctx, Product.ECS, List.of(new Need("ecs:DescribeDisks", disks)));
        AccessDeniedException kms = assertThrows(AccessDeniedException.class, () -> alice.check(ctx, Product.KMS,
                List.of(new Need("kms:ListKeys", "acs:kms:cn-hangzhou:" + ACCOUNT + ":key/*"))));
        assertEquals(AccessDeniedException.DenyType.ImplicitDeny, kms.denyType());
    }

    @Test
    void kmsReadOnlyListsButDoesNotDisable() {
        Authorizer alice = new Authorizer(aliceWith(List.of(system("AliyunKMSReadOnlyAccess"))), clock);
        CallContext ctx = new CallContext(ACCOUNT, "alice", "cn-hangzhou", "r-1");
        String key = "acs:kms:cn-hangzhou:" + ACCOUNT + ":key/k-1";
        alice.check(ctx, Product.KMS, List.of(new Need("kms:ListKeys", key)));
        alice.check(ctx, Product.KMS, List.of(new Need("kms:DescribeKey", key)));
        assertEquals("Forbidden.NoPermission", assertThrows(AccessDeniedException.class, () -> alice.check(ctx,
                Product.KMS, disableKey)).code());
    }

    @Test
    void conditionsOnTheCommonKeys() {
        PolicyDocument officeHours = PolicyDocument.parse("""
                {"Version": "1", "Statement": [{"Effect": "Allow", "Action": "kms:List*", "Resource": "*",
                  "Condition": {"IpAddress": {"acs:SourceIp": ["192.0.2.0/24"]},
                                "Bool": {"acs:SecureTransport": ["true"]},
                                "DateLessThan": {"acs:CurrentTime": ["2026-11-30T13:00:00Z"]}}}]}""");
        Authorizer alice = new Authorizer(aliceWith(List.of(officeHours)), clock);
        List<Need> list = List.of(new Need("kms:ListKeys", "acs:kms:cn-hangzhou:" + ACCOUNT + ":key/*"));
        CallContext api = new CallContext(ACCOUNT, "alice", "cn-hangzhou", "r-1", CallContext.Source.API);
        alice.check(api.over("192.0.2.7", true), Product.KMS, list);
        assertThrows(AccessDeniedException.class, () -> alice.check(api.over("198.51.100.1", true), Product.KMS,
                list));
        assertThrows(AccessDeniedException.class, () -> alice.check(api.over("192.0.2.7", false), Product.KMS,
                list));
        clock.fastForward(Duration.ofHours(1)); // the simulated clock passes 13:00
        assertThrows(AccessDeniedException.class, () -> alice.check(api.over("192.0.2.7", true), Product.KMS,
                list));
    }
}
