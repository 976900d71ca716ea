package io.lfp.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.lfp.cli.generate.ProductsFileGenerator;
import io.lfp.cli.ingest.UploadClient;
import io.lfp.cli.ingest.UploadView;
import io.lfp.cli.stack.Stack;
import io.lfp.cli.stack.StackException;
import io.lfp.cli.stack.StackSecrets;
import io.lfp.cli.stack.StackSettings;

/**
 * {@code bench/run.sh [ROWS]}: generates a products file, starts a private stack (free ports,
 * ephemeral data), measures the product end to end — first upload byte to exact counts — for a
 * first upload and an identical re-upload, checks both are exact, times the by-hand baseline
 * ({@code \copy} + set upsert + counts recompute) on the same PostgreSQL, reads every process's
 * peak resident memory, prints a table, writes {@code bench/results/<UTC>-<rows>.json} (with {@code --keep}
 * under {@code bench/results/kept/}, which git does not ignore) and stops
 * the stack. Exit status 0 when everything was exact, 1 otherwise, 2 on a usage error.
 */
public final class Benchmark {
    /* The end is read from the server (aggregatedAt), so polling only needs to notice it: as the CLI does. */
    private static final Duration POLL = Duration.ofMillis(300);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(30);
    /** Skus of the warm-up file start with this: it shares no product with the measured file. */
    static final String WARM_UP_SKU_PREFIX = "warm-up-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    private final Path repoRoot;
    private final BenchOptions options;
    private final PrintStream out;
    private final PrintStream log;

