package dev.ecskms.sim.trail;

import dev.ecskms.sim.common.CallContext;

/**
 * The audit trail (like ActionTrail LookupEvents): the calls recorded in the caller's account and region (RAM's,
 * which are global, in every region), newest first.
 */
public interface TrailService {

    TrailPage lookupEvents(CallContext ctx, TrailFilter filter);
}
