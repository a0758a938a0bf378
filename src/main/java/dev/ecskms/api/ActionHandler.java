package dev.ecskms.api;

import dev.ecskms.sim.common.CallContext;

/** One API action: binds the parameters, calls a service, and returns the response fields (without RequestId). */
@FunctionalInterface
public interface ActionHandler {
    JsonObject handle(CallContext ctx, RpcParams params);
}
