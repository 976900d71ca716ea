package io.lfp.dashboard.domain;

import java.util.List;

/** One page of a product search, ordered by sku, with the number of all matches. */
public record ProductPage(List<ProductView> items, long total) {
}
