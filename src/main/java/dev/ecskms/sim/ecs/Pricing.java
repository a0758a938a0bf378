package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;
import dev.ecskms.sim.ecs.PriceRequest.DiskSpec;
import dev.ecskms.sim.ecs.PriceRequest.PricingUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one price list: pay-as-you-go prices of instance types and disks, from the {@link Catalog}'s list prices and
 * the region's price level. DescribePrice, the purchase page, the Create Disk wizard and the Billing page all price
 * through here. A disk's price depends on its category, performance level and size only: encryption and the KMS
 * calls ECS makes for an encrypted disk are free, so nothing here knows whether a disk is encrypted.
 *
 * <p>Error codes: {@code InvalidInstanceType.ValueNotSupported} and {@code InvalidZoneId.NotFound} are the ones the
 * reference confirms. {@code InvalidSystemDiskCategory.ValueNotSupported},
 * {@code InvalidDataDiskCategory.ValueNotSupported}, {@code InvalidSystemDiskSize.ValueNotSupported},
 * {@code InvalidDataDiskSize.ValueNotSupported}, {@code InvalidPriceUnit.ValueNotSupported} and
 * {@code InvalidPeriod} follow the documentation's naming for DescribePrice but could not be confirmed here;
 * ResourceType, Amount, an ESSD performance level and the internet parameters get the common
 * {@code InvalidParameter}.
 */
public final class Pricing {
    public static final String CURRENCY = "USD";
    /** Hours in a month of the price list (pay-as-you-go month = 730 hours). */
    public static final double HOURS_PER_MONTH = 730.0;
    /** (simulator's choice) Subscription for a year or longer: 15 % off, the one pricing rule. */
    static final PriceQuote.Rule YEARLY_RULE = new PriceQuote.Rule(1001, "Subscription for 1 year or longer: 15% off");
    private static final double YEARLY_DISCOUNT = 0.15;
    /** ResourceType=instance prices up to four data disks, as the documentation says. */
    static final int MAX_DATA_DISKS = 4;
    /** (unconfirmed) The system disk DescribePrice prices when SystemDisk.Size is not given. */
    static final int DEFAULT_SYSTEM_DISK_GIB = 40;
    static final String DEFAULT_SYSTEM_DISK_CATEGORY = "cloud_essd";
    private static final Set<String> NETWORK_TYPES = Set.of("vpc", "classic");
    private static final Set<String> INTERNET_CHARGE_TYPES = Set.of("PayByBandwidth", "PayByTraffic");

    private Pricing() {
    }

    /** Pay-as-you-go price per hour of one instance of {@code type} in the region (without its disks). */
    public static double instanceHourly(String regionId, InstanceType type) {
        return type.pricePerHour() * Catalog.priceLevel(regionId);
    }

    /** Pay-as-you-go price per hour of a disk in the region: the category's price for the level × size. */
    public static double diskHourly(String regionId, DiskCategory category, String performanceLevel, int sizeGiB) {
        String level = category.hasPerformanceLevels() ? performanceLevel : null;
        return category.pricePerGiBMonth(level) * sizeGiB / HOURS_PER_MONTH * Catalog.priceLevel(regionId);
    }

