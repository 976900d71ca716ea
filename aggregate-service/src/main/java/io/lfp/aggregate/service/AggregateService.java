package io.lfp.aggregate.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.aggregate.config.AggregateConfig;
import io.lfp.aggregate.domain.AggregateSummary;
import io.lfp.aggregate.domain.NameCount;
import io.lfp.aggregate.domain.NameNotFoundException;
import io.lfp.aggregate.repository.ProductCountRepository;
import io.smallrye.mutiny.Uni;

/** Answers questions about product_counts: top names, totals, one name's count. */
@ApplicationScoped
public class AggregateService {

    private final ProductCountRepository repository;
    private final AggregateConfig config;

    public AggregateService(ProductCountRepository repository, AggregateConfig config) {
        this.repository = repository;
        this.config = config;
    }

    /** Top names and totals; {@code top} null means {@code lfp.aggregate.default-top}. */
    public Uni<AggregateSummary> top(Integer top) {
        return repository.top(top == null ? config.defaultTop() : top);
    }

    /** One name's count; fails with {@link NameNotFoundException} when no product has that name. */
    public Uni<NameCount> byName(String name) {
        return repository.find(name).onItem().ifNull().failWith(() -> new NameNotFoundException(name));
    }
}
