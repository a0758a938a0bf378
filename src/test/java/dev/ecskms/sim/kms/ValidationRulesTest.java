package dev.ecskms.sim.kms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ecs.Catalog;
import dev.ecskms.sim.ecs.DiskCategory;
import dev.ecskms.sim.ecs.DiskSizeRule;
import org.junit.jupiter.api.Test;

/** The rule objects shared by the services and the console's forms: one rule, one message. */
class ValidationRulesTest {

    @Test
    void aliasRuleRefusesSpacesAndTheReservedPrefix() {
        assertEquals("alias/good-1", AliasRule.check("alias/good-1"));
        ApiException bad = assertThrows(ApiException.class, () -> AliasRule.check("alias/bad alias!"));
        assertEquals("InvalidParameter", bad.code());
        assertEquals("InvalidParameter", assertThrows(ApiException.class, () -> AliasRule.check("alias/acs/x")).code());
        assertEquals("MissingParameter", assertThrows(ApiException.class, () -> AliasRule.check(null)).code());
    }

    @Test
    void pendingWindowRuleAcceptsSevenTo366Days() {
        assertEquals(7, PendingWindowRule.check(7));
        assertEquals(366, PendingWindowRule.check(366));
        assertEquals("InvalidParameter", assertThrows(ApiException.class, () -> PendingWindowRule.check(3)).code());
        assertEquals("InvalidParameter", assertThrows(ApiException.class, () -> PendingWindowRule.check(367)).code());
    }

    @Test
    void rotationIntervalRuleAcceptsSevenTo730Days() {
        assertEquals(7, RotationIntervalRule.checkDays(7));
        assertEquals(730L * 86400, RotationIntervalRule.seconds("730d"));
        assertEquals("InvalidParameter", assertThrows(ApiException.class, () -> RotationIntervalRule.checkDays(3)).code());
        assertEquals("InvalidParameter", assertThrows(ApiException.class, () -> RotationIntervalRule.seconds("1y")).code());
    }

    @Test
    void diskSizeRuleUsesTheCategoryRangeAndTheSnapshotSize() {
        DiskCategory essd = Catalog.diskCategories().stream().filter(c -> c.id().equals("cloud_essd")).findFirst()
                .orElseThrow();
        int min = essd.minSizeGiB("PL1");
        assertEquals(min, DiskSizeRule.check(essd, "PL1", min, null, null));
        assertEquals("InvalidDiskSize.ValueNotSupported",
                assertThrows(ApiException.class, () -> DiskSizeRule.check(essd, "PL1", 0, null, null)).code());
        assertEquals("InvalidDiskSize.ValueNotSupported", assertThrows(ApiException.class,
                () -> DiskSizeRule.check(essd, "PL1", essd.maxSizeGiB() + 1, null, null)).code());
        assertEquals("InvalidDiskSize.TooSmall",
                assertThrows(ApiException.class, () -> DiskSizeRule.check(essd, "PL1", 100, "s-1", 200)).code());
        assertEquals(200, DiskSizeRule.min(essd, "PL1", 200));
    }
}