    /** DescribePrice: validates the configuration as the real service does and prices it. */
    public static PriceQuote quote(String regionId, PriceRequest r) {
        Catalog.requireRegion(regionId);
        String resourceType = blank(r.resourceType()) ? "instance" : r.resourceType().trim();
        if (!resourceType.equals("instance") && !resourceType.equals("disk")) {
            throw ApiException.invalid("ResourceType", "the simulator prices instance and disk; \"" + resourceType
                    + "\" (ddh, bandwidth, diskperformance, ElasticityAssurance, CapacityReservation) is not"
                    + " simulated.");
        }
        PricingUnit unit = unit(r.priceUnit());
        int period = period(unit, r.period());
        int amount = r.amount() == null ? 1 : r.amount();
        if (amount < 1 || amount > 1000) {
            throw ApiException.invalid("Amount", "it must be 1 to 1000; " + amount + " was given.");
        }
        Zone zone = zone(regionId, r.zoneId());
        if (!blank(r.instanceNetworkType()) && !NETWORK_TYPES.contains(r.instanceNetworkType())) {
            throw ApiException.invalid("InstanceNetworkType", "it must be vpc or classic.");
        }
        List<Part> parts = new ArrayList<>();
        if (resourceType.equals("disk")) {
            if (unit != PricingUnit.HOUR) {
                throw new ApiException("InvalidPriceUnit.ValueNotSupported", 400, "Disks are priced pay-as-you-go"
                        + " only: set PriceUnit to Hour (or leave it out) when ResourceType is disk.");
            }
            if (r.dataDisks().isEmpty() || r.dataDisks().get(0) == null) {
                throw ApiException.missing("DataDisk.1.Category");
            }
            DiskSpec d = r.dataDisks().get(0);
            parts.add(new Part("dataDisk", dataDiskHourly(regionId, zone, d, 1)));
        } else {
            InstanceType type = instanceType(r.instanceType());
            parts.add(new Part("instanceType", instanceHourly(regionId, type)));
            parts.add(new Part("systemDisk", systemDiskHourly(regionId, zone, r.systemDisk())));
            if (r.dataDisks().size() > MAX_DATA_DISKS) {
                throw ApiException.invalid("DataDisk", "DescribePrice prices up to " + MAX_DATA_DISKS + " data disks"
                        + " of an instance; " + r.dataDisks().size() + " were given.");
            }
            double data = 0;
            for (int n = 0; n < r.dataDisks().size(); n++) {
                data += dataDiskHourly(regionId, zone, r.dataDisks().get(n), n + 1);
            }
            if (!r.dataDisks().isEmpty()) {
                parts.add(new Part("dataDisk", data));
            }
            double bandwidth = bandwidthHourly(regionId, r.internetChargeType(), r.internetMaxBandwidthOut());
            if (bandwidth > 0) {
                parts.add(new Part("bandwidth", bandwidth));
            }
        }
        double hours = (double) unit.hours() * period * amount;
        double discountRate = unit == PricingUnit.YEAR ? YEARLY_DISCOUNT : 0;
        List<PriceQuote.Detail> details = new ArrayList<>();
        double original = 0;
        double discount = 0;
        for (Part p : parts) {
            double o = p.hourly() * hours;
            double off = o * discountRate;
            details.add(new PriceQuote.Detail(p.resource(), o, off, o - off));
            original += o;
            discount += off;
        }
        return new PriceQuote(CURRENCY, original, discount, original - discount, unit.apiName(), period, details,
                discountRate > 0 ? List.of(YEARLY_RULE) : List.of());
    }

    private record Part(String resource, double hourly) {
    }

    private static PricingUnit unit(String priceUnit) {
        if (blank(priceUnit)) {
            return PricingUnit.HOUR;
        }
        for (PricingUnit u : PricingUnit.values()) {
            if (u.apiName().equalsIgnoreCase(priceUnit.trim())) {
                return u;
            }
        }
        throw new ApiException("InvalidPriceUnit.ValueNotSupported", 400, "The specified PriceUnit \"" + priceUnit
                + "\" is not valid. Valid: Hour, Week, Month, Year.");
    }

    /** (unconfirmed ranges) Hour: 1; Week: 1–4; Month: 1–9; Year: 1–5. */
    private static int period(PricingUnit unit, Integer period) {
        int p = period == null ? 1 : period;
        int max = switch (unit) {
            case HOUR -> 1;
            case WEEK -> 4;
            case MONTH -> 9;
            case YEAR -> 5;
        };
        if (p < 1 || p > max) {
            throw new ApiException("InvalidPeriod", 400, "The specified Period " + p + " is not valid for PriceUnit "
                    + unit.apiName() + ": it must be 1" + (max > 1 ? " to " + max : "") + ".");
        }
        return p;
    }

    private static Zone zone(String regionId, String zoneId) {
        if (blank(zoneId)) {
            return null;
        }
        Zone zone = Catalog.findZone(zoneId).orElse(null);
        if (zone == null || !zone.regionId().equals(regionId)) {
            throw new ApiException("InvalidZoneId.NotFound", 404, "The specified zone \"" + zoneId
                    + "\" does not exist in region " + regionId + ". Call DescribeZones for the valid ones.");
        }
        return zone;
    }

    private static InstanceType instanceType(String id) {
        if (blank(id)) {
            throw ApiException.missing("InstanceType");
        }
        return Catalog.findInstanceType(id).orElseThrow(() -> new ApiException(
                "InvalidInstanceType.ValueNotSupported", 400, "The instance type \"" + id + "\" is not sold here."
                + " Call DescribeInstanceTypes for the valid ones."));
    }

