package dev.ecskms.sim.labs;

import java.util.Optional;

/** Reads a file in a running instance's guest, as its root user would; empty when it cannot be read. */
@FunctionalInterface
public interface GuestFiles {
    GuestFiles NONE = (instanceId, path) -> Optional.empty();

    Optional<String> read(String instanceId, String path);

    /** The simulator's side: reads a file in a guest of the caller's account. */
    @FunctionalInterface
    interface Reader {
        Optional<String> read(dev.ecskms.sim.common.CallContext ctx, String instanceId, String path);
    }
}
