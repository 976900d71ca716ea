package io.lfp.dashboard.domain;

/** One row of product_counts: how many products carry this name. */
public record AggregateItem(String name, long count) {
}
