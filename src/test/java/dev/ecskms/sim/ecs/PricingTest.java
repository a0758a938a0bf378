package dev.ecskms.sim.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ecs.PriceRequest.DiskSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The one price list: list prices of the Catalog, the region's level, DescribePrice's validation. */
class PricingTest {
    private static final double HOURS = Pricing.HOURS_PER_MONTH;

    private static PriceQuote quote(String region, PriceRequest r) {
        return Pricing.quote(region, r);
    }

    @Test
    void aDiskIsItsCategorysPricePerGiBMonthTimesItsSizeByTheHour() {
        PriceQuote q = quote("cn-hangzhou", PriceRequest.disk("cloud_essd", 100, "PL1"));
        assertEquals(100 * 0.15 / HOURS, q.tradePrice(), 1e-12);
        assertEquals(q.originalPrice(), q.tradePrice(), "pay-as-you-go has no discount");
        assertEquals("Hour", q.priceUnit());
        assertEquals(List.of("dataDisk"), q.details().stream().map(PriceQuote.Detail::resource).toList());
        // categories without levels ignore one given anyway; ESSD takes its default level (PL1)
        assertEquals(quote("cn-hangzhou", PriceRequest.disk("cloud_ssd", 50, null)).tradePrice(),
                quote("cn-hangzhou", PriceRequest.disk("cloud_ssd", 50, "PL2")).tradePrice());
        assertEquals(q.tradePrice(), quote("cn-hangzhou", PriceRequest.disk("cloud_essd", 100, null)).tradePrice());
    }

    @Test
    void anInstanceAddsItsTypeSystemDiskAndDataDisksPerInstance() {
        PriceQuote q = quote("cn-hangzhou", PriceRequest.instance("ecs.g7.large", new DiskSpec("cloud_essd", 40,
                "PL0"), List.of(new DiskSpec("cloud_essd", 100, "PL1"), new DiskSpec("cloud_efficiency", 200, null)),
                3));
        double one = 0.118 + 40 * 0.08 / HOURS + (100 * 0.15 + 200 * 0.05) / HOURS;
        assertEquals(3 * one, q.tradePrice(), 1e-9);
        assertEquals(3 * 0.118, q.tradePriceOf("instanceType"), 1e-9);
        assertEquals(3 * 40 * 0.08 / HOURS, q.tradePriceOf("systemDisk"), 1e-9);
        assertEquals(3 * (100 * 0.15 + 200 * 0.05) / HOURS, q.tradePriceOf("dataDisk"), 1e-9);
    }

    @Test
    void subscriptionsCountTheUnitsHoursAndAYearIsFifteenPercentOff() {
        PriceRequest month = new PriceRequest("instance", "ecs.c7.large", null, List.of(), "Month", 2, 1, null, null,
                null, null);
        PriceQuote m = quote("cn-hangzhou", month);
        // no system disk given: the default, a 40 GiB ESSD PL1
        assertEquals((0.094 * HOURS + 40 * 0.15) * 2, m.tradePrice(), 1e-9);
        assertEquals(List.of(), m.rules());
        PriceQuote y = quote("cn-hangzhou", new PriceRequest("instance", "ecs.c7.large", null, List.of(), "Year", 1, 1,
                null, null, null, null));
        assertEquals((0.094 * 8760 + 40 * 0.15 * 12) * 0.85, y.tradePrice(), 1e-6);
        assertEquals(y.originalPrice() - y.tradePrice(), y.discountPrice(), 1e-9);
        assertEquals(List.of(Pricing.YEARLY_RULE), y.rules());
    }

    @Test
    void regionsHaveTheirOwnPriceLevel() {
        double hangzhou = quote("cn-hangzhou", PriceRequest.disk("cloud_essd", 100, "PL1")).tradePrice();
        double frankfurt = quote("eu-central-1", PriceRequest.disk("cloud_essd", 100, "PL1")).tradePrice();
        assertEquals(hangzhou * 1.25, frankfurt, 1e-12);
        assertEquals(Pricing.instanceHourly("eu-central-1", Catalog.findInstanceType("ecs.g7.large").orElseThrow()),
                0.118 * 1.25, 1e-12);
    }

