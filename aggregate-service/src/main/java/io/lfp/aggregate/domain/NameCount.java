package io.lfp.aggregate.domain;

/**
 * How many products carry one name.
 *
 * @param name the product name, exactly as stored
 * @param count number of products with that name
 */
public record NameCount(String name, long count) {
}
