package io.lfp.dashboard.rest;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import io.lfp.dashboard.domain.AggregateItem;
import io.lfp.dashboard.domain.AggregatePage;
import io.lfp.dashboard.domain.CacheStatus;
import io.lfp.dashboard.domain.Cached;
import io.lfp.dashboard.domain.ProductPage;
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

    /**
     * One page of the aggregate table; total counts the matching names up to lfp.dashboard.count-limit, and
     * totalCapped (present only then,
     * true) says there are more.
     */
    public record AggregateTable(List<AggregateItem> items, int page, int size, long total,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean totalCapped, CacheStatus cache) {

        static AggregateTable from(Cached<AggregatePage> t, int page, int size) {
            return new AggregateTable(t.value().items(), page, size, t.value().total(), t.value().totalCapped(),
                    t.cache());
        }
    }

    public record Aggregate(String name, long count, CacheStatus cache) {
    }

    /** One page of a product search; total and totalCapped as in {@link AggregateTable}. */
    public record Products(List<ProductView> items, int page, int size, long total,
            @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean totalCapped, CacheStatus cache) {

        static Products from(Cached<ProductPage> r, int page, int size) {
            return new Products(r.value().items(), page, size, r.value().total(), r.value().totalCapped(),
                    r.cache());
        }
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