    private static double systemDiskHourly(String regionId, Zone zone, DiskSpec spec) {
        String categoryId = spec == null || blank(spec.category()) ? DEFAULT_SYSTEM_DISK_CATEGORY : spec.category();
        DiskCategory category = category(regionId, zone, categoryId, "InvalidSystemDiskCategory.ValueNotSupported",
                "SystemDisk.Category");
        String level = level(category, spec == null ? null : spec.performanceLevel(), "SystemDisk.PerformanceLevel");
        int min = category.minSizeGiB(level);
        int max = DiskSizeRule.systemMax(category);
        int size = spec == null || spec.size() == null ? Math.max(DEFAULT_SYSTEM_DISK_GIB, min) : spec.size();
        if (size < min || size > max) {
            throw new ApiException("InvalidSystemDiskSize.ValueNotSupported", 400, "A " + category.id()
                    + (level == null ? "" : " " + level) + " system disk must be " + min + " to " + max + " GiB; "
                    + size + " GiB was given.");
        }
        return diskHourly(regionId, category, level, size);
    }

    private static double dataDiskHourly(String regionId, Zone zone, DiskSpec spec, int n) {
        String prefix = "DataDisk." + n + ".";
        if (spec == null || blank(spec.category())) {
            throw ApiException.missing(prefix + "Category");
        }
        DiskCategory category = category(regionId, zone, spec.category(), "InvalidDataDiskCategory.ValueNotSupported",
                prefix + "Category");
        String level = level(category, spec.performanceLevel(), prefix + "PerformanceLevel");
        if (spec.size() == null) {
            throw ApiException.missing(prefix + "Size");
        }
        int min = category.minSizeGiB(level);
        if (spec.size() < min || spec.size() > category.maxSizeGiB()) {
            throw new ApiException("InvalidDataDiskSize.ValueNotSupported", 400, "A " + category.id()
                    + (level == null ? "" : " " + level) + " data disk must be " + min + " to "
                    + category.maxSizeGiB() + " GiB; " + spec.size() + " GiB was given (" + prefix + "Size).");
        }
        return diskHourly(regionId, category, level, spec.size());
    }

    /** The category when it exists and the zone (or, without one, some zone of the region) offers it. */
    private static DiskCategory category(String regionId, Zone zone, String id, String code, String parameter) {
        DiskCategory category = Catalog.findDiskCategory(id).orElse(null);
        List<Zone> where = zone != null ? List.of(zone) : Catalog.zones(regionId);
        if (category == null || where.stream().noneMatch(z -> z.diskCategories().contains(id))) {
            throw new ApiException(code, 400, "The disk category \"" + id + "\" (" + parameter + ") is not sold in "
                    + (zone != null ? "zone " + zone.zoneId() : "region " + regionId) + ". Call DescribeZones for"
                    + " the categories each zone offers.");
        }
        return category;
    }

    private static String level(DiskCategory category, String level, String parameter) {
        if (!category.hasPerformanceLevels()) {
            return null; // (unconfirmed) a level given for a category without levels changes nothing
        }
        if (blank(level)) {
            return category.defaultPerformanceLevel();
        }
        String upper = level.trim().toUpperCase(Locale.ROOT);
        if (!category.performanceLevels().contains(upper)) {
            throw ApiException.invalid(parameter, "it must be one of " + String.join(", ",
                    category.performanceLevels()) + ".");
        }
        return upper;
    }

    private static double bandwidthHourly(String regionId, String chargeType, Integer maxBandwidthOut) {
        if (!blank(chargeType) && !INTERNET_CHARGE_TYPES.contains(chargeType)) {
            throw ApiException.invalid("InternetChargeType", "it must be PayByBandwidth or PayByTraffic.");
        }
        int mbps = maxBandwidthOut == null ? 0 : maxBandwidthOut;
        if (mbps < 0 || mbps > 100) {
            throw ApiException.invalid("InternetMaxBandwidthOut", "it must be 0 to 100 Mbit/s.");
        }
        // Pay-by-traffic is billed per GB sent, which a price per hour cannot say: the quote has no bandwidth part.
        boolean byBandwidth = "PayByBandwidth".equals(chargeType);
        return byBandwidth ? mbps * Catalog.BANDWIDTH_PRICE_PER_MBPS_HOUR * Catalog.priceLevel(regionId) : 0;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
