package io.lfp.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.lfp.cli.bench.reads.ReadPhase;
import io.lfp.cli.bench.reads.ReadPhaseOptions;
import io.lfp.cli.bench.reads.ReadPhaseReport;
import io.lfp.cli.bench.reads.ReadTarget;
import io.lfp.cli.generate.ProductsFileGenerator;
import io.lfp.cli.ingest.UploadClient;
import io.lfp.cli.ingest.UploadView;
import io.lfp.cli.stack.Infrastructure;
import io.lfp.cli.stack.Stack;
import io.lfp.cli.stack.StackException;
import io.lfp.cli.stack.StackSecrets;
import io.lfp.cli.stack.StackSettings;

/**
 * {@code bench/run.sh [ROWS]}: generates a products file and a second one that shares no product, starts a private
 * stack on free ports — durable PostgreSQL as {@code ./lfp up} creates it, data under {@code bench/work/stack/data}
 * ({@code --throwaway}: the ephemeral no-fsync test configuration) — and measures, end to end (first upload byte to
 * exact counts): (1) the first upload on cold services, (2) an identical re-upload, (3) a first upload of the second
 * file on the warm services; then times the by-hand baseline ({@code \copy} + set upsert + counts recompute) on the
 * same PostgreSQL. Checks each result is exact, samples the disk used ({@link DiskSampler}), reads every process's
 * peak resident memory, prints a table, writes {@code bench/results/<UTC>-<rows>.json} (with {@code --keep} under
 * {@code bench/results/kept/}) and stops the stack and deletes its data and the files — also on a failure or
 * Ctrl-C. Exit status 0 when everything was exact, 1 otherwise, 2 on a usage error.
 */
public final class Benchmark {
    /* The end is read from the server (aggregatedAt), so polling only needs to notice it: as the CLI does. */
    private static final Duration POLL = Duration.ofMillis(300);
    /** Skus of the warm file start with this: it shares no product with the measured file (no generator sku does). */
    static final String WARM_SKU_PREFIX = "warm-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** Sizes of the tables that hold an upload's rows, the staging tables summed. */
    static final String TABLE_SIZES = """
            SELECT CASE WHEN relname LIKE 'ingest\\_staging\\_%' THEN 'ingest_staging_*' ELSE relname END,
                   sum(coalesce(pg_total_relation_size(oid), 0))::bigint
            FROM pg_class
            WHERE relkind = 'r' AND (relname IN ('products', 'product_counts', 'bench_staging', 'bench_products',
                                                 'bench_product_counts') OR relname LIKE 'ingest\\_staging\\_%')
            GROUP BY 1 ORDER BY 1""";

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

    /** What the run measured; filled in as it goes, so a failure still reports what was done. */
    private static final class Results {
        BenchReport.UploadRun cold;
        BenchReport.UploadRun reupload;
        BenchReport.UploadRun warm;
        ByHandBaseline.Result baseline;
        long baselineDifferences = -1;
        Map<String, Long> peakRss = Map.of();
        Map<String, Long> tablesAtEnd = Map.of();
        Map<String, Object> readsJson;
        String readsTable;
        boolean readsFailed;
        Map<String, Object> machine = Machine.describe(null);
    }

