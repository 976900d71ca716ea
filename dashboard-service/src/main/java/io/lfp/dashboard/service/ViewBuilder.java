package io.lfp.dashboard.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.dashboard.config.DashboardConfig;
import io.lfp.dashboard.domain.AggregateItem;
import io.lfp.dashboard.domain.AggregateOrder;
import io.lfp.dashboard.domain.AggregatePage;
import io.lfp.dashboard.domain.LiveProgress;
import io.lfp.dashboard.domain.ProductPage;
import io.lfp.dashboard.domain.ProductView;
import io.lfp.dashboard.domain.SummaryView;
import io.lfp.dashboard.domain.TopNamesView;
import io.lfp.dashboard.domain.UploadView;
import io.lfp.dashboard.domain.UploadsView;
import io.lfp.dashboard.repository.ProductCountRepository;
import io.lfp.dashboard.repository.ProductRepository;
import io.lfp.dashboard.repository.RedisViewRepository;
import io.lfp.dashboard.repository.UploadRepository;
import io.lfp.dashboard.repository.ViewKeys;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;

/** Computes each view from PostgreSQL: on a cache miss, on an event, or while Redis is down. */
@ApplicationScoped
public class ViewBuilder {

    private final ProductRepository products;
    private final ProductCountRepository counts;
    private final UploadRepository uploads;
    private final RedisViewRepository redis;
    private final ViewKeys keys;
    private final CacheState state;
    private final ObjectMapper json;
    private final DashboardConfig config;

    public ViewBuilder(ProductRepository products, ProductCountRepository counts, UploadRepository uploads,
            RedisViewRepository redis, ViewKeys keys, CacheState state, ObjectMapper json, DashboardConfig config) {
        this.products = products;
        this.counts = counts;
        this.uploads = uploads;
        this.redis = redis;
        this.keys = keys;
        this.state = state;
        this.json = json;
        this.config = config;
    }

    public Uni<SummaryView> summary() {
        return Uni.combine().all().unis(products.countAll(), counts.countNames(), uploads.count())
                .with((p, n, u) -> new SummaryView(p, n, u, Instant.now()));
    }

    public Uni<TopNamesView> topNames(String prefix, int limit) {
        return counts.top(prefix, limit).map(TopNamesView::new);
    }

    public Uni<AggregatePage> aggregatePage(String q, AggregateOrder order, int page, int size) {
        return Uni.combine().all()
                .unis(counts.page(q, order, size, (long) page * size), counts.countNames(q, config.countLimit()))
                .with((items, counted) -> AggregatePage.counted(items, counted, config.countLimit()));
    }

    /** The name's count, or null when no product has it. */
    public Uni<AggregateItem> aggregate(String name) {
        return counts.findByName(name);
    }

    public Uni<AggregatePage> aggregatePageAfter(String q, AggregateOrder order, AggregateItem after, int size) {
        return Uni.combine().all()
                .unis(counts.pageAfter(q, order, after, size), counts.countNames(q, config.countLimit()))
                .with((items, counted) -> AggregatePage.counted(items, counted, config.countLimit()));
    }

    public Uni<ProductPage> productPageAfter(String q, String afterSku, int size) {
        return Uni.combine().all()
                .unis(products.searchAfter(q, afterSku, size), products.countMatches(q, config.countLimit()))
                .with((items, counted) -> ProductPage.counted(items, counted, config.countLimit()));
    }

    public Uni<ProductPage> productPage(String q, int page, int size) {
        return Uni.combine().all()
                .unis(products.search(q, size, (long) page * size), products.countMatches(q, config.countLimit()))
                .with((items, counted) -> ProductPage.counted(items, counted, config.countLimit()));
    }

    public Uni<ProductView> product(String sku) {
        return products.findBySku(sku);
    }

    /** The newest uploads, with the live progress of running jobs laid over when Redis has it. */
    public Uni<UploadsView> uploads() {
        return uploads.newest(config.uploadsLimit())
                .chain(rows -> liveProgress(rows).map(live -> new UploadsView(
                        rows.stream().map(row -> row.withLive(live.get(row.id()))).toList())));
    }

    /** One upload with its live progress laid over, or null when there is none with this id. */
    public Uni<UploadView> upload(String id) {
        UUID uuid = uuid(id);
        if (uuid == null) {
            return Uni.createFrom().nullItem();
        }
        return uploads.findById(uuid)
                .chain(row -> row == null ? Uni.createFrom().<UploadView> nullItem()
                        : liveProgress(List.of(row)).map(live -> row.withLive(live.get(row.id()))));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException notAnUploadId) {
            return null;
        }
    }

    private Uni<Map<String, LiveProgress>> liveProgress(List<UploadView> rows) {
        if (!state.isOnline() || rows.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        List<String> ids = rows.stream().map(UploadView::id).toList();
        return redis.getAll(ids.stream().map(keys::progress).toList())
                .map(stored -> {
                    Map<String, LiveProgress> live = new HashMap<>();
                    for (String id : ids) {
                        LiveProgress progress = decode(stored.get(keys.progress(id)));
                        if (progress != null) {
                            live.put(id, progress);
                        }
                    }
                    return live;
                })
                // Without Redis the table's own counters are still a correct, if older, answer.
                .onFailure().invoke(state::markOffline)
                .onFailure().recoverWithItem(Map.of());
    }

    private LiveProgress decode(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return json.readValue(stored, LiveProgress.class);
        } catch (JsonProcessingException e) {
            Log.warnf("Unreadable live progress, ignored: %s", e.getOriginalMessage());
            return null;
        }
    }
}
