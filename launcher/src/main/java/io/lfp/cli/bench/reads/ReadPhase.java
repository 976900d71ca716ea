package io.lfp.cli.bench.reads;

import java.io.PrintStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The benchmark's read phase (issue 19): every dashboard endpoint under concurrent clients, with the same request
 * repeated (a cached view) and, for searches and products, a request never asked before each time; then all of it
 * again with Redis stopped (the PostgreSQL fallback), Redis started again at the end. Keys are real ones picked from
 * the loaded data first ({@link ReadSamples}).
 */
public final class ReadPhase {
    /** How long the dashboard gets to notice Redis has gone or come back. */
    static final Duration CACHE_SWITCH_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final long SAMPLE_SEED = 19;

    private ReadPhase() {
    }

    /**
     * Runs the phase against {@code target}; one line per row to {@code log} as it goes. Redis is running again
     * when this returns, also after a failure.
     *
     * @throws IllegalStateException when no keys can be picked (no products, database unreachable) or interrupted
     */
    public static ReadPhaseReport run(ReadTarget target, ReadPhaseOptions options, PrintStream log) {
        log.println("reads: picking keys from the loaded data …");
        ReadSamples samples;
        try (Connection db = target.database().open()) {
            samples = ReadSamples.pick(db, options.freshKeys(), options.deepRank(), SAMPLE_SEED);
        } catch (SQLException e) {
            throw new IllegalStateException("reads: cannot pick keys from PostgreSQL: " + e.getMessage(), e);
        }
        log.printf("reads: %,d products (estimate); fresh keys: %,d skus, %,d sku prefixes, %,d name prefixes%n",
                samples.products(), samples.freshSkus().size(), samples.freshSkuPrefixes().size(),
                samples.freshNamePrefixes().size());
        return run(target, options, log, samples);
    }

    /** As {@link #run(ReadTarget, ReadPhaseOptions, PrintStream)} with keys picked already. */
    static ReadPhaseReport run(ReadTarget target, ReadPhaseOptions options, PrintStream log, ReadSamples samples) {
        DashboardClient client = new DashboardClient(target.dashboardUrl(), target.tokens(), options.requestTimeout());
        List<ReadEndpoint> endpoints = endpoints(samples);
        List<ReadPhaseReport.Row> rows = new ArrayList<>();
        String redisDown;
        try {
            rows.addAll(pass(client, endpoints, ReadPhaseReport.REDIS_UP, options, log));
            redisDown = redisDownPass(target, client, endpoints, options, log, rows);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("reads: interrupted", e);
        }
        return new ReadPhaseReport(options, describe(samples), redisDown, rows);
    }

    /** The rows of issue 19, section 3, in the order they run. */
    static List<ReadEndpoint> endpoints(ReadSamples samples) {
        ReadSamples.DeepItem deep = samples.deep();
        FreshKeys skuPrefixes = new FreshKeys(samples.freshSkuPrefixes());
        FreshKeys namePrefixes = new FreshKeys(samples.freshNamePrefixes());
        FreshKeys skus = new FreshKeys(samples.freshSkus());
        List<ReadEndpoint> endpoints = new ArrayList<>();
        endpoints.add(ReadEndpoint.repeated("summary", "/api/summary", null));
        endpoints.add(ReadEndpoint.repeated("top 20 names", "/api/aggregates?top=20", null));
        endpoints.add(ReadEndpoint.repeated("aggregate table, first page", "/api/aggregates/table", null));
        if (deep != null) {
            endpoints.add(ReadEndpoint.repeated("aggregate table, deep page",
                    "/api/aggregates/table?afterName=" + ReadEndpoint.encode(deep.name()) + "&afterCount=" + deep.count(),
                    String.format(Locale.ROOT, "keyset page after the item at rank %,d (\"%s\", %,d products)",
                            deep.rank(), deep.name(), deep.count())));
        }
        endpoints.add(ReadEndpoint.repeated("one name's count", "/api/aggregates/" + ReadEndpoint.encode(samples.name()),
                null));
        endpoints.add(ReadEndpoint.repeated("search sku prefix, repeated",
                "/api/products?q=" + ReadEndpoint.encode(samples.skuPrefix()), null));
        endpoints.add(ReadEndpoint.fresh("search sku prefix, fresh", "/api/products?q=<new sku prefix>", skuPrefixes,
                key -> "/api/products?q=" + ReadEndpoint.encode(key), null));
        endpoints.add(ReadEndpoint.repeated("search name prefix, repeated",
                "/api/products?q=" + ReadEndpoint.encode(samples.namePrefix()), null));
        endpoints.add(ReadEndpoint.fresh("search name prefix, fresh", "/api/products?q=<new name prefix>", namePrefixes,
                key -> "/api/products?q=" + ReadEndpoint.encode(key), null));
        endpoints.add(ReadEndpoint.repeated("product by sku, repeated",
                "/api/products/" + ReadEndpoint.encode(samples.sku()), null));
        endpoints.add(ReadEndpoint.fresh("product by sku, fresh", "/api/products/<new sku>", skus,
                key -> "/api/products/" + ReadEndpoint.encode(key), null));
        endpoints.add(ReadEndpoint.repeated("uploads list", "/api/uploads", null));
        return endpoints;
    }

