package dev.ecskms.sim.trail;

import dev.ecskms.sim.common.CallContext;
import java.util.List;

/**
 * The audit trail (like ActionTrail LookupEvents): the calls recorded in the caller's account and region (RAM's,
 * which are global, in every region), newest first.
 */
public interface TrailService {

    TrailPage lookupEvents(CallContext ctx, TrailFilter filter);

    /**
     * The timeline of a filter: its events counted in {@code buckets} equal slices of its time range (the filter's
     * StartTime and EndTime, both required), oldest first; the filter's paging is ignored. Not an ActionTrail
     * action: the console draws its event chart with it.
     */
    List<TrailBucket> countEvents(CallContext ctx, TrailFilter filter, int buckets);
}
