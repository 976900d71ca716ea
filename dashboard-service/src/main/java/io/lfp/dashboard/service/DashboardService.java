package io.lfp.dashboard.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.dashboard.config.DashboardConfig;
import io.lfp.dashboard.domain.AggregateItem;
import io.lfp.dashboard.domain.AggregateOrder;
import io.lfp.dashboard.domain.AggregatePage;
import io.lfp.dashboard.domain.Cached;
import io.lfp.dashboard.domain.NameNotFoundException;
import io.lfp.dashboard.domain.ProductNotFoundException;
import io.lfp.dashboard.domain.ProductPage;
import io.lfp.dashboard.domain.ProductView;
import io.lfp.dashboard.domain.SummaryView;
import io.lfp.dashboard.domain.TopNamesView;
import io.lfp.dashboard.domain.UploadNotFoundException;
import io.lfp.dashboard.domain.UploadView;
import io.lfp.dashboard.domain.UploadsView;
import io.lfp.dashboard.repository.ViewKeys;
import io.smallrye.mutiny.Uni;

/** The dashboard's reads: each from its Redis view, computed from PostgreSQL when needed. */
@ApplicationScoped
public class DashboardService {

    private final ViewCache cache;
    private final ViewBuilder builder;
    private final ViewKeys keys;
    private final DashboardConfig config;

    public DashboardService(ViewCache cache, ViewBuilder builder, ViewKeys keys, DashboardConfig config) {
        this.cache = cache;
        this.builder = builder;
        this.keys = keys;
        this.config = config;
    }

    public Uni<Cached<SummaryView>> summary() {
        return cache.get("summary", keys.summary(), SummaryView.class, config.viewTtl(), builder::summary);
    }

    /** The {@code top} names with most products, those starting with {@code q} when q is not empty. */
    public Uni<Cached<List<AggregateItem>>> aggregates(int top, String q) {
        if (q.isEmpty() && top <= config.topViewSize()) {
            // The common case, the page's chart, is a slice of the event-maintained top-names view.
            return cache.get("aggregates", keys.topNames(), TopNamesView.class, config.viewTtl(),
                    () -> builder.topNames("", config.topViewSize()))
                    .map(view -> view.with(first(view.value().items(), top)));
        }
        return cache.getVersioned("aggregates", v -> keys.aggregates(v, top, q), TopNamesView.class,
                config.pageTtl(), () -> builder.topNames(q, top))
                .map(view -> view.with(view.value().items()));
    }

    /** One page of all names with products, in the given order, those starting with q when q is not empty. */
    public Uni<Cached<AggregatePage>> aggregateTable(String q, AggregateOrder order, int page, int size) {
        return cache.getVersioned("aggregate-table",
                v -> keys.aggregateTable(v, order.sort(), order.dir(), size, page, q),
                AggregatePage.class, config.pageTtl(), () -> builder.aggregatePage(q, order, page, size));
    }

    /** As {@link #aggregateTable}, the page after the item {@code after}: no rows skipped however deep. */
    public Uni<Cached<AggregatePage>> aggregateTableAfter(String q, AggregateOrder order, AggregateItem after,
            int size) {
        return cache.getVersioned("aggregate-table",
                v -> keys.aggregateTableAfter(v, order.sort(), order.dir(), size, after.count(), after.name(), q),
                AggregatePage.class, config.pageTtl(), () -> builder.aggregatePageAfter(q, order, after, size));
    }

    /** How many products carry exactly this name; NameNotFoundException when none does. */
    public Uni<Cached<AggregateItem>> aggregate(String name) {
        return cache.getVersioned("name", v -> keys.name(v, name), AggregateItem.class, config.pageTtl(),
                () -> builder.aggregate(name))
                .invoke(found -> {
                    if (found.value() == null) {
                        throw new NameNotFoundException(name);
                    }
                });
    }

    public Uni<Cached<ProductPage>> products(String q, int page, int size) {
        return cache.getVersioned("products", v -> keys.productPage(v, q, page, size), ProductPage.class,
                config.pageTtl(), () -> builder.productPage(q, page, size));
    }

    /** As {@link #products}, the page after the product {@code afterSku}: no rows skipped however deep. */
    public Uni<Cached<ProductPage>> productsAfter(String q, String afterSku, int size) {
        return cache.getVersioned("products", v -> keys.productPageAfter(v, q, afterSku, size), ProductPage.class,
                config.pageTtl(), () -> builder.productPageAfter(q, afterSku, size));
    }

    public Uni<Cached<ProductView>> product(String sku) {
        return cache.getVersioned("product", v -> keys.product(v, sku), ProductView.class, config.pageTtl(),
                () -> builder.product(sku))
                .invoke(found -> {
                    if (found.value() == null) {
                        throw new ProductNotFoundException(sku);
                    }
                });
    }

    public Uni<Cached<UploadsView>> uploads() {
        return cache.get("uploads", keys.uploads(), UploadsView.class, config.uploadsTtl(),
                builder::uploads);
    }

    /**
     * One upload: from the uploads view when it is among the newest (the usual case, and the view the
     * events keep fresh), else from its own short-lived view. UploadNotFoundException when unknown.
     */
    public Uni<Cached<UploadView>> upload(String id) {
        return uploads().chain(list -> {
            for (UploadView item : list.value().items()) {
                if (item.id().equals(id)) {
                    return Uni.createFrom().item(list.with(item));
                }
            }
            return cache.get("upload", keys.upload(id), UploadView.class,
                    config.uploadsTtl(), () -> builder.upload(id));
        }).invoke(found -> {
            if (found.value() == null) {
                throw new UploadNotFoundException(id);
            }
        });
    }

    private static <T> List<T> first(List<T> items, int n) {
        return items.size() <= n ? items : List.copyOf(items.subList(0, n));
    }
}
