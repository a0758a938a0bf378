package dev.ecskms.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ecskms.sim.common.CallContext;
import dev.ecskms.sim.ram.AccessKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every action the endpoint serves, called by a RAM user with no policies: each is refused with its product's code
 * (HTTP 403) and the AccessDeniedDetail names a RAM action of that product. Parameters are found the way a script
 * writer finds them: send, read which parameter is missing or invalid, fill it in, send again.
 */
class RamGuardEveryActionTest extends ApiTestBase {
    private static final Pattern NAMED = Pattern.compile("\"([A-Za-z0-9.]+)\"");
    private static final List<String> GUESSES = List.of("x-1", "1", "true", "[\"x-1\"]", "{}", "alias/x", "AAAA");

    static String refusalCode(String productName) {
        return switch (productName) {
            case "Kms" -> "Forbidden.NoPermission";
            case "Ram" -> "NoPermission";
            default -> "Forbidden.RAM"; // ECS; OOS and ActionTrail (unconfirmed: the gateway's common code)
        };
    }

    @Test
    void aUserWithNoPoliciesIsRefusedEveryActionWithTheProductsCode() throws Exception {
        CallContext root = CallContext.root(simulator.accounts().rootAccountId(), REGION);
        simulator.ram().createUser(root, "nobody", null, null);
        AccessKey nobody = simulator.ram().createAccessKey(root, "nobody");
        ActionRegistry registry = ApiServer.registry(simulator.kms(), simulator.ecs(), simulator.instances(),
                simulator.ram(), simulator.trail(), simulator.oos());
        List<String> notRefused = new ArrayList<>();
        int actions = 0;
        for (ActionRegistry.Product product : registry.products()) {
            String prefix = switch (product.name()) {
                case "Kms" -> "kms:";
                case "Ecs" -> "ecs:";
                case "Ram" -> "ram:";
                case "Oos" -> "oos:";
                default -> "actiontrail:";
            };
            for (String action : registry.actions(product.version())) {
                actions++;
                RawResponse r = callUntilPastValidation(product.version(), action, nobody);
                String code = refusalCode(product.name());
                if (!code.equals(r.code()) || r.status() != 403) {
                    notRefused.add(product.name() + " " + action + " → " + r.code() + ": " + r.message());
                    continue;
                }
                String authAction = r.body().path("AccessDeniedDetail").path("AuthAction").asText();
                if (!authAction.startsWith(prefix)) {
                    notRefused.add(product.name() + " " + action + " named " + authAction);
                }
            }
        }
        assertTrue(actions > 80, "the endpoint serves " + actions + " actions");
        assertEquals(List.of(), notRefused);
    }

    /** Sends the action, filling in what the endpoint says is missing or invalid, until something else answers. */
    RawResponse callUntilPastValidation(String version, String action, AccessKey key) throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, Integer> tried = new LinkedHashMap<>();
        RawResponse r = null;
        for (int attempt = 0; attempt < 24; attempt++) {
            Map<String, String> p = rpcRequest(version, action);
            p.put("AccessKeyId", key.accessKeyId());
            p.putAll(params);
            r = get(signed("GET", p, key.accessKeySecret()));
            String code = r.code();
            if (code == null || !(code.equals("MissingParameter") || code.startsWith("InvalidParameter")
                    || code.startsWith("Invalid") && code.endsWith("Malformed"))) {
                return r;
            }
            Matcher m = NAMED.matcher(r.message());
            if (!m.find()) {
                return r;
            }
            String name = m.group(1);
            int next = tried.merge(name, 1, Integer::sum) - 1;
            if (next >= GUESSES.size()) {
                return r;
            }
            params.put(name, next == 0 ? firstGuess(name) : GUESSES.get(next));
        }
        return r;
    }

    static String firstGuess(String name) {
        if (name.equals("Type")) {
            return "RunShellScript";
        }
        if (name.equals("Tags")) {
            return "[{\"TagKey\":\"k\",\"TagValue\":\"v\"}]";
        }
        if (name.endsWith("Ids") || name.endsWith("Accounts")) {
            return "[\"x-1\"]";
        }
        if (name.matches(".*(Size|Amount|Number|Days|Max.*|Interval|Bytes|Results)")) {
            return "1";
        }
        if (name.matches(".*(Encrypted|Force.*|Enable.*|Inherit|DeleteWithInstance)")) {
            return "true";
        }
        return "x-1";
    }
}
