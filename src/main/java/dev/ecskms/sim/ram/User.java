package dev.ecskms.sim.ram;

import java.time.Instant;

/** A RAM user as GetUser returns it. {@code lastLoginDate} is null until the user signs in to the console. */
public record User(String userName, String userId, String displayName, String comments, Instant createDate,
        Instant updateDate, Instant lastLoginDate) {
}
