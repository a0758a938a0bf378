package dev.ecskms.sim.ecs;

import dev.ecskms.sim.common.ApiException;

/**
 * The one rule for RunInstances' Amount: 1 to {@value #MAX} instances per order. The service checks it, and the
 * purchase page states it and refuses a quantity outside it next to the field.
 */
public final class InstanceAmountRule {
    public static final int MIN = 1;
    public static final int MAX = 100;
    public static final String DESCRIPTION = MIN + " to " + MAX + " instances per order";

    private InstanceAmountRule() {
    }

    /** The amount when RunInstances accepts it (1 when none is given); otherwise InvalidParameter. */
    public static int check(Integer amount) {
        int n = amount == null ? MIN : amount;
        if (n < MIN || n > MAX) {
            throw ApiException.invalid("Amount", "it must be between " + MIN + " and " + MAX + "; " + n
                    + " was asked. Place several orders for more instances.");
        }
        return n;
    }
}
