package dev.ecskms.sim.common;

import java.util.List;

/** One page of a listing, numbered from 1 as in the real API. */
public record Page<T>(List<T> items, int totalCount, int pageNumber, int pageSize) {

    /**
     * The page {@code pageNumber} of {@code all}; a page past the end is empty, as in the real API. The offset is
     * computed in long arithmetic, so that PageNumber=2147483647 is an empty page and not an overflow.
     */
    public static <T> Page<T> of(List<T> all, int pageNumber, int pageSize) {
        long offset = (Math.max(1L, pageNumber) - 1L) * Math.max(0L, pageSize);
        int from = (int) Math.min(all.size(), offset);
        int to = (int) Math.min(all.size(), from + Math.max(0L, pageSize));
        return new Page<>(List.copyOf(all.subList(from, to)), all.size(), pageNumber, pageSize);
    }

    /** Checks paging parameters the way the real API does; null means the default. */
    public static int[] validate(Integer pageNumber, Integer pageSize, int defaultSize, int maxSize) {
        int number = pageNumber == null ? 1 : pageNumber;
        int size = pageSize == null ? defaultSize : pageSize;
        if (number < 1) {
            throw ApiException.invalid("PageNumber", "it must be 1 or more.");
        }
        if (size < 1 || size > maxSize) {
            throw ApiException.invalid("PageSize", "it must be between 1 and " + maxSize + ".");
        }
        return new int[] {number, size};
    }
}
