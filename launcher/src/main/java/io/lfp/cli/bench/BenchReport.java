package io.lfp.cli.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one benchmark run measured, as the table it prints and the JSON it writes. Pure.
 *
 * @param distinctSkus distinct skus of the measured file: the products its upload yields
 * @param warmDistinctSkus distinct skus of the warm file (0 when it did not run)
 * @param cold the first upload of the file into an empty database on fresh services; null when it did not run
 * @param reupload the identical file uploaded again; null when it did not run
 * @param warm the first upload of a second file (skus {@link Benchmark#WARM_SKU_PREFIX}…) on the warm services;
 *        null when it did not run
 * @param baseline the by-hand baseline on the same PostgreSQL; null when it did not run
 * @param baselineDifferences rows of {@code products} (but the warm file's) and of the by-hand result that differ
 *        (-1 = not compared)
 * @param peakRssBytes process label → VmHWM in bytes, just before the stack stopped
 * @param disk the disk the run used; null when not sampled
 * @param readsJson {@code ReadPhaseReport.json()} of the read phase; null when it did not run
 * @param readsTable {@code ReadPhaseReport.table()}; null when it did not run
 * @param machine nproc, memory, CPU model, java, PostgreSQL version
 * @param commit the checkout's commit ({@code -dirty} with local changes); null when unknown
 */
record BenchReport(
        Instant startedAt,
        BenchOptions options,
        long fileBytes,
        long distinctSkus,
        long warmDistinctSkus,
        UploadRun cold,
        UploadRun reupload,
        UploadRun warm,
        ByHandBaseline.Result baseline,
        long baselineDifferences,
        Map<String, Long> peakRssBytes,
        Disk disk,
        Map<String, Object> readsJson,
        String readsTable,
        Map<String, Object> machine,
        String commit) {

    static final String COLD_LABEL = "1 cold first upload (fresh JVMs)";
    static final String REUPLOAD_LABEL = "2 identical re-upload";
    static final String WARM_LABEL = "3 warm first upload (2nd file)";
    /** Issue 19's goals on the 2-core machine, product ÷ by-hand baseline. */
    static final double COLD_GOAL_500K = 1.2;
    static final double COLD_GOAL_5M = 1.0;
    static final double REUPLOAD_GOAL = 0.6;
    static final long FIVE_MILLION = 5_000_000;
    static final String FIFTY_MILLION_GOAL = "50M rows: time ≤ 11× the 5M time of the same configuration";

    /**
     * One upload, measured from the first byte sent to the moment the job was complete and its counts
     * exact: the upload's {@code aggregatedAt}, aggregate-service's database clock once the upload's count
     * changes were all committed (the same host's clock as the bench's).
     *
     * @param seenSeconds when the bench's polling (every 300 ms) saw the upload settled
     * @param acceptedSeconds when the upload-service answered 202 (the body is all sent by then)
     * @param check the exactness check after it settled; null when it failed before
     * @param timeline {@link Timeline} steps: seconds after upload-service recorded the upload
     * @param cpuSeconds CPU seconds each process of the stack used from the first byte to settled
     */
    record UploadRun(String id, String status, double seconds, double seenSeconds, double acceptedSeconds, long rowsRead,
            long rowsRejected, String error, Exactness.Check check, Map<String, Double> timeline,
            Map<String, Double> cpuSeconds) {
        boolean ok() {
            return check != null && check.ok() && !"FAILED".equals(status);
        }

        double rowsPerSecond(long rows) {
            return seconds <= 0 ? 0 : rows / seconds;
        }

        String verdict() {
            if (check == null) {
                return "NOT CHECKED" + (error == null ? "" : ": " + error);
            }
            return "FAILED".equals(status) ? "FAILED: " + error + "; " + check.describe() : check.describe();
        }
    }

    /**
     * @param sampled the peak of the samples and the table sizes then
     * @param tablesAtEnd table sizes just before the stack stopped
     * @param bytesLeft bytes still under the generated files and the stack's data after the cleanup (0 = all gone)
     * @param left the paths that were checked
     */
    record Disk(DiskSampler.Peak sampled, Map<String, Long> tablesAtEnd, long bytesLeft, List<String> left) {
    }

    /** The re-upload left the products' content as the first upload did. */
    boolean reuploadUnchanged() {
        return cold != null && reupload != null && cold.check() != null && reupload.check() != null
                && cold.check().fingerprint().equals(reupload.check().fingerprint());
    }

    boolean readsOnly() {
        return options.reads() == BenchOptions.Reads.ONLY;
    }

    boolean exact() {
        boolean uploads = cold != null && cold.ok()
                && (!options.reupload() || readsOnly() || reupload != null && reupload.ok() && reuploadUnchanged())
                && (!options.warm() || readsOnly() || warm != null && warm.ok());
        return uploads && (readsOnly() || baselineDifferences == 0);
    }

    /** The goal for cold ÷ baseline at this row count: 1.2× below 5M rows, 1.0× from 5M. */
    double coldGoal() {
        return options.rows() >= FIVE_MILLION ? COLD_GOAL_5M : COLD_GOAL_500K;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "Large File Processor benchmark — %s rows, %.1f MB, %d ingest-worker%s, chunk size %s%n",
                count(options.rows()), fileBytes / 1e6, options.workers(), options.workers() == 1 ? "" : "s",
                options.chunkSizeBytes() == null ? "default" : count(options.chunkSizeBytes()) + " bytes"));
        out.append(options.throwaway()
                ? "  configuration: THROWAWAY (PostgreSQL with fsync, full_page_writes, wal_init_zero off: not what"
                        + " ./lfp up runs)\n"
                : "  configuration: DURABLE (PostgreSQL created as ./lfp up creates .lfp/data: fsync, full_page_writes on)\n");
        if (machine.get("loadAverage1mAtStart") instanceof Double load && load >= 0) {
            out.append(String.format(Locale.ROOT,
                    "  on %s cores, load average %.1f at the start, %.1f at the end (other work skews the numbers)%n",
                    machine.get("nproc"), load, machine.get("loadAverage1mAtEnd") instanceof Double end ? end : -1.0));
        }
        if (readsOnly()) {
            out.append("  --reads-only: one untimed upload, then the read phase\n");
        } else {
            out.append(String.format(Locale.ROOT, "  %-42s %10s %12s %11s %9s%n", "", "seconds", "rows/s", "÷ baseline",
                    "goal"));
            uploadRow(out, COLD_LABEL, cold, options.rows(), coldGoal());
            uploadRow(out, REUPLOAD_LABEL, options.reupload() ? reupload : null, options.rows(),
                    options.reupload() ? REUPLOAD_GOAL : -1);
            if (!options.reupload()) {
                out.append(String.format(Locale.ROOT, "  %-42s %10s%n", "", "(--no-reupload)"));
            }
            uploadRow(out, WARM_LABEL, options.warm() ? warm : null, options.rows(), -1);
            if (!options.warm()) {
                out.append(String.format(Locale.ROOT, "  %-42s %10s%n", "", "(--no-warm)"));
            }
            if (baseline != null) {
                out.append(String.format(Locale.ROOT, "  %-42s %10.2f%n", "4 by-hand: COPY into unlogged staging",
                        baseline.copySeconds()));
                out.append(String.format(Locale.ROOT, "  %-42s %10.2f%n", "  by-hand: DISTINCT ON set upsert",
                        baseline.upsertSeconds()));
                out.append(String.format(Locale.ROOT, "  %-42s %10.2f%n", "  by-hand: counts recompute",
                        baseline.countsSeconds()));
                out.append(String.format(Locale.ROOT, "  %-42s %10.2f %12s%n", "  by-hand baseline, total",
                        baseline.totalSeconds(), count(Math.round(options.rows() / baseline.totalSeconds()))));
            } else {
                out.append(String.format(Locale.ROOT, "  %-42s %10s%n", "4 by-hand baseline", "did not run"));
            }
            if (cold != null && cold.check() != null) {
                out.append(String.format(Locale.ROOT, "  %-42s %.2f µs a row (%s)%n", "cold first upload per row",
                        microsecondsPerRow(cold), FIFTY_MILLION_GOAL));
            }
        }
        out.append("Exactness\n");
        out.append(String.format(Locale.ROOT, "  %-42s %s%n", readsOnly() ? "upload (untimed)" : "cold first upload",
                cold == null ? "did not run"
                        : cold.verdict() + (cold.check() == null ? ""
                                : "  (" + count(cold.check().products()) + " products = " + count(distinctSkus)
                                        + " distinct skus; product_counts = GROUP BY name)")));
        if (!readsOnly()) {
            out.append(String.format(Locale.ROOT, "  %-42s %s%n", "re-upload",
                    !options.reupload() ? "skipped (--no-reupload)"
                            : reupload == null ? "did not run"
                                    : reupload.verdict() + (reupload.check() == null ? ""
                                            : reuploadUnchanged() ? "  (no product changed)" : "  (PRODUCTS CHANGED)")));
            out.append(String.format(Locale.ROOT, "  %-42s %s%n", "warm first upload",
                    !options.warm() ? "skipped (--no-warm)"
                            : warm == null ? "did not run"
                                    : warm.verdict() + (warm.check() == null ? ""
                                            : "  (" + count(warm.check().products()) + " products = " + count(distinctSkus)
                                                    + " + " + count(warmDistinctSkus) + " of the warm file)")));
            out.append(String.format(Locale.ROOT, "  %-42s %s%n", "products = by-hand result (but warm- skus)",
                    baselineDifferences < 0 ? "not compared"
                            : baselineDifferences == 0 ? "OK" : "MISMATCH: " + count(baselineDifferences) + " rows differ"));
        }
        out.append(String.format(Locale.ROOT, "  %-42s %s%n", "exact", exact() ? "OK" : "NOT OK"));
        if (disk != null) {
            out.append(diskLines());
        }
        out.append("Peak resident memory (VmHWM)\n");
        peakRssBytes.forEach((name, bytes) -> out.append(String.format(Locale.ROOT, "  %-42s %7s MB%n", name,
                count(Math.round(bytes / 1048576.0)))));
        if (readsTable != null) {
            out.append(readsTable);
            if (!readsTable.endsWith("\n")) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private String diskLines() {
        StringBuilder out = new StringBuilder();
        DiskSampler.Sample peak = disk.sampled().peak();
        if (peak == null) {
            out.append("Disk: not sampled\n");
        } else {
            Map<String, Long> b = peak.bytes();
            out.append(String.format(Locale.ROOT,
                    "Disk at its peak (%.0f s into the run): %s MB = files %s + S3 %s + PostgreSQL %s + WAL %s + Kafka %s%n",
                    peak.secondsAfterStart(), mb(peak.total()), mb(b.get(DiskSampler.FILES)), mb(b.get(DiskSampler.S3)),
                    mb(b.get(DiskSampler.POSTGRES)), mb(b.get(DiskSampler.WAL)), mb(b.get(DiskSampler.KAFKA))));
            out.append(String.format(Locale.ROOT, "  %-42s %s%n", "tables then (MB)", tables(disk.sampled().tablesAtPeak())));
        }
        out.append(String.format(Locale.ROOT, "  %-42s %s%n", "tables at the end (MB)", tables(disk.tablesAtEnd())));
        out.append(String.format(Locale.ROOT, "  %-42s %s%n", "left after the cleanup",
                disk.bytesLeft() == 0 ? "0 bytes" : count(disk.bytesLeft()) + " bytes (NOT CLEANED UP)"));
        return out.toString();
    }

    private static String tables(Map<String, Long> sizes) {
        if (sizes == null || sizes.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder();
        sizes.forEach((name, bytes) -> out.append(out.isEmpty() ? "" : ", ").append(name).append(' ').append(mb(bytes)));
        return out.toString();
    }

    private void uploadRow(StringBuilder out, String label, UploadRun run, long rows, double goal) {
        String goalText = goal < 0 ? "-" : String.format(Locale.ROOT, "≤ %.2f×", goal);
        if (run == null) {
            out.append(String.format(Locale.ROOT, "  %-42s %10s %12s %11s %9s%n", label, "-", "-", "-", goalText));
            return;
        }
        Double ratio = ratio(run);
        String verdict = goal < 0 || ratio == null ? "" : ratio <= goal ? "  met" : "  MISSED";
        out.append(String.format(Locale.ROOT, "  %-42s %10.2f %12s %11s %9s%s%n", label, run.seconds(),
                count(Math.round(run.rowsPerSecond(rows))), ratio == null ? "-" : String.format(Locale.ROOT, "%.2f×", ratio),
                goalText, verdict));
        out.append(String.format(Locale.ROOT, "  %-42s %s, 202 after %.2f s%n", "", run.status(), run.acceptedSeconds()));
        if (run.timeline() != null && !run.timeline().isEmpty()) {
            out.append(String.format(Locale.ROOT, "  %-42s %s%n", "", Timeline.describe(run.timeline())));
        }
        if (run.cpuSeconds() != null && !run.cpuSeconds().isEmpty()) {
            StringBuilder cpu = new StringBuilder();
            run.cpuSeconds().forEach((name, seconds) -> cpu.append(cpu.isEmpty() ? "" : ", ")
                    .append(name.replaceAll(" \\(.*", "")).append(' ').append(String.format(Locale.ROOT, "%.1f", seconds)));
            out.append(String.format(Locale.ROOT, "  %-42s CPU s: %s (total %.1f)%n", "", cpu,
                    run.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum()));
        }
    }

    /** The run's seconds ÷ the baseline's total; null without both. */
    Double ratio(UploadRun run) {
        if (run == null || run.check() == null || baseline == null || baseline.totalSeconds() <= 0) {
            return null;
        }
        return run.seconds() / baseline.totalSeconds();
    }

    private double microsecondsPerRow(UploadRun run) {
        return run.seconds() * 1e6 / options.rows();
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("startedAt", startedAt.toString());
        json.put("commit", commit);
        json.put("note", options.note());
        json.put("configuration", options.configuration());
        json.put("rows", options.rows());
        json.put("fileBytes", fileBytes);
        json.put("fileMB", round(fileBytes / 1e6, 1));
        json.put("distinctSkus", distinctSkus);
        json.put("seed", options.seed());
        json.put("workers", options.workers());
        json.put("chunkSizeBytes", options.chunkSizeBytes());
        json.put("uploadTimeoutSeconds", options.uploadTimeout().toSeconds());
        json.put("readsOnly", readsOnly());
        json.put("coldFirstUpload", uploadJson(COLD_LABEL, cold));
        json.put("reupload", uploadJson(REUPLOAD_LABEL, reupload));
        json.put("reuploadUnchanged", reupload == null ? null : reuploadUnchanged());
        Map<String, Object> warmJson = uploadJson(WARM_LABEL, warm);
        if (warmJson != null) {
            warmJson.put("seed", options.seed() + BenchOptions.WARM_SEED_OFFSET);
            warmJson.put("skuPrefix", Benchmark.WARM_SKU_PREFIX);
            warmJson.put("distinctSkus", warmDistinctSkus);
        }
        json.put("warmFirstUpload", warmJson);
        if (baseline != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("copySeconds", round(baseline.copySeconds(), 3));
            b.put("upsertSeconds", round(baseline.upsertSeconds(), 3));
            b.put("countsSeconds", round(baseline.countsSeconds(), 3));
            b.put("totalSeconds", round(baseline.totalSeconds(), 3));
            b.put("products", baseline.products());
            json.put("baseline", b);
        } else {
            json.put("baseline", null);
        }
        Map<String, Object> ratios = new LinkedHashMap<>();
        ratios.put("coldToBaseline", roundOrNull(ratio(cold)));
        ratios.put("reuploadToBaseline", roundOrNull(ratio(reupload)));
        ratios.put("warmToBaseline", roundOrNull(ratio(warm)));
        json.put("ratios", ratios);
        Map<String, Object> goals = new LinkedHashMap<>();
        goals.put("coldToBaseline", goal(coldGoal(), ratio(cold)));
        goals.put("reuploadToBaseline", goal(REUPLOAD_GOAL, ratio(reupload)));
        goals.put("fiftyMillion", FIFTY_MILLION_GOAL);
        json.put("goals", goals);
        json.put("coldMicrosecondsPerRow", cold == null || cold.check() == null ? null : round(microsecondsPerRow(cold), 3));
        json.put("productsEqualByHandResult", baselineDifferences < 0 ? null : baselineDifferences == 0);
        json.put("exact", exact());
        Map<String, Object> rss = new LinkedHashMap<>();
        peakRssBytes.forEach((name, bytes) -> rss.put(name, Math.round(bytes / 1048576.0)));
        json.put("peakRssMB", rss);
        json.put("disk", disk == null ? null : diskJson());
        json.put("reads", readsJson);
        json.put("machine", machine);
        return json;
    }

    private Map<String, Object> diskJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        DiskSampler.Sample peak = disk.sampled().peak();
        json.put("sampleIntervalSeconds", DiskSampler.EVERY.toSeconds());
        json.put("samples", disk.sampled().samples());
        json.put("peakBytes", peak == null ? null : peak.total());
        json.put("peakSecondsIntoRun", peak == null ? null : round(peak.secondsAfterStart(), 1));
        json.put("peakPartsBytes", peak == null ? null : peak.bytes());
        json.put("tablesAtPeakBytes", disk.sampled().tablesAtPeak());
        json.put("tablesAtEndBytes", disk.tablesAtEnd());
        json.put("bytesLeftAfterCleanup", disk.bytesLeft());
        json.put("checkedForLeftovers", disk.left());
        return json;
    }

    private static Map<String, Object> goal(double goal, Double ratio) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("atMost", goal);
        json.put("met", ratio == null ? null : ratio <= goal);
        return json;
    }

    private Map<String, Object> uploadJson(String label, UploadRun run) {
        if (run == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("line", label);
        json.put("uploadId", run.id());
        json.put("status", run.status());
        json.put("seconds", round(run.seconds(), 3));
        json.put("seenSeconds", round(run.seenSeconds(), 3));
        json.put("acceptedSeconds", round(run.acceptedSeconds(), 3));
        json.put("rowsPerSecond", Math.round(run.rowsPerSecond(options.rows())));
        json.put("rowsRead", run.rowsRead());
        json.put("rowsRejected", run.rowsRejected());
        json.put("error", run.error());
        if (run.check() != null) {
            json.put("products", run.check().products());
            json.put("expectedProducts", run.check().expectedProducts());
            json.put("countDifferences", run.check().countDifferences());
        }
        json.put("exact", run.ok());
        json.put("timeline", run.timeline());
        json.put("cpuSeconds", run.cpuSeconds());
        return json;
    }

    private static Double roundOrNull(Double value) {
        return value == null ? null : round(value, 2);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static String mb(Long bytes) {
        return count(Math.round((bytes == null ? 0 : bytes) / 1e6));
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
