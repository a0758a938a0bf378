package dev.ecskms.ui;

import dev.ecskms.sim.common.ChangeFeed;
import dev.ecskms.sim.common.SimClock;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.EcsService;
import dev.ecskms.sim.ecs.InstanceService;
import dev.ecskms.sim.kms.KmsService;
import dev.ecskms.sim.labs.LabService;
import dev.ecskms.sim.oos.OosService;
import dev.ecskms.sim.ram.AccountService;
import dev.ecskms.sim.ram.RamService;
import dev.ecskms.sim.trail.TrailService;

/**
 * What the console needs from the simulator, handed over by the composition root.
 *
 * @param instances   ECS instances, their console and Cloud Assistant
 * @param accountId   the account the console acts as when it opens (the root account); the top bar switches to
 *                    any other of {@code accounts.accounts()}
 * @param endpoint    host:port of the API endpoint, e.g. 127.0.0.1:8123; null when the simulator is not serving
 * @param accessKeyId the root AccessKey id for scripts; null when not serving
 * @param tls         whether the endpoint speaks HTTPS
 * @param apiRegion   the endpoint's default region, of API calls that name none; null when not serving
 * @param changes     the simulator's change feed, which the pages subscribe to instead of polling
 * @param trail       the audit trail (ActionTrail's event query); null in consoles made without one, whose trail
 *                    page then says it cannot look events up
 * @param oos         Operation Orchestration (templates and executions); null in consoles made without it, whose
 *                    OOS pages then say they cannot run templates
 * @param labs        guided labs; null in consoles made without them, whose Labs page then says so
 */
public record ConsoleServices(KmsService kms, EcsService ecs, InstanceService instances, RamService ram,
        AccountService accounts, SimClock clock, String accountId, String endpoint, String accessKeyId, boolean tls,
        String apiRegion, ChangeFeed changes, TrailService trail, OosService oos, LabService labs) {

    public ConsoleServices {
        if (changes == null) {
            changes = new ChangeFeed(); // nobody publishes to it: pages show what they loaded until reloaded
        }
    }

    /** Services without guided labs (older callers). */
    public ConsoleServices(KmsService kms, EcsService ecs, InstanceService instances, RamService ram,
            AccountService accounts, SimClock clock, String accountId, String endpoint, String accessKeyId,
            boolean tls, String apiRegion, ChangeFeed changes, TrailService trail, OosService oos) {
        this(kms, ecs, instances, ram, accounts, clock, accountId, endpoint, accessKeyId, tls, apiRegion, changes,
                trail, oos, null);
    }

    /** Services without Operation Orchestration (older callers). */
    public ConsoleServices(KmsService kms, EcsService ecs, InstanceService instances, RamService ram,
            AccountService accounts, SimClock clock, String accountId, String endpoint, String accessKeyId,
            boolean tls, String apiRegion, ChangeFeed changes, TrailService trail) {
        this(kms, ecs, instances, ram, accounts, clock, accountId, endpoint, accessKeyId, tls, apiRegion, changes,
                trail, null);
    }

    /** Services without an audit trail (older callers). */
    public ConsoleServices(KmsService kms, EcsService ecs, InstanceService instances, RamService ram,
            AccountService accounts, SimClock clock, String accountId, String endpoint, String accessKeyId,
            boolean tls, String apiRegion, ChangeFeed changes) {
        this(kms, ecs, instances, ram, accounts, clock, accountId, endpoint, accessKeyId, tls, apiRegion, changes,
                null, null);
    }

    /** Services without a change feed: the pages then update only when reloaded (older callers). */
    public ConsoleServices(KmsService kms, EcsService ecs, InstanceService instances, RamService ram,
            AccountService accounts, SimClock clock, String accountId, String endpoint, String accessKeyId,
            boolean tls, String apiRegion) {
        this(kms, ecs, instances, ram, accounts, clock, accountId, endpoint, accessKeyId, tls, apiRegion, null, null, null);
    }

    /** Services of a console whose endpoint (if any) speaks plain HTTP and uses the catalog's default region. */
    public ConsoleServices(KmsService kms, EcsService ecs, InstanceService instances, RamService ram,
            AccountService accounts, SimClock clock, String accountId, String endpoint, String accessKeyId) {
        this(kms, ecs, instances, ram, accounts, clock, accountId, endpoint, accessKeyId, false,
                endpoint == null ? null : Catalog.DEFAULT_REGION, null, null, null);
    }

    /** The endpoint's URL with its scheme, e.g. https://127.0.0.1:8181; null when not serving. */
    public String endpointUrl() {
        return endpoint == null ? null : (tls ? "https://" : "http://") + endpoint;
    }
}
