package io.lfp.dashboard.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the dashboard's Redis views. */
@ConfigMapping(prefix = "lfp.dashboard")
public interface DashboardConfig {

    /**
     * Longest wait for one Redis command. Short on purpose: past it the read is answered
     * from PostgreSQL instead, so a hung Redis never makes the page slow.
     */
    @WithDefault("1s")
    Duration redisTimeout();

    /**
     * With Redis down, how long a view computed from PostgreSQL also answers the other reads of the same key
     * (env LFP_DASHBOARD_OFFLINE_REUSE): a popular key then costs one query per this interval, not one per read.
     */
    @WithDefault("1s")
    Duration offlineReuse();

    /** How often Redis is pinged while it is offline, to rebuild the views once it is back. */
    @WithDefault("2s")
    Duration redisProbeInterval();

    /** Prefix of every Redis key this service writes. */
    @WithDefault("lfp:dashboard:")
    String keyPrefix();

    /** Life of a cached product search page or filtered aggregate list (they are also versioned). */
    @WithDefault("10m")
    Duration pageTtl();

    /** Safety life of the event-driven summary and top-names views, in case an event never comes. */
    @WithDefault("10m")
    Duration viewTtl();

    /**
     * Life of the uploads view. Short: new uploads and aggregated_at are written by upload-service
     * without an event this service consumes at that moment.
     */
    @WithDefault("5s")
    Duration uploadsTtl();

    /** Life of a running upload's live progress (the latest IngestProgressed/IngestFinished). */
    @WithDefault("24h")
    Duration progressTtl();

    /** Names kept in the top-names view; /api/aggregates without q is served from it up to this. */
    @WithDefault("1000")
    int topViewSize();

    /** Uploads listed, newest first. */
    @WithDefault("100")
    int uploadsLimit();

    /**
     * Where browsers reach upload-service: the page posts files there, retries failed uploads and links to
     * their rejected rows (env
     * LFP_DASHBOARD_UPLOAD_SERVICE_URL). upload-service must allow this page's origin (CORS).
     */
    @WithDefault("http://127.0.0.1:8081")
    String uploadServiceUrl();

    /** Gap between keep-alive comments on the live stream, so proxies do not close an idle one. */
    @WithDefault("15s")
    Duration streamKeepAlive();

    /**
     * Events held for one live-stream client that reads slower than they come. Past it the client is
     * disconnected; its browser reconnects and starts again from a fresh uploads list.
     */
    @WithDefault("256")
    int streamBuffer();

    /**
     * Clients the live stream serves at once; each holds up to stream-buffer events. One more is answered
     * 503 with Retry-After (env LFP_DASHBOARD_STREAM_MAX_CLIENTS); the page reads the uploads list meanwhile.
     */
    @WithDefault("200")
    int streamMaxClients();

    /**
     * Longest a query of this service may run in PostgreSQL (set on every pooled connection as
     * statement_timeout, env LFP_DASHBOARD_STATEMENT_TIMEOUT); past it the client gets 503.
     */
    @WithDefault("5s")
    Duration statementTimeout();

    /**
     * Highest {@code page} number /api/products and /api/aggregates/table accept (an OFFSET reads every row
     * before it); deeper pages are read with the keyset cursor ({@code after}, {@code afterName}).
     */
    @WithDefault("500")
    int maxPage();

    /**
     * Largest {@code top} GET /api/aggregates accepts (env LFP_DASHBOARD_MAX_TOP); more is a 400. Names beyond
     * {@link #topViewSize()} are read from PostgreSQL.
     */
    @WithDefault("1000")
    int maxTop();

    /**
     * Matches a product search or aggregate-table page counts at most (env LFP_DASHBOARD_COUNT_LIMIT): past it
     * the answer's total is this number with {@code "totalCapped":true}, so a count never reads more index
     * entries than this, however many rows match.
     */
    @WithDefault("10000")
    int countLimit();

    /** Largest {@code size} of a page of /api/products and /api/aggregates/table (env LFP_DASHBOARD_MAX_PAGE_SIZE). */
    @WithDefault("200")
    int maxPageSize();
}
