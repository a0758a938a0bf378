package dev.ecskms.sim.ram;

import java.time.Instant;

/**
 * A RAM user group as GetGroup returns it; {@code joinDate} is when the user joined it, in ListGroupsForUser only
 * (null elsewhere).
 */
public record Group(String groupName, String groupId, String comments, Instant createDate, Instant updateDate,
        Instant joinDate) {

    public Group(String groupName, String groupId, String comments, Instant createDate, Instant updateDate) {
        this(groupName, groupId, comments, createDate, updateDate, null);
    }
}
