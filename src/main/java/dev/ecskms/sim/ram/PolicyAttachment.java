package dev.ecskms.sim.ram;

import java.time.Instant;

/**
 * Who a policy is attached to, as ListEntitiesForPolicy lists it.
 *
 * @param entityType {@code User}, {@code Group} or {@code Role}
 */
public record PolicyAttachment(String entityType, String name, Instant attachDate) {
}
