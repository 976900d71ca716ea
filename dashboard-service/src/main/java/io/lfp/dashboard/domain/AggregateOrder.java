package io.lfp.dashboard.domain;

/**
 * The orders the aggregate table can be read in. Ties in count are broken by name: ascending for most products
 * first, descending for fewest first (its exact reverse, one index read backwards).
 */
public enum AggregateOrder {
    COUNT_DESC("count", "desc"),
    COUNT_ASC("count", "asc"),
    NAME_ASC("name", "asc"),
    NAME_DESC("name", "desc");

    private final String sort;
    private final String dir;

    AggregateOrder(String sort, String dir) {
        this.sort = sort;
        this.dir = dir;
    }

    /** "count" or "name". */
    public String sort() {
        return sort;
    }

    /** "asc" or "desc". */
    public String dir() {
        return dir;
    }

    /** @return the order, or null when sort or dir is not one of the names above */
    public static AggregateOrder of(String sort, String dir) {
        for (AggregateOrder order : values()) {
            if (order.sort.equals(sort) && order.dir.equals(dir)) {
                return order;
            }
        }
        return null;
    }
}
