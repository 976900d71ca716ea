package io.lfp.cli.ingest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** The text {@code ./lfp ingest} shows: the one-line progress bar and the final summary. Pure functions. */
public final class ProgressFormatter {
    static final int BAR_WIDTH = 24;

    private ProgressFormatter() {
    }

    /** While the file is still being sent: {@code [#####-----]  21.0%  uploading 210.0 of 1,000.0 MB}. */
    public static String uploadLine(long bytesSent, long fileSize) {
        double fraction = fileSize <= 0 ? 0 : Math.min(1.0, (double) bytesSent / fileSize);
        return bar(fraction) + String.format(Locale.ROOT, " %5.1f%%  uploading %s of %s MB",
                fraction * 100, megabytes(bytesSent), megabytes(fileSize));
    }

    /** {@code waiting for a free upload slot: next attempt (2 of 60) in 5 s} */
    public static String slotWaitLine(int seconds, int attempt, int maxAttempts) {
        return String.format(Locale.ROOT, "waiting for a free upload slot: next attempt (%d of %d) in %d s", attempt,
                maxAttempts, seconds);
    }

    /**
     * {@code [############------------]  50.0%  250,000 rows  12 rejected  41,667 rows/s  INGESTING}, and when the
     * upload-service reports chunks:
     * {@code [############------------]  50.0%  chunks 4/8  250,000 rows  12 rejected  41,667 rows/s  ETA 6 s  INGESTING}
     * ({@code chunks 4/8 (1 failed)} when some failed; the ETA only while it runs and when reported).
     *
     * @param now the clock to measure rows/s against while the ingest still runs (when the service reports no rate)
     */
    public static String progressLine(UploadView upload, Instant now) {
        StringBuilder line = new StringBuilder(bar(upload.fractionRead()))
                .append(String.format(Locale.ROOT, " %5.1f%%  ", upload.fractionRead() * 100));
        if (upload.chunked()) {
            line.append("chunks ").append(count(upload.chunksDone())).append('/').append(count(upload.chunksTotal()));
            if (upload.chunksFailed() > 0) {
                line.append(" (").append(count(upload.chunksFailed())).append(" failed)");
            }
            line.append("  ");
        }
        line.append(String.format(Locale.ROOT, "%s rows  %s rejected  %s rows/s  ", count(upload.rowsRead()),
                count(upload.rowsRejected()), count(Math.round(rowsPerSecond(upload, now)))));
        if (upload.etaSeconds() != null && !upload.terminal()) {
            line.append("ETA ").append(eta(upload.etaSeconds())).append("  ");
        }
        return line.append(phase(upload)).toString();
    }

    /** {@code 6 s}, {@code 2m05s}, {@code 1h02m}. */
    static String eta(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60);
    }

    /**
     * The rate the upload-service reports, else rows read per second of ingest time (from startedAt to
     * finishedAt, or to now while it runs).
     */
    static double rowsPerSecond(UploadView upload, Instant now) {
        if (upload.rowsPerSecond() != null) {
            return Math.max(0, upload.rowsPerSecond());
        }
        if (upload.startedAt() == null) {
            return 0;
        }
        Instant end = upload.finishedAt() != null ? upload.finishedAt() : now;
        double seconds = Duration.between(upload.startedAt(), end).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : upload.rowsRead() / seconds;
    }

    private static String phase(UploadView upload) {
        if (upload.terminal() && !upload.settled()) {
            return upload.status() + ", aggregating";
        }
        return upload.status();
    }

    /**
     * The block printed when the upload has settled.
     *
     * @param seconds wall clock from the first upload byte to exact counts (or to the failure)
     * @param aggregates null when the upload failed (no aggregate to show)
     */
    public static String summary(UploadView upload, double seconds, AggregatesView aggregates, URI dashboard) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "Upload %s (%s): %s%n", upload.id(), upload.filename(), upload.status()));
        if (upload.failed() && upload.error() != null) {
            out.append("  error:            ").append(upload.error()).append(System.lineSeparator());
        }
        out.append(String.format(Locale.ROOT, "  rows read:        %s%n", count(upload.rowsRead())));
        out.append(String.format(Locale.ROOT, "  products written: %s%n", count(upload.productsWritten())));
        out.append(String.format(Locale.ROOT, "  rows rejected:    %s%n", count(upload.rowsRejected())));
        out.append(String.format(Locale.ROOT, "  seconds:          %.1f (first upload byte to %s)%n", seconds,
                upload.failed() ? "the failure" : "exact counts"));
        if (aggregates != null) {
            out.append(String.format(Locale.ROOT, "Top %d names by product count:%n", aggregates.items().size()));
            int rank = 1;
            int nameWidth = aggregates.items().stream().mapToInt(i -> i.name().length()).max().orElse(0);
            nameWidth = Math.min(nameWidth, 60);
            for (AggregatesView.NameCount item : aggregates.items()) {
                out.append(String.format(Locale.ROOT, "  %2d. %-" + Math.max(nameWidth, 1) + "s  %s%n",
                        rank++, item.name(), count(item.count())));
            }
            out.append(String.format(Locale.ROOT, "Totals: %s products, %s names%n",
                    count(aggregates.products()), count(aggregates.names())));
        }
        out.append("Dashboard: ").append(dashboard).append(System.lineSeparator());
        return out.toString();
    }

    static String bar(double fraction) {
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        return "[" + "#".repeat(filled) + "-".repeat(BAR_WIDTH - filled) + "]";
    }

    static String count(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%,.1f", bytes / 1_000_000.0);
    }
}
