package io.lfp.dashboard.domain;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One page of a product search, with the number of matches: exact up to the configured count limit; past it
 * total is that limit and totalCapped is true ("at least total"; written only then, so a view
 * stored before it existed reads the same).
 */
public record ProductPage(List<ProductView> items, long total,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean totalCapped) {

    /** A page and its matches counted up to {@code limit + 1}. */
    public static ProductPage counted(List<ProductView> items, long counted, int limit) {
        return new ProductPage(items, Math.min(counted, limit), counted > limit);
    }
}
