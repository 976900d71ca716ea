package io.lfp.dashboard.domain;

/** A product as users see it. */
public record ProductView(String sku, String name, String description) {
}
