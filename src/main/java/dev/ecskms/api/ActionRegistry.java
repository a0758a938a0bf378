package dev.ecskms.api;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * (Version, Action) → handler. Each product registers its actions under its API version; the endpoint knows no
 * action by name. KMS 2016-01-20 is registered by {@link KmsActions}; ECS 2014-05-26 and RAM 2015-05-01 register
 * the same way.
 */
public final class ActionRegistry {
    /**
     * @param name           the product's name as the troubleshooting links spell it ("Kms", "Ecs", "Ram")
     * @param regionRequired whether the API makes RegionId a required parameter (ECS): a call must then name its
     *                       region, by RegionId or by its endpoint's host name; the others (KMS, RAM) fall back to
     *                       the endpoint's default region
     * @param actionsWithoutRegionId the actions whose API defines no RegionId (ECS CreateSnapshot, AttachDisk …, as
     *                       ecs20140526 5.3.0's request models show): they take the region of the endpoint too
     */
    public record Product(String name, String version, boolean regionRequired, Set<String> actionsWithoutRegionId) {
        public Product {
            actionsWithoutRegionId = Set.copyOf(actionsWithoutRegionId);
        }

        public Product(String name, String version, boolean regionRequired) {
            this(name, version, regionRequired, Set.of());
        }

        /** Whether a call of this action must name its region (by RegionId or by its Host). */
        public boolean regionRequired(String action) {
            return regionRequired && !actionsWithoutRegionId.contains(action);
        }
    }

    private final Map<String, Product> products = new HashMap<>();
    private final Map<String, Map<String, ActionHandler>> handlers = new HashMap<>();

    public ActionRegistry product(Product product) {
        if (products.putIfAbsent(product.version(), product) != null) {
            throw new IllegalStateException("API version " + product.version() + " is already registered");
        }
        handlers.put(product.version(), new HashMap<>());
        return this;
    }

    public ActionRegistry action(String version, String action, ActionHandler handler) {
        Map<String, ActionHandler> actions = handlers.get(version);
        if (actions == null) {
            throw new IllegalStateException("register the product of version " + version + " first");
        }
        if (actions.putIfAbsent(action, handler) != null) {
            throw new IllegalStateException(action + " is already registered for version " + version);
        }
        return this;
    }

    public Optional<Product> product(String version) {
        return Optional.ofNullable(products.get(version));
    }

    /** The products registered, by version (for tests that exercise every action). */
    public List<Product> products() {
        return products.values().stream().sorted(Comparator.comparing(Product::version)).toList();
    }

    /** The actions registered for a version, sorted by name; empty for an unknown version. */
    public List<String> actions(String version) {
        return handlers.getOrDefault(version, Map.of()).keySet().stream().sorted().toList();
    }

    public Optional<ActionHandler> handler(String version, String action) {
        return Optional.ofNullable(handlers.getOrDefault(version, Map.of()).get(action));
    }
}
