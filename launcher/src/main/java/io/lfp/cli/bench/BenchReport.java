package io.lfp.cli.bench;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Everything one benchmark run measured, as the table it prints and the JSON it writes. Pure.
 *
 * @param first the first upload of the file into an empty database; null when it did not run
 * @param again the identical file uploaded again; null when it did not run
 * @param baseline the by-hand baseline on the same PostgreSQL; null when it did not run
 * @param baselineDifferences rows of {@code products} and of the by-hand result that differ (-1 = not compared)
 * @param peakRssBytes process label → VmHWM in bytes, just before the stack stopped
 * @param machine nproc, memory, CPU model, java, PostgreSQL version
 * @param commit the checkout's commit ({@code -dirty} with local changes); null when unknown
 */
record BenchReport(
        Instant startedAt,
        BenchOptions options,
        long fileBytes,
        long distinctSkus,
        UploadRun first,
        UploadRun again,
        ByHandBaseline.Result baseline,
        long baselineDifferences,
        Map<String, Long> peakRssBytes,
        Map<String, Object> machine,
        String commit) {

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

    /** The re-upload left the products' content as the first upload did. */
    boolean reuploadUnchanged() {
        return first != null && again != null && first.check() != null && again.check() != null
                && first.check().fingerprint().equals(again.check().fingerprint());
    }

    boolean exact() {
        return first != null && first.ok() && again != null && again.ok() && reuploadUnchanged() && baselineDifferences == 0;
    }

    String table() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "Large File Processor benchmark — %s rows, %.1f MB, %d ingest-worker%s, chunk size %s%n",
                count(options.rows()), fileBytes / 1e6, options.workers(), options.workers() == 1 ? "" : "s",
                options.chunkSizeBytes() == null ? "default" : count(options.chunkSizeBytes()) + " bytes"));
        out.append(options.warmUpRows() > 0
                ? String.format(Locale.ROOT,
                        "  timed after a warm-up upload of %s other rows (JIT-compiled services; --warm-up 0 for cold JVMs)%n",
                        count(options.warmUpRows()))
                : "  timed on cold JVMs (no warm-up upload)\n");
        if (machine.get("loadAverage1mAtStart") instanceof Double load && load >= 0) {
            out.append(String.format(Locale.ROOT,
                    "  on %s cores, load average %.1f at the start, %.1f at the end (other work skews the numbers)%n",
                    machine.get("nproc"), load, machine.get("loadAverage1mAtEnd") instanceof Double end ? end : -1.0));
        }
        out.append(String.format(Locale.ROOT, "  %-40s %10s %12s%n", "", "seconds", "rows/s"));
        uploadRow(out, "product, first upload (end to end)", first);
        uploadRow(out, "product, re-upload of the same file", again);
        if (baseline != null) {
            out.append(String.format(Locale.ROOT, "  %-40s %10.2f%n", "baseline: COPY into unlogged staging",
                    baseline.copySeconds()));
            out.append(String.format(Locale.ROOT, "  %-40s %10.2f%n", "baseline: DISTINCT ON set upsert",
                    baseline.upsertSeconds()));
            out.append(String.format(Locale.ROOT, "  %-40s %10.2f%n", "baseline: counts recompute", baseline.countsSeconds()));
            out.append(String.format(Locale.ROOT, "  %-40s %10.2f %12s%n", "baseline: total", baseline.totalSeconds(),
                    count(Math.round(options.rows() / baseline.totalSeconds()))));
            if (first != null && first.check() != null) {
                out.append(String.format(Locale.ROOT, "  %-40s %10s%n", "ratio product ÷ baseline (first upload)",
                        ratio(first.seconds(), baseline.totalSeconds())));
            }
            if (again != null && again.check() != null) {
                out.append(String.format(Locale.ROOT, "  %-40s %10s%n", "ratio product ÷ baseline (re-upload)",
                        ratio(again.seconds(), baseline.totalSeconds())));
            }
        } else {
            out.append("  baseline: did not run\n");
        }
        out.append("Exactness\n");
        out.append(String.format(Locale.ROOT, "  %-40s %s%n", "first upload", first == null ? "did not run"
                : first.verdict()
                        + (first.check() == null ? ""
                                : "  (" + count(first.check().products()) + " products = "
                                        + count(distinctSkus) + " distinct skus"
                                        + (first.check().products() == distinctSkus ? ""
                                                : " + " + count(first.check().products() - distinctSkus) + " of the warm-up")
                                        + "; product_counts = GROUP BY name)")));
        out.append(String.format(Locale.ROOT, "  %-40s %s%n", "re-upload", again == null ? "did not run"
                : again.verdict()
                        + (again.check() == null ? ""
                                : reuploadUnchanged() ? "  (no product changed)" : "  (PRODUCTS CHANGED)")));
        out.append(String.format(Locale.ROOT, "  %-40s %s%n", "products = by-hand result",
                baselineDifferences < 0 ? "not compared"
                        : baselineDifferences == 0 ? "OK"
                                : "MISMATCH: "
                                        + count(baselineDifferences) + " rows differ"));
        out.append(String.format(Locale.ROOT, "  %-40s %s%n", "exact", exact() ? "OK" : "NOT OK"));
        out.append("Peak resident memory (VmHWM)\n");
        peakRssBytes.forEach((name, bytes) -> out.append(String.format(Locale.ROOT, "  %-40s %7s MB%n", name,
                count(Math.round(bytes / 1048576.0)))));
        return out.toString();
    }

    private void uploadRow(StringBuilder out, String label, UploadRun run) {
        if (run == null) {
            out.append(String.format(Locale.ROOT, "  %-40s %10s%n", label, "did not run"));
            return;
        }
        out.append(String.format(Locale.ROOT, "  %-40s %10.2f %12s   %s, 202 after %.2f s%n", label, run.seconds(),
                count(Math.round(run.rowsPerSecond(options.rows()))), run.status(), run.acceptedSeconds()));
        if (run.timeline() != null && !run.timeline().isEmpty()) {
            out.append(String.format(Locale.ROOT, "  %-40s %s%n", "", Timeline.describe(run.timeline())));
        }
        if (run.cpuSeconds() != null && !run.cpuSeconds().isEmpty()) {
            StringBuilder cpu = new StringBuilder();
            run.cpuSeconds().forEach((name, seconds) -> cpu.append(cpu.isEmpty() ? "" : ", ")
                    .append(name.replaceAll(" \\(.*", "")).append(' ').append(String.format(Locale.ROOT, "%.1f", seconds)));
            out.append(String.format(Locale.ROOT, "  %-40s CPU s: %s (total %.1f)%n", "", cpu,
                    run.cpuSeconds().values().stream().mapToDouble(Double::doubleValue).sum()));
        }
    }

    Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("startedAt", startedAt.toString());
        json.put("commit", commit);
        json.put("note", options.note());
        json.put("rows", options.rows());
        json.put("fileBytes", fileBytes);
        json.put("fileMB", round(fileBytes / 1e6, 1));
        json.put("distinctSkus", distinctSkus);
        json.put("seed", options.seed());
        json.put("warmUpRows", options.warmUpRows());
        json.put("workers", options.workers());
        json.put("chunkSizeBytes", options.chunkSizeBytes());
        json.put("product", uploadJson(first));
        json.put("reupload", uploadJson(again));
        json.put("reuploadUnchanged", reuploadUnchanged());
        if (baseline != null) {
            Map<String, Object> b = new LinkedHashMap<>();
            b.put("copySeconds", round(baseline.copySeconds(), 3));
            b.put("upsertSeconds", round(baseline.upsertSeconds(), 3));
            b.put("countsSeconds", round(baseline.countsSeconds(), 3));
            b.put("totalSeconds", round(baseline.totalSeconds(), 3));
            b.put("products", baseline.products());
            json.put("baseline", b);
            json.put("ratioProductToBaseline", first == null ? null : round(first.seconds() / baseline.totalSeconds(), 2));
            json.put("ratioReuploadToBaseline", again == null ? null : round(again.seconds() / baseline.totalSeconds(), 2));
        } else {
            json.put("baseline", null);
        }
        json.put("productsEqualByHandResult", baselineDifferences < 0 ? null : baselineDifferences == 0);
        json.put("exact", exact());
        Map<String, Object> rss = new LinkedHashMap<>();
        peakRssBytes.forEach((name, bytes) -> rss.put(name, Math.round(bytes / 1048576.0)));
        json.put("peakRssMB", rss);
        json.put("machine", machine);
        return json;
    }

    private Map<String, Object> uploadJson(UploadRun run) {
        if (run == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
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
            json.put("countDifferences", run.check().countDifferences());
        }
        json.put("exact", run.ok());
        json.put("timeline", run.timeline());
        json.put("cpuSeconds", run.cpuSeconds());
        return json;
    }

    static String ratio(double product, double baseline) {
        return baseline <= 0 ? "-" : String.format(Locale.ROOT, "%.2f×", product / baseline);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }

    private static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }
}