    static List<ReadPhaseReport.Row> pass(DashboardClient client, List<ReadEndpoint> endpoints, String pass,
            ReadPhaseOptions options, PrintStream log) throws InterruptedException {
        List<ReadPhaseReport.Row> rows = new ArrayList<>();
        for (ReadEndpoint endpoint : endpoints) {
            ReadPhaseReport.Row row = EndpointLoad.run(client, endpoint, pass, options);
            log.printf(Locale.ROOT, "reads: %s, %s: %,.0f req/s, p50 %.1f ms, p99 %.1f ms, %,d errors%n", pass,
                    endpoint.name(), row.requestsPerSecond(), row.p50Micros() / 1000.0, row.p99Micros() / 1000.0,
                    row.errors());
            rows.add(row);
        }
        return rows;
    }

    /** Stops Redis, runs every row again, starts Redis; what happened, for the report. */
    private static String redisDownPass(ReadTarget target, DashboardClient client, List<ReadEndpoint> endpoints,
            ReadPhaseOptions options, PrintStream log, List<ReadPhaseReport.Row> rows) throws InterruptedException {
        if (!options.redisDown()) {
            return "not run (not asked for)";
        }
        if (target.stopRedis() == null || target.startRedis() == null) {
            return "not run (this target cannot stop Redis)";
        }
        log.println("reads: stopping Redis …");
        try {
            target.stopRedis().run();
        } catch (RuntimeException e) {
            log.println("reads: could not stop Redis: " + e.getMessage());
            return "not run: could not stop Redis: " + e.getMessage();
        }
        String outcome;
        try {
            long stoppedAt = System.nanoTime();
            boolean offline = await(client, "offline"::equals, CACHE_SWITCH_TIMEOUT);
            if (offline) {
                log.printf(Locale.ROOT, "reads: the dashboard answered cache \"offline\" %.1f s after Redis stopped%n",
                        (System.nanoTime() - stoppedAt) / 1e9);
            }
            outcome = offline ? "ran"
                    : "ran, but the dashboard did not report cache \"offline\" within "
                            + CACHE_SWITCH_TIMEOUT.toSeconds() + " s before it started";
            rows.addAll(pass(client, endpoints, ReadPhaseReport.REDIS_DOWN, options, log));
        } finally {
            log.println("reads: starting Redis again …");
            target.startRedis().run();
        }
        long startedAt = System.nanoTime();
        if (await(client, cache -> !cache.equals("offline"), CACHE_SWITCH_TIMEOUT)) {
            log.printf(Locale.ROOT, "reads: the dashboard uses its cache again %.1f s after Redis started%n",
                    (System.nanoTime() - startedAt) / 1e9);
        } else {
            outcome += "; after Redis was started again the dashboard still answered cache \"offline\" after "
                    + CACHE_SWITCH_TIMEOUT.toSeconds() + " s";
        }
        log.println("reads: Redis-down pass " + outcome);
        return outcome;
    }

    /** Polls {@code GET /api/summary} until its {@code cache} field satisfies {@code wanted}; false on timeout. */
    static boolean await(DashboardClient client, Predicate<String> wanted, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            DashboardClient.Answer answer = client.get("/api/summary");
            if (answer.ok() && wanted.test(answer.cache())) {
                return true;
            }
            Thread.sleep(POLL.toMillis());
        } while (System.nanoTime() < deadline);
        return false;
    }

    private static Map<String, Object> describe(ReadSamples samples) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("productsEstimate", samples.products());
        json.put("productsSampled", samples.sampled());
        json.put("sku", samples.sku());
        json.put("skuPrefix", samples.skuPrefix());
        json.put("name", samples.name());
        json.put("namePrefix", samples.namePrefix());
        if (samples.deep() != null) {
            Map<String, Object> deep = new LinkedHashMap<>();
            deep.put("rank", samples.deep().rank());
            deep.put("name", samples.deep().name());
            deep.put("count", samples.deep().count());
            json.put("deepPageAfter", deep);
        }
        json.put("freshSkus", samples.freshSkus().size());
        json.put("freshSkuPrefixes", samples.freshSkuPrefixes().size());
        json.put("freshNamePrefixes", samples.freshNamePrefixes().size());
        return json;
    }
}
