package io.lfp.dashboard.domain;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of the aggregate table in the requested order, with the number of matching names: exact up to the
 * configured count limit; past it total is that limit and totalCapped is true ("at least total"; written only then, so a view
 * stored before it existed reads the same).
 */
public record AggregatePage(List<AggregateItem> items, long total,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean totalCapped) {

    /** A page and its names counted up to {@code limit + 1}. */
    public static AggregatePage counted(List<AggregateItem> items, long counted, int limit) {
        return new AggregatePage(items, Math.min(counted, limit), counted > limit);
    }
}
