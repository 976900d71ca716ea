package io.lfp.cli.bench.reads;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the read phase measured: one {@link Row} per endpoint and pass (Redis up, then Redis down), each with its
 * goal and whether it was met; {@link #json()} for the benchmark's JSON ({@code "reads"}), {@link #table()} for its
 * printout.
 *
 * @param options the load
 * @param samples what the keys were picked from (null when picking failed)
 * @param redisDown what happened to the Redis-down pass: "ran", or why not / what went wrong
 * @param rows in the order they ran
 */
public record ReadPhaseReport(ReadPhaseOptions options, Map<String, Object> samples, String redisDown, List<Row> rows) {

    public static final String REDIS_UP = "redis up";
    public static final String REDIS_DOWN = "redis down";

    /** Goals of issue 19 for every row. */
    static final double CACHED_MIN_RATE = 2000;
    static final long CACHED_P99_MICROS = 50_000;
    static final long FRESH_P99_MICROS = 300_000;
    static final long REDIS_DOWN_P99_MICROS = 500_000;

    public ReadPhaseReport {
        rows = List.copyOf(rows);
    }

    /**
     * One endpoint under load for one pass.
     *
     * @param requests requests sent within the measured time and answered (or failed)
     * @param seconds from the start of the measurement to the last counted answer
     * @param errors non-2xx answers, timeouts and connection failures among {@code requests}
     * @param errorsByKind per status ("503"), "timeout" or "io"
     * @param firstError the first error's status and body start (or what failed), null without errors
     * @param cache how many answers carried each value of the body's {@code cache} field
     */
    public record Row(String pass, String endpoint, ReadEndpoint.Kind kind, String request, long requests, double seconds,
            long p50Micros, long p99Micros, long maxMicros, long errors, Map<String, Long> errorsByKind,
            String firstError, Map<String, Long> cache, String note) {

        public Row {
            errorsByKind = Map.copyOf(errorsByKind);
            cache = Map.copyOf(cache);
        }

        public double requestsPerSecond() {
            return seconds <= 0 ? 0 : requests / seconds;
        }

        /** The goal this row is held to, as printed. */
        public String goal() {
            if (pass.equals(REDIS_DOWN)) {
                return "p99 < 500 ms, 0 errors";
            }
            return kind == ReadEndpoint.Kind.CACHED ? "≥ 2000 req/s, p99 < 50 ms, 0 errors" : "p99 < 300 ms, 0 errors";
        }

        public boolean goalMet() {
            if (requests == 0 || errors > 0) {
                return false;
            }
            if (pass.equals(REDIS_DOWN)) {
                return p99Micros < REDIS_DOWN_P99_MICROS;
            }
            return kind == ReadEndpoint.Kind.CACHED
                    ? requestsPerSecond() >= CACHED_MIN_RATE && p99Micros < CACHED_P99_MICROS
                    : p99Micros < FRESH_P99_MICROS;
        }

        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("pass", pass);
            json.put("endpoint", endpoint);
            json.put("kind", kind.name().toLowerCase(Locale.ROOT));
            json.put("request", request);
            json.put("requests", requests);
            json.put("seconds", round(seconds, 2));
            json.put("requestsPerSecond", round(requestsPerSecond(), 1));
            json.put("p50Ms", millis(p50Micros));
            json.put("p99Ms", millis(p99Micros));
            json.put("maxMs", millis(maxMicros));
            json.put("errors", errors);
            json.put("errorsByKind", new LinkedHashMap<>(new TreeMap<>(errorsByKind)));
            json.put("firstError", firstError);
            json.put("cache", new LinkedHashMap<>(new TreeMap<>(cache)));
            json.put("goal", goal());
            json.put("goalMet", goalMet());
            json.put("note", note);
            return json;
        }
    }

    public long goalsMet() {
        return rows.stream().filter(Row::goalMet).count();
    }

    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("clients", options.clients());
        json.put("secondsPerRow", options.measured().toMillis() / 1000.0);
        json.put("warmUpSecondsPerRow", options.warmUp().toMillis() / 1000.0);
        json.put("requestTimeoutSeconds", options.requestTimeout().toMillis() / 1000.0);
        json.put("samples", samples);
        json.put("redisDown", redisDown);
        json.put("goalsMet", goalsMet());
        json.put("goals", rows.size());
        List<Map<String, Object>> list = new ArrayList<>();
        rows.forEach(row -> list.add(row.json()));
        json.put("rows", list);
        return json;
    }

    public String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Reads: %d clients, %s s per row after %s s warm-up, %s s timeout%n",
                options.clients(), seconds(options.measured()), seconds(options.warmUp()),
                seconds(options.requestTimeout())));
        String format = "%-10s  %-34s  %9s  %8s  %8s  %8s  %7s  %-22s  %s%n";
        out.append(String.format(Locale.ROOT, format, "pass", "endpoint", "req/s", "p50 ms", "p99 ms", "max ms",
                "errors", "cache", "goal"));
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, format, row.pass(), row.endpoint(),
                    String.format(Locale.ROOT, "%,.0f", row.requestsPerSecond()), ms(row.p50Micros()),
                    ms(row.p99Micros()), ms(row.maxMicros()), String.format(Locale.ROOT, "%,d", row.errors()),
                    shares(row.cache(), row.requests()), (row.goalMet() ? "met" : "MISSED") + " (" + row.goal() + ")"));
            if (row.note() != null) {
                out.append("            ").append(row.note()).append(System.lineSeparator());
            }
            if (row.firstError() != null) {
                out.append("            first error: ").append(row.firstError().replaceAll("\\s+", " "))
                        .append(System.lineSeparator());
            }
        }
        out.append(String.format(Locale.ROOT, "Redis-down pass: %s. Goals met: %d of %d%n", redisDown, goalsMet(),
                rows.size()));
        return out.toString();
    }

    /** "online 100%", or "miss 3% hit 97%": each value's share of the answers. */
    static String shares(Map<String, Long> cache, long requests) {
        if (cache.isEmpty() || requests == 0) {
            return "-";
        }
        List<String> parts = new ArrayList<>();
        new TreeMap<>(cache).forEach((value, n) -> parts.add(String.format(Locale.ROOT, "%s %.0f%%", value,
                100.0 * n / requests)));
        return String.join(" ", parts);
    }

    /** "10", "0.5": whole seconds without a fraction. */
    static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private static String ms(long micros) {
        return String.format(Locale.ROOT, "%.1f", micros / 1000.0);
    }

    /** Milliseconds to two places, rounded half up from whole microseconds. */
    private static double millis(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }

    private static double round(double value, int places) {
        double scale = Math.pow(10, places);
        return Math.round(value * scale) / scale;
    }
}
