package dev.ecskms.sim.ram;

import java.time.Instant;

/**
 * Who a policy is attached to, as ListEntitiesForPolicy lists it, with the fields the real response gives for each
 * kind (null where a kind has none or where not read).
 *
 * @param entityType  {@code User}, {@code Group} or {@code Role}
 * @param entityId    the UserId, GroupId or RoleId
 * @param displayName a user's DisplayName
 * @param description a group's Comments or a role's Description
 * @param arn         a role's ARN
 */
public record PolicyAttachment(String entityType, String name, Instant attachDate, String entityId,
        String displayName, String description, String arn) {

    public PolicyAttachment(String entityType, String name, Instant attachDate) {
        this(entityType, name, attachDate, null, null, null, null);
    }
}
