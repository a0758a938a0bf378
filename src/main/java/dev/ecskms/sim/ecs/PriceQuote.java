package dev.ecskms.sim.ecs;

import java.util.List;

/**
 * DescribePrice's answer (PriceInfo): the price of the whole configuration for the period asked, its parts and the
 * rules that discounted it. Amounts are unrounded; the API rounds them on the wire.
 *
 * @param originalPrice the list price
 * @param discountPrice what the rules take off
 * @param tradePrice    what is paid: original minus discount
 * @param priceUnit     the unit the price is for (Hour, Week, Month, Year)
 * @param period        how many units
 */
public record PriceQuote(String currency, double originalPrice, double discountPrice, double tradePrice,
        String priceUnit, int period, List<Detail> details, List<Rule> rules) {

    public PriceQuote {
        details = List.copyOf(details);
        rules = List.copyOf(rules);
    }

    /** The price of one part (DetailInfos.DetailInfo): instanceType, systemDisk, dataDisk, bandwidth. */
    public record Detail(String resource, double originalPrice, double discountPrice, double tradePrice) {
    }

    /** A pricing rule applied (Rules.Rule). */
    public record Rule(long ruleId, String description) {
    }

    /** The trade price of one part, 0 when the quote has no such part. */
    public double tradePriceOf(String resource) {
        return details.stream().filter(d -> d.resource().equals(resource)).mapToDouble(Detail::tradePrice).sum();
    }
}
