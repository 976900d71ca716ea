package io.lfp.aggregate.domain;

import java.util.List;

/**
 * The top names and the totals, read from one snapshot of product_counts.
 *
 * @param items names with the most products, count descending, ties by name ascending
 * @param products total number of products
 * @param names number of distinct names
 */
public record AggregateSummary(List<NameCount> items, long products, long names) {
}
