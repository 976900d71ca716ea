package io.lfp.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * How much free disk a run needs before it starts, so that a 50M-row run is refused at once instead of failing
 * an hour in. Estimated from the file's size F (~{@link #BYTES_PER_ROW} a row): during the uploads the files (F,
 * and F for the warm file), the S3 parts of every upload (F each: upload-service keeps them), {@code products}
 * (~{@link #PRODUCTS_PER_FILE_BYTE} F per file), one upload's staging table (F) and the WAL
 * ({@link #WAL_BYTES}); during the by-hand baseline (the generated file deleted after its COPY unless kept) its
 * staging table (F), the upsert's sort (F) and its products (1.5 F) on top of the S3 parts and {@code products}.
 * The larger of the two phases is the budget: about 6 F for {@code 50000000 --no-reupload --no-warm}.
 */
final class DiskBudget {
    static final long BYTES_PER_ROW = 195;
    static final double PRODUCTS_PER_FILE_BYTE = 1.5;
    /** max_wal_size is 2 GB (local-infra's postgresql.conf); a checkpoint under load may run past it. */
    static final long WAL_BYTES = 3L << 30;

    private DiskBudget() {
    }

    static long fileBytes(long rows) {
        return rows * BYTES_PER_ROW;
    }

    static long required(BenchOptions options) {
        double f = fileBytes(options.rows());
        boolean readsOnly = options.reads() == BenchOptions.Reads.ONLY;
        boolean warm = options.warm() && !readsOnly;
        int files = warm ? 2 : 1;
        int uploads = 1 + (options.reupload() && !readsOnly ? 1 : 0) + (warm ? 1 : 0);
        double products = PRODUCTS_PER_FILE_BYTE * f * files;
        double uploading = files * f + uploads * f + products + f + WAL_BYTES;
        double baseline = readsOnly ? 0
                : (options.keepFile() ? f : 0) + uploads * f + products + f + f + PRODUCTS_PER_FILE_BYTE * f + WAL_BYTES;
        return (long) Math.max(uploading, baseline);
    }

    /** Null when {@code free} bytes are enough; else the message that refuses the run. */
    static String refusal(BenchOptions options, Path where, long free) {
        long needed = required(options);
        if (free >= needed) {
            return null;
        }
        return String.format(Locale.ROOT,
                "this run needs about %.1f GB of free disk under %s (%,d rows: a %.1f GB file, its S3 parts, products,"
                        + " staging, WAL and the by-hand tables), but only %.1f GB are free. Free some space, or run"
                        + " fewer rows; --no-warm and --no-reupload need less.",
                needed / 1e9, where, options.rows(), fileBytes(options.rows()) / 1e9, free / 1e9);
    }

    /** Usable bytes of the file system that holds {@code dir} (or its nearest existing parent). */
    static long free(Path dir) {
        Path existing = dir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing == null ? Long.MAX_VALUE : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException e) {
            return Long.MAX_VALUE;
        }
    }
}
