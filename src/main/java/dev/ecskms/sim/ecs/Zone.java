package dev.ecskms.sim.ecs;

import java.util.List;

/** A zone with the disk categories that can be created in it. */
public record Zone(String zoneId, String regionId, String localName, List<String> diskCategories) {
}
