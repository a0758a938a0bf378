package dev.ecskms.api;

import dev.ecskms.sim.common.Page;
import java.util.function.Function;

/** Response shapes every RPC product shares: a page of a listing, and the RequestId-only answer. */
final class Responses {
    private Responses() {
    }

    /** {@code {List: {Item: [...]}, TotalCount, PageNumber, PageSize}}. */
    static <T> JsonObject paged(Page<T> page, String listName, String itemName, Function<T, JsonObject> item) {
        return JsonObject.of()
                .putList(listName, itemName, page.items().stream().map(item).toList())
                .put("TotalCount", page.totalCount())
                .put("PageNumber", page.pageNumber())
                .put("PageSize", page.pageSize());
    }

    /** Actions whose real response is the RequestId alone. */
    static JsonObject done(Runnable operation) {
        operation.run();
        return JsonObject.of();
    }
}
