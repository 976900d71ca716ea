package io.lfp.dashboard.repository;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.lfp.dashboard.config.DashboardConfig;

/** Names of the Redis keys holding the views. All start with the configured prefix. */
@ApplicationScoped
public class ViewKeys {

    private final String prefix;

    @Inject
    public ViewKeys(DashboardConfig config) {
        this(config.keyPrefix());
    }

    ViewKeys(String prefix) {
        this.prefix = prefix;
    }

    /** JSON SummaryView. */
    public String summary() {
        return prefix + "summary";
    }

    /** JSON TopNamesView: the first top-view-size names. */
    public String topNames() {
        return prefix + "top-names";
    }

    /** JSON UploadsView, live progress already laid over. */
    public String uploads() {
        return prefix + "uploads";
    }

    /** Counter bumped whenever products or counts changed: every page key below embeds it. */
    public String version() {
        return prefix + "products-version";
    }

    /** JSON ProductPage. The user's text goes last so it cannot be confused with the numbers. */
    public String productPage(long version, String q, int page, int size) {
        return prefix + "products:v" + version + ":" + size + ":" + page + ":" + q;
    }

    /** JSON ProductPage of the products after {@code afterSku}. */
    public String productPageAfter(long version, String q, String afterSku, int size) {
        return prefix + "products-after:v" + version + ":" + size + ":" + afterSku.length() + ":" + afterSku + ":" + q;
    }

    /** JSON ProductView. */
    public String product(long version, String sku) {
        return prefix + "product:v" + version + ":" + sku;
    }

    /** JSON TopNamesView of names starting with q. */
    public String aggregates(long version, int top, String q) {
        return prefix + "aggregates:v" + version + ":" + top + ":" + q;
    }

    /** JSON AggregatePage of the aggregate table: one order, page size, page and name prefix. */
    public String aggregateTable(long version, String sort, String dir, int size, int page, String q) {
        return prefix + "aggregate-table:v" + version + ":" + sort + ":" + dir + ":" + size + ":" + page + ":" + q;
    }

    /** JSON AggregatePage of the names after the item {@code afterName}/{@code afterCount}. */
    public String aggregateTableAfter(long version, String sort, String dir, int size, long afterCount,
            String afterName, String q) {
        return prefix + "aggregate-table-after:v" + version + ":" + sort + ":" + dir + ":" + size + ":" + afterCount
                + ":" + afterName.length() + ":" + afterName + ":" + q;
    }

    /** JSON AggregateItem of one name. */
    public String name(long version, String name) {
        return prefix + "name:v" + version + ":" + name;
    }

    /** JSON UploadView of one upload that is not among the newest (those are read from uploads()). */
    public String upload(String uploadId) {
        return prefix + "upload:" + uploadId;
    }

    /** JSON LiveProgress of one upload. */
    public String progress(String uploadId) {
        return prefix + "progress:" + uploadId;
    }
}
