package dev.ecskms.ui.ram;

import dev.ecskms.sim.common.ChangeFeed;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the RAM pages show, as change-feed topics: RAM's own tables and the AccessKeys (ACCOUNTS). Never TRAIL: a
 * refused read may be recorded on the audit trail, and a page reloading on it would refuse and record again.
 */
public final class RamTopics {
    private RamTopics() {
    }

    public static Set<ChangeFeed.Topic> all() {
        return EnumSet.of(ChangeFeed.Topic.RAM_USERS, ChangeFeed.Topic.RAM_POLICIES, ChangeFeed.Topic.RAM_ROLES,
                ChangeFeed.Topic.ACCOUNTS);
    }
}