    Benchmark(Path repoRoot, BenchOptions options, PrintStream out, PrintStream log) {
        this.repoRoot = repoRoot;
        this.options = options;
        this.out = out;
        this.log = log;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String home = System.getProperty("lfp.home");
        Path repoRoot = (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath().normalize();
        int status;
        try {
            status = new Benchmark(repoRoot, options, System.out, System.err).run();
        } catch (StackException | UncheckedIOException | IllegalStateException e) {
            System.err.println("bench: " + e.getMessage());
            status = 1;
        }
        System.out.flush();
        System.exit(status);
    }

    int run() {
        Instant startedAt = Instant.now();
        double loadAtStart = Machine.loadAverage();
        Path work = repoRoot.resolve("bench/work");
        Path file = work.resolve("products-" + options.rows() + "-seed" + options.seed() + ".csv");
        log.printf("bench: generating %,d rows into %s …%n", options.rows(), repoRoot.relativize(file));
        ProductsFileGenerator.Summary summary = ProductsFileGenerator.write(file, options.rows(), options.seed());
        log.printf("bench: %,.1f MB, %,d distinct skus%n", summary.bytes() / 1e6, summary.distinctSkus());

        Path warmUpFile = work.resolve("warm-up-" + options.warmUpRows() + ".csv");
        long warmUpProducts = options.warmUpRows() == 0 ? 0
                : ProductsFileGenerator.write(warmUpFile, options.warmUpRows(), options.seed() + 1000, WARM_UP_SKU_PREFIX)
                        .distinctSkus();

        StackSettings settings = StackSettings.ephemeralOnFreePorts(repoRoot, work.resolve("stack"), options.workers());
        if (options.chunkSizeBytes() != null) {
            settings = settings.withExtraServiceEnv(Map.of("LFP_UPLOAD_CHUNK_SIZE_BYTES", options.chunkSizeBytes().toString()));
        }
        Stack stack = new Stack(settings).downOnJvmExit().onProgress(message -> log.println("bench: " + message));
        BenchReport.UploadRun first = null;
        BenchReport.UploadRun again = null;
        ByHandBaseline.Result baseline = null;
        long baselineDifferences = -1;
        Map<String, Long> peakRss = Map.of();
        Map<String, Object> machine = Machine.describe(null);
        try {
            stack.up();
            UploadClient client = new UploadClient(settings.uploadApiUrl(), settings.aggregatesUrl(), stack.cliTokens());
            Map<String, Long> processes = StackProcesses.of(stack);
            // the exactness checks and the by-hand baseline need every table: the stack's superuser
            try (Connection db = DriverManager.getConnection(settings.jdbcUrl(), StackSecrets.PG_SUPERUSER,
                    stack.secrets().pgSuperuserPassword())) {
                machine = Machine.describe(db);
                long expectedProducts = summary.distinctSkus() + warmUpProducts;
                if (options.warmUpRows() > 0) {
                    // A service that has been running for a while has its hot paths compiled by the JIT;
                    // fresh JVMs would time the compilers as well. Its skus are apart from the file's.
                    log.printf("bench: warm-up upload of %,d other rows (not timed) …%n", options.warmUpRows());
                    BenchReport.UploadRun warmUp = measureUpload(client, warmUpFile, db, warmUpProducts, processes);
                    log.printf("bench: warm-up %s in %.2f s%n", warmUp.verdict(), warmUp.seconds());
                }
                log.println("bench: first upload …");
                first = measureUpload(client, file, db, expectedProducts, processes);
                log.printf("bench: first upload %s in %.2f s%n", first.verdict(), first.seconds());
                log.println("bench: re-upload of the same file …");
                again = measureUpload(client, file, db, expectedProducts, processes);
                log.printf("bench: re-upload %s in %.2f s%n", again.verdict(), again.seconds());
                log.println("bench: by-hand baseline on the same PostgreSQL …");
                try {
                    baseline = ByHandBaseline.run(db, file);
                    baselineDifferences = ByHandBaseline.differencesFromProducts(db);
                } finally {
                    ByHandBaseline.drop(db);
                }
            } catch (SQLException e) {
                log.println("bench: database error: " + e.getMessage());
            }
            peakRss = peakResidentMemory(processes);
        } finally {
            stack.down();
            if (!options.keepFile()) {
                deleteQuietly(file);
            }
            deleteQuietly(warmUpFile);
        }
        machine = new LinkedHashMap<>(machine);
        machine.put("loadAverage1mAtStart", loadAtStart);
        machine.put("loadAverage1mAtEnd", Machine.loadAverage());
        BenchReport report = new BenchReport(startedAt, options, summary.bytes(), summary.distinctSkus(), first, again,
                baseline, baselineDifferences, peakRss, machine, commit(repoRoot));
        out.println();
        out.print(report.table());
        Path json = writeJson(report);
        out.println("Results: " + repoRoot.relativize(json));
        return report.exact() ? 0 : 1;
    }

    private BenchReport.UploadRun measureUpload(UploadClient client, Path file, Connection db, long distinctSkus,
            Map<String, Long> processes) throws SQLException {
        Map<String, Double> cpuBefore = StackProcesses.cpuSeconds(processes);
        Instant firstByte = Instant.now();
        long start = System.nanoTime();
        String id;
        try {
            id = client.upload(file, sent -> {
            }, (seconds, attempt, attempts) -> {
            });
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new BenchReport.UploadRun(null, "REFUSED", seconds(start), seconds(start), seconds(start), 0, 0,
                    "interrupted", null, null, null);
        } catch (RuntimeException refused) {
            return new BenchReport.UploadRun(null, "REFUSED", seconds(start), seconds(start), seconds(start), 0, 0,
                    refused.getMessage(), null, null, null);
        }
        double accepted = seconds(start);
        UploadView upload = client.upload(id);
        long deadline = start + UPLOAD_TIMEOUT.toNanos();
        while (!upload.settled()) {
            if (System.nanoTime() > deadline) {
                return new BenchReport.UploadRun(id, upload.status(), seconds(start), seconds(start), accepted,
                        upload.rowsRead(),
                        upload.rowsRejected(), "not settled after " + UPLOAD_TIMEOUT.toMinutes() + " min", null, null, null);
            }
            sleep(POLL);
            upload = client.upload(id);
        }
        double seen = seconds(start);
        // counts exact: aggregate-service's clock_timestamp() after its last part committed (same host clock)
        double total = upload.aggregatedAt() == null ? seen
                : Duration.between(firstByte, upload.aggregatedAt()).toNanos() / 1e9;
        Map<String, Double> cpu = cpuUsed(cpuBefore, StackProcesses.cpuSeconds(processes));
        Exactness.Check check = Exactness.check(db, distinctSkus);
        return new BenchReport.UploadRun(id, upload.status(), total, seen, accepted, upload.rowsRead(), upload.rowsRejected(),
                upload.error(), check, Timeline.of(db, id), cpu);
    }

    /**
     * VmHWM of every process of the stack ({@link StackProcesses}), read while they still run; for
     * PostgreSQL its largest process.
     */
    static Map<String, Long> peakResidentMemory(Map<String, Long> processes) {
        Map<String, Long> peaks = new LinkedHashMap<>();
        processes.forEach((label, pid) -> {
            long bytes = label.equals(StackProcesses.POSTGRES) ? PeakMemory.largestPostgresProcess(pid)
                    : PeakMemory.of(pid).orElse(0);
            if (bytes > 0) {
                peaks.put(label.equals(StackProcesses.POSTGRES) ? "postgres (largest process)" : label, bytes);
            }
        });
        return peaks;
    }

    /** CPU seconds each process used between two {@link StackProcesses#cpuSeconds} snapshots. */
    static Map<String, Double> cpuUsed(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> used = new LinkedHashMap<>();
        after.forEach((label, seconds) -> used.put(label,
                Math.round((seconds - before.getOrDefault(label, 0.0)) * 100) / 100.0));
        return used;
    }

    /** {@code git rev-parse --short HEAD}, plus {@code -dirty} when tracked files differ; read-only git only. */
    static String commit(Path repoRoot) {
        String head = git(repoRoot, "rev-parse", "--short", "HEAD");
        if (head == null || head.isBlank()) {
            return null;
        }
        return head.strip() + (git(repoRoot, "diff-index", "--quiet", "HEAD", "--") == null ? "-dirty" : "");
    }

    /** The command's output when it exits 0, else null. */
    private static String git(Path repoRoot, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repoRoot.toString()));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return process.waitFor() == 0 ? output : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private Path writeJson(BenchReport report) {
        Path results = repoRoot.resolve(options.resultsDirectory());
        Path json = results.resolve(STAMP.format(report.startedAt()) + "-" + options.rows() + ".json");
        try {
            Files.createDirectories(results);
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            Files.writeString(json, mapper.writeValueAsString(report.json()) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + json, e);
        }
        return json;
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a leftover file under the git-ignored bench/work/ harms nothing
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
