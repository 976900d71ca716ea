package io.lfp.cli.ingest;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code ./lfp ingest FILE}: uploads the file, follows the upload until its counts are exact (or
 * it failed), then prints a summary with the top names. The stack must already be running.
 */
public final class IngestCommand {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(300);
    private static final int TOP_NAMES = 10;

    private final UploadClient client;
    private final URI dashboard;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    public IngestCommand(UploadClient client, URI dashboard, PrintStream out, PrintStream err, boolean terminal) {
        this.client = client;
        this.dashboard = dashboard;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    /** Why {@code file} cannot be uploaded, or null when it can. */
    public static String unreadableReason(Path file) {
        if (!Files.exists(file)) {
            return "No such file: " + file;
        }
        if (!Files.isRegularFile(file)) {
            return "Not a regular file: " + file;
        }
        if (!Files.isReadable(file)) {
            return "File is not readable (permissions): " + file;
        }
        return null;
    }

    /** @return the exit status: 0 when the upload completed (with or without rejected rows), 1 otherwise */
    public int run(Path file) throws InterruptedException {
        ProgressDisplay display = new ProgressDisplay(out, terminal);
        Instant uploadStart = Instant.now();
        long size = sizeOf(file);
        String id;
        try {
            id = client.upload(file, sent -> display.show(ProgressFormatter.uploadLine(sent, size)),
                    (seconds, attempt, attempts) -> display.show(ProgressFormatter.slotWaitLine(seconds, attempt,
                            attempts)));
        } catch (UploadRefusedException refused) {
            display.finish(ProgressFormatter.uploadLine(size, size));
            err.println(refused.getMessage());
            return EXIT_FAILED;
        } catch (UncheckedIOException e) {
            display.finish(ProgressFormatter.uploadLine(0, size));
            err.println("Upload failed: " + e.getMessage());
            return EXIT_FAILED;
        }
        display.finish(ProgressFormatter.uploadLine(size, size));
        out.println("Upload accepted: " + id);
        return follow(id, uploadStart, display);
    }

    /**
     * {@code ./lfp retry ID}: asks for a retry of the FAILED upload, then follows it like an upload.
     *
     * @return 0 when it completed, 1 when the retry was refused or the upload FAILED again
     */
    public int retry(String id) throws InterruptedException {
        Instant start = Instant.now();
        try {
            client.retry(id);
        } catch (UploadRefusedException refused) {
            err.println(refused.getMessage());
            return EXIT_FAILED;
        } catch (UncheckedIOException e) {
            err.println("Retry failed: " + e.getMessage());
            return EXIT_FAILED;
        }
        out.println("Retry requested: " + id);
        return follow(id, start, new ProgressDisplay(out, terminal));
    }

    private int follow(String id, Instant uploadStart, ProgressDisplay display) throws InterruptedException {
        UploadView upload = client.upload(id);
        while (!upload.settled()) {
            display.show(ProgressFormatter.progressLine(upload, Instant.now()));
            Thread.sleep(POLL_INTERVAL.toMillis());
            upload = client.upload(id);
        }
        display.finish(ProgressFormatter.progressLine(upload, Instant.now()));

        Instant end = upload.aggregatedAt() != null ? upload.aggregatedAt() : Instant.now();
        double seconds = Math.max(0, Duration.between(uploadStart, end).toMillis() / 1000.0);
        AggregatesView aggregates = upload.failed() ? null : client.topNames(TOP_NAMES);
        out.println();
        out.print(ProgressFormatter.summary(upload, seconds, aggregates, dashboard));
        return upload.failed() ? EXIT_FAILED : EXIT_OK;
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
