package io.lfp.cli.bench.reads;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One row of the read phase: the dashboard request its clients send over and over ("repeated": a view the cache
 * answers once warm), or a new one each time from {@link FreshKeys} ("fresh": never asked before).
 *
 * @param name the row's label, e.g. "search sku prefix, fresh"
 * @param kind which goal applies
 * @param request the request as the table and JSON show it, e.g. {@code GET /api/products?q=<sku prefix>}
 * @param next the path and query of the next request, null when the fresh keys are used up
 * @param keys the fresh keys this row draws from; null for a repeated request
 * @param note what the table should say about the row (e.g. which item the deep page follows); may be null
 */
record ReadEndpoint(String name, Kind kind, String request, Supplier<String> next, FreshKeys keys, String note) {

    enum Kind {
        /** The same request every time: after the warm-up, a cached view. */
        CACHED,
        /** A request never asked before, every time. */
        FRESH
    }

    static ReadEndpoint repeated(String name, String path, String note) {
        return new ReadEndpoint(name, Kind.CACHED, "GET " + path, () -> path, null, note);
    }

    static ReadEndpoint fresh(String name, String shown, FreshKeys keys, Function<String, String> path, String note) {
        return new ReadEndpoint(name, Kind.FRESH, "GET " + shown, () -> {
            String key = keys.next();
            return key == null ? null : path.apply(key);
        }, keys, note);
    }

    /** {@code text} as one URL query value or path segment: UTF-8, a space as %20. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
