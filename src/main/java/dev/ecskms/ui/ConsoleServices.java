package dev.ecskms.ui;

import dev.ecskms.sim.common.SimClock;
import dev.ecskms.sim.kms.KmsService;

/**
 * What the console needs from the simulator, handed over by the composition root.
 *
 * @param endpoint    host:port of the API endpoint, e.g. 127.0.0.1:8123; null when the simulator is not serving
 * @param accessKeyId the root AccessKey id for scripts; null when not serving
 */
public record ConsoleServices(KmsService kms, SimClock clock, String accountId, String endpoint, String accessKeyId) {
}