    @Test
    void payByBandwidthAddsItsMegabits() {
        PriceQuote q = quote("cn-hangzhou", new PriceRequest(null, "ecs.g7.large", null, List.of(), null, null, null,
                null, "vpc", "PayByBandwidth", 10));
        assertEquals(10 * Catalog.BANDWIDTH_PRICE_PER_MBPS_HOUR, q.tradePriceOf("bandwidth"), 1e-12);
        PriceQuote traffic = quote("cn-hangzhou", new PriceRequest(null, "ecs.g7.large", null, List.of(), null, null,
                null, null, null, "PayByTraffic", 10));
        assertEquals(0, traffic.tradePriceOf("bandwidth"), "pay-by-traffic has no price per hour");
    }

    @Test
    void wrongInputGetsTheServicesCodes() {
        assertCode("InvalidInstanceType.ValueNotSupported", new PriceRequest(null, "ecs.nosuch", null, List.of(), null,
                null, null, null, null, null, null));
        assertCode("MissingParameter", new PriceRequest(null, null, null, List.of(), null, null, null, null, null,
                null, null));
        assertCode("InvalidParameter", new PriceRequest("ddh", null, null, List.of(), null, null, null, null, null,
                null, null));
        assertCode("InvalidSystemDiskCategory.ValueNotSupported", PriceRequest.instance("ecs.g7.large",
                new DiskSpec("cloud_floppy", 40, null), List.of(), 1));
        assertCode("InvalidSystemDiskSize.ValueNotSupported", PriceRequest.instance("ecs.g7.large",
                new DiskSpec("cloud_essd", 4000, "PL1"), List.of(), 1));
        assertCode("InvalidDataDiskCategory.ValueNotSupported", PriceRequest.disk("cloud_floppy", 40, null));
        assertCode("InvalidDataDiskSize.ValueNotSupported", PriceRequest.disk("cloud_essd", 5, "PL1"));
        assertCode("InvalidParameter", PriceRequest.disk("cloud_essd", 40, "PL9"));
        assertCode("InvalidPriceUnit.ValueNotSupported", new PriceRequest("disk", null, null,
                List.of(new DiskSpec("cloud_essd", 40, null)), "Month", null, null, null, null, null, null));
        assertCode("InvalidPriceUnit.ValueNotSupported", new PriceRequest(null, "ecs.g7.large", null, List.of(),
                "Fortnight", null, null, null, null, null, null));
        assertCode("InvalidPeriod", new PriceRequest(null, "ecs.g7.large", null, List.of(), "Month", 10, null, null,
                null, null, null));
        assertCode("InvalidParameter", new PriceRequest(null, "ecs.g7.large", null, List.of(), null, null, 0, null,
                null, null, null));
        assertCode("InvalidParameter", PriceRequest.instance("ecs.g7.large", null, List.of(
                new DiskSpec("cloud_essd", 40, null), new DiskSpec("cloud_essd", 40, null),
                new DiskSpec("cloud_essd", 40, null), new DiskSpec("cloud_essd", 40, null),
                new DiskSpec("cloud_essd", 40, null)), 1));
        // Nanjing sells no ESSD AutoPL; a zone of another region is not found
        assertCode("InvalidDataDiskCategory.ValueNotSupported", "cn-nanjing", PriceRequest.disk("cloud_auto", 40,
                null));
        assertCode("InvalidZoneId.NotFound", "cn-hangzhou", new PriceRequest("disk", null, null,
                List.of(new DiskSpec("cloud_essd", 40, null)), null, null, null, "cn-beijing-g", null, null, null));
        assertCode("InvalidRegionId.NotFound", "xx-nowhere-1", PriceRequest.disk("cloud_essd", 40, null));
    }

    private static void assertCode(String code, PriceRequest r) {
        assertCode(code, "cn-hangzhou", r);
    }

    private static void assertCode(String code, String region, PriceRequest r) {
        ApiException e = assertThrows(ApiException.class, () -> Pricing.quote(region, r));
        assertEquals(code, e.code(), e.getMessage());
    }
}
