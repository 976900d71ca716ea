package io.lfp.dashboard.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.lfp.dashboard.domain.AggregateItem;
import io.lfp.dashboard.domain.CacheStatus;
import io.lfp.dashboard.domain.Cached;
import io.lfp.dashboard.domain.ProductView;
import io.lfp.dashboard.domain.SummaryView;
import io.lfp.dashboard.domain.UploadView;
import io.lfp.dashboard.domain.UploadsView;

/** JSON bodies of the API. Every one says whether Redis served it ("online") or not ("offline"). */
public final class ApiResponses {

    private ApiResponses() {
    }

    public record Summary(long products, long names, long uploads, CacheStatus cache, Instant refreshedAt) {

        static Summary from(Cached<SummaryView> s) {
            return new Summary(s.value().products(), s.value().names(), s.value().uploads(), s.cache(),
                    s.value().refreshedAt());
        }
    }

    public record Aggregates(List<AggregateItem> items, CacheStatus cache) {
    }

    /** One page of the aggregate table; total counts every matching name. */
    public record AggregateTable(List<AggregateItem> items, int page, int size, long total, CacheStatus cache) {
    }

    public record Aggregate(String name, long count, CacheStatus cache) {
    }

    public record Products(List<ProductView> items, int page, int size, long total, CacheStatus cache) {
    }

    public record Product(String sku, String name, String description, CacheStatus cache) {
    }

    public record Uploads(List<UploadView> items, CacheStatus cache) {

        static Uploads from(Cached<UploadsView> u) {
            return new Uploads(u.value().items(), u.cache());
        }
    }

    /** One upload: the fields of an item of {@link Uploads}, plus cache. */
    public record Upload(@JsonUnwrapped UploadView upload, CacheStatus cache) {
    }

    /** Where the page's browser reaches the other services. */
    public record Config(String uploadServiceUrl) {
    }
}
