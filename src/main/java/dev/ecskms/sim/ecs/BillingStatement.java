package dev.ecskms.sim.ecs;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the account's resources in one region cost pay-as-you-go, from the billing ledger and the {@link Pricing}
 * price list: what bills now and by the hour, the month so far, and the cost of each simulated day.
 *
 * @param asOf        the simulated time the statement was made at
 * @param running     the resources billing now: instances while Running, disks while they exist
 * @param hourlyTotal what {@code running} costs per hour together
 * @param monthToDate the cost since the first day of the current month (UTC), up to {@code asOf}
 * @param days        one entry per simulated day of the window asked, oldest first
 */
public record BillingStatement(Instant asOf, String currency, List<Line> running, double hourlyTotal,
        double monthToDate, List<Day> days) {

    public BillingStatement {
        running = List.copyOf(running);
        days = List.copyOf(days);
    }

    /**
     * One billing resource.
     *
     * @param resourceType Instance or Disk (a system disk is billed on its own line, as on the real bill)
     * @param spec         the instance type, or the disk category
     * @param encrypted    for disks: whether it is encrypted, which does not change its price
     * @param since        when its current billing span began
     * @param costSoFar    what the current span has cost up to {@code asOf}
     */
    public record Line(String resourceId, String resourceType, String spec, String performanceLevel, Integer sizeGiB,
            String diskType, boolean encrypted, double hourlyPrice, Instant since, double costSoFar) {
    }

    /**
     * @param cost        what the day cost
     * @param accumulated the cost from the first day of the window up to the end of this one
     */
    public record Day(LocalDate day, double cost, double accumulated) {
    }

    public double totalOfWindow() {
        return days.isEmpty() ? 0 : days.get(days.size() - 1).accumulated();
    }
}
