package io.lfp.dashboard.rest;

import io.lfp.dashboard.domain.AggregateItem;
import io.lfp.dashboard.domain.CacheStatus;
import io.lfp.dashboard.domain.ProductView;
import io.lfp.dashboard.domain.UploadView;

import java.time.Instant;
import java.util.List;

/** JSON bodies of the API. Every one says whether Redis served it ("online") or not ("offline"). */
public final class ApiResponses {

    private ApiResponses() {
    }

    public record Summary(long products, long names, long uploads, CacheStatus cache, Instant refreshedAt) {
    }

    public record Aggregates(List<AggregateItem> items, CacheStatus cache) {
    }

    public record Products(List<ProductView> items, int page, int size, long total, CacheStatus cache) {
    }

    public record Product(String sku, String name, String description, CacheStatus cache) {
    }

    public record Uploads(List<UploadView> items, CacheStatus cache) {
    }

    /** Every 4xx/5xx body. */
    public record Error(String error, String detail) {
    }
}
