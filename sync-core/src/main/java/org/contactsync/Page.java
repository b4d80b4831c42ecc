package org.contactsync;

import java.util.List;

/**
 * One page of a longer list, with the total so callers can page on.
 *
 * @param items  the items on this page, in order
 * @param total  how many items exist in all
 * @param limit  the page size that was asked for
 * @param offset how many items were skipped before this page
 */
public record Page<T>(List<T> items, long total, int limit, int offset) {
    public Page {
        items = List.copyOf(items);
        if (total < 0 || limit < 0 || offset < 0) {
            throw new IllegalArgumentException("total, limit and offset must not be negative");
        }
    }

    public boolean hasMore() {
        return (long) offset + items.size() < total;
    }
}
