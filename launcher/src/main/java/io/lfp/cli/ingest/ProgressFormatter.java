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

    /**
     * {@code [############------------]  50.0%  250,000 rows  12 rejected  41,667 rows/s  INGESTING}
     *
     * @param now the clock to measure rows/s against while the ingest still runs
     */
    public static String progressLine(UploadView upload, Instant now) {
        return bar(upload.fractionRead()) + String.format(Locale.ROOT, " %5.1f%%  %s rows  %s rejected  %s rows/s  %s",
                upload.fractionRead() * 100, count(upload.rowsRead()), count(upload.rowsRejected()),
                count(Math.round(rowsPerSecond(upload, now))), phase(upload));
    }

    /** Rows read per second of ingest time (from startedAt to finishedAt, or to now while it runs). */
    static double rowsPerSecond(UploadView upload, Instant now) {
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
     * @param seconds    wall clock from the first upload byte to exact counts (or to the failure)
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
