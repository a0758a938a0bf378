package dev.ecskms.sim.ram;

import java.time.Instant;

/** A RAM user group as GetGroup returns it. */
public record Group(String groupName, String groupId, String comments, Instant createDate, Instant updateDate) {
}
