package dev.ecskms.sim.ram;

import java.time.Instant;

/**
 * A RAM user as GetUser returns it. {@code lastLoginDate} is null until the user signs in to the console;
 * {@code joinDate} is when it joined the group, in ListUsersForGroup only (null elsewhere).
 */
public record User(String userName, String userId, String displayName, String comments, Instant createDate,
        Instant updateDate, Instant lastLoginDate, Instant joinDate) {

    public User(String userName, String userId, String displayName, String comments, Instant createDate,
            Instant updateDate, Instant lastLoginDate) {
        this(userName, userId, displayName, comments, createDate, updateDate, lastLoginDate, null);
    }
}