    int run() {
        Instant startedAt = Instant.now();
        double loadAtStart = Machine.loadAverage();
        Path work = repoRoot.resolve("bench/work");
        Path stateDir = work.resolve("stack");
        Path dataDir = options.throwaway() ? null : stateDir.resolve("data");
        String refusal = DiskBudget.refusal(options, work, DiskBudget.free(work));
        if (refusal != null) {
            log.println("bench: " + refusal);
            return 1;
        }
        Path file = work.resolve("products-" + options.rows() + "-seed" + options.seed() + ".csv");
        boolean warmFile = options.warm() && options.reads() != BenchOptions.Reads.ONLY;
        long warmSeed = options.seed() + BenchOptions.WARM_SEED_OFFSET;
        Path warm = work.resolve("warm-" + options.rows() + "-seed" + warmSeed + ".csv");

        StackSettings settings = StackSettings.ephemeralOnFreePorts(repoRoot, stateDir, options.workers())
                .withDataDir(dataDir);
        if (options.chunkSizeBytes() != null) {
            settings = settings.withExtraServiceEnv(Map.of("LFP_UPLOAD_CHUNK_SIZE_BYTES", options.chunkSizeBytes().toString()));
        }
        Stack stack = new Stack(settings).onProgress(message -> log.println("bench: " + message));
        removeLeftovers(stack, dataDir);

        DiskSampler disk = new DiskSampler(DiskSampler.EVERY, DiskSampler.TABLES_EVERY, DiskSampler.ON_DISK).start();
        TableSizeReader tables = new TableSizeReader(settings.jdbcUrl(), () -> stack.secrets().pgSuperuserPassword());
        disk.generatedFiles(warmFile ? List.of(file, warm) : List.of(file));
        List<Path> cleanedUp = new ArrayList<>(List.of(file, warm));
        AtomicBoolean cleaned = new AtomicBoolean();
        Runnable cleanUp = () -> {
            if (cleaned.compareAndSet(false, true)) {
                disk.close();
                tables.close();
                stack.down();
                if (!options.keepFile()) {
                    deleteTree(file);
                }
                deleteTree(warm);
                if (dataDir != null) {
                    deleteTree(dataDir);
                }
            }
        };
        // one hook, so the stack is down before its data is deleted (hooks run in no order)
        Thread hook = new Thread(cleanUp, "bench-clean-up");
        Runtime.getRuntime().addShutdownHook(hook);

        Results results = new Results();
        ProductsFileGenerator.Summary summary = null;
        long warmProducts = 0;
        try {
            log.printf("bench: generating %,d rows into %s …%n", options.rows(), repoRoot.relativize(file));
            summary = ProductsFileGenerator.write(file, options.rows(), options.seed());
            log.printf("bench: %,.1f MB, %,d distinct skus%n", summary.bytes() / 1e6, summary.distinctSkus());
            if (warmFile) {
                log.printf("bench: generating the warm file (seed %d, skus %s…) …%n", warmSeed, WARM_SKU_PREFIX);
                warmProducts = ProductsFileGenerator.write(warm, options.rows(), warmSeed, WARM_SKU_PREFIX).distinctSkus();
            }
            log.println("bench: " + options.configuration() + " stack"
                    + (dataDir == null ? " (ephemeral data)" : " (data in " + repoRoot.relativize(dataDir) + ")") + " …");
            stack.up();
            Path dataRoot = dataRoot(stack, dataDir);
            disk.dataRoot(dataRoot);
            disk.tables(tables);
            if (dataRoot != null && dataDir == null) {
                cleanedUp.add(dataRoot);
            }
            measure(stack, settings, summary, file, warm, warmProducts, results);
        } finally {
            cleanUp.run();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook has run cleanUp already
            }
        }
        if (dataDir != null) {
            cleanedUp.add(dataDir);
        }
        if (options.keepFile()) {
            cleanedUp.remove(file);
        }
        BenchReport.Disk diskReport = new BenchReport.Disk(disk.peak(), results.tablesAtEnd,
                DiskSampler.bytesLeft(cleanedUp), cleanedUp.stream().map(p -> relative(p)).toList());
        Map<String, Object> machine = new LinkedHashMap<>(results.machine);
        machine.put("loadAverage1mAtStart", loadAtStart);
        machine.put("loadAverage1mAtEnd", Machine.loadAverage());
        BenchReport report = new BenchReport(startedAt, options, summary.bytes(), summary.distinctSkus(), warmProducts,
                results.cold, results.reupload, results.warm, results.baseline, results.baselineDifferences,
                results.peakRss, diskReport, results.readsJson, results.readsTable, machine, commit(repoRoot));
        out.println();
        out.print(report.table());
        Path json = writeJson(report);
        out.println("Results: " + repoRoot.relativize(json));
        return report.exact() && !results.readsFailed ? 0 : 1;
    }

    /** The measured steps on the running stack, in the order of the issue; fills {@code results}. */
    private void measure(Stack stack, StackSettings settings, ProductsFileGenerator.Summary summary, Path file,
            Path warm, long warmProducts, Results results) {
        UploadClient client = new UploadClient(settings.uploadApiUrl(), settings.aggregatesUrl(), stack.cliTokens());
        Map<String, Long> processes = StackProcesses.of(stack);
        String password = stack.secrets().pgSuperuserPassword();
        // the exactness checks and the by-hand baseline need every table: the stack's superuser
        try (Connection db = DriverManager.getConnection(settings.jdbcUrl(), StackSecrets.PG_SUPERUSER, password)) {
            results.machine = Machine.describe(db);
            long products = summary.distinctSkus();
            if (options.reads() == BenchOptions.Reads.ONLY) {
                log.println("bench: upload of the file (untimed) …");
                results.cold = measureUpload(client, file, db, products, processes);
                log.printf("bench: upload %s%n", results.cold.verdict());
                runReads(stack, results);
            } else {
                log.println("bench: (1) first upload on cold services …");
                results.cold = measureUpload(client, file, db, products, processes);
                log.printf("bench: cold first upload %s in %.2f s%n", results.cold.verdict(), results.cold.seconds());
                if (options.reupload()) {
                    log.println("bench: (2) identical re-upload …");
                    results.reupload = measureUpload(client, file, db, products, processes);
                    log.printf("bench: re-upload %s in %.2f s%n", results.reupload.verdict(), results.reupload.seconds());
                }
                if (options.warm()) {
                    log.println("bench: (3) first upload of the second file on warm services …");
                    results.warm = measureUpload(client, warm, db, products + warmProducts, processes);
                    log.printf("bench: warm first upload %s in %.2f s%n", results.warm.verdict(), results.warm.seconds());
                    deleteTree(warm);
                }
                if (options.reads() == BenchOptions.Reads.AFTER) {
                    runReads(stack, results);
                }
                log.println("bench: (4) by-hand baseline on the same PostgreSQL …");
                try {
                    results.baseline = ByHandBaseline.run(db, file, () -> {
                        if (!options.keepFile()) {
                            deleteTree(file);
                        }
                    });
                    results.tablesAtEnd = tableSizes(db);
                    results.baselineDifferences = ByHandBaseline.differencesFromProducts(db);
                } finally {
                    ByHandBaseline.drop(db);
                }
            }
            if (results.tablesAtEnd.isEmpty()) {
                results.tablesAtEnd = tableSizes(db);
            }
        } catch (SQLException e) {
            log.println("bench: database error: " + e.getMessage());
        }
        results.peakRss = peakResidentMemory(processes);
    }

    /**
     * The read phase ({@link ReadPhase}) on the loaded stack: the dashboard's endpoints under concurrent clients, with
     * Redis up and then down (stopped and started through local-infra's control port). Redis runs again afterwards.
     */
    private void runReads(Stack stack, Results results) {
        log.printf("bench: read phase: %d clients, %d s per endpoint …%n", options.readClients(), options.readSeconds());
        try {
            ReadPhaseReport reads = ReadPhase.run(ReadTarget.of(stack),
                    ReadPhaseOptions.of(options.readClients(), options.readSeconds()), log);
            results.readsJson = reads.json();
            results.readsTable = reads.table();
        } catch (RuntimeException e) {
            // the uploads' numbers and the baseline are still worth having; the run ends with status 1
            log.println("bench: read phase failed: " + e.getMessage());
            results.readsFailed = true;
            results.readsJson = Map.of("error", String.valueOf(e.getMessage()));
            results.readsTable = "Reads under load: FAILED: " + e.getMessage() + "\n";
        }
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
        Duration timeout = options.uploadTimeout();
        long deadline = start + timeout.toNanos();
        while (!upload.settled()) {
            if (System.nanoTime() > deadline) {
                return new BenchReport.UploadRun(id, upload.status(), seconds(start), seconds(start), accepted,
                        upload.rowsRead(), upload.rowsRejected(), "not settled after " + timeout.toMinutes() + " min",
                        null, null, null);
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
     * A stack of an earlier run that was killed (kill -9 skips the cleanup) is stopped by its recorded PIDs, and
     * its data deleted: a durable PostgreSQL would otherwise start on the old products.
     */
    private void removeLeftovers(Stack stack, Path dataDir) {
        stack.down().forEach(line -> log.println("bench: earlier run: " + line));
        if (dataDir != null && Files.exists(dataDir)) {
            log.println("bench: deleting the data of an earlier run that did not finish: " + relative(dataDir));
            deleteTree(dataDir);
        }
    }

    /** The data root local-infra reported ({@code data=} of its READY line), else the settings'. */
    private static Path dataRoot(Stack stack, Path dataDir) {
        String reported = Infrastructure.readyValues(stack.logFile(Infrastructure.NAME)).get("data");
        return reported == null || reported.isBlank() ? dataDir : Path.of(reported);
    }

    /** Table sizes on their own connection: the sampler's thread must not share the bench's. */
    private static final class TableSizeReader implements DiskSampler.TableSizes, AutoCloseable {
        private final String url;
        private final Supplier<String> password;
        private Connection connection;

        TableSizeReader(String url, Supplier<String> password) {
            this.url = url;
            this.password = password;
        }

        @Override
        public synchronized Map<String, Long> read() throws SQLException {
            if (connection == null || connection.isClosed()) {
                connection = DriverManager.getConnection(url, StackSecrets.PG_SUPERUSER, password.get());
            }
            try {
                return tableSizes(connection);
            } catch (SQLException e) {
                close();
                throw e;
            }
        }

        @Override
        public synchronized void close() {
            try {
                if (connection != null) {
                    connection.close();
                }
            } catch (SQLException e) {
                // the server is going away anyway
            }
            connection = null;
        }
    }

    static Map<String, Long> tableSizes(Connection db) throws SQLException {
        Map<String, Long> sizes = new LinkedHashMap<>();
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(TABLE_SIZES)) {
            while (rs.next()) {
                sizes.put(rs.getString(1), rs.getLong(2));
            }
        }
        return sizes;
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

    private String relative(Path path) {
        return path.startsWith(repoRoot) ? repoRoot.relativize(path).toString() : path.toString();
    }

    /** Deletes a file or a directory tree; what cannot be deleted shows as bytes left in the report. */
    static void deleteTree(Path root) {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(f);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // reported: the report's bytes left counts what stayed
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
