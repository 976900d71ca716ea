package io.lfp.cli.bench;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The disk a run uses, sampled on a background thread every {@link #EVERY} for the whole run: the generated
 * files, and under the local-infra data root ({@code data=} of its READY line) the S3 data, PostgreSQL's data
 * directory without {@code pg_wal}, {@code pg_wal} on its own and Kafka's log directory. Keeps the sample whose
 * sum was the largest, and the table sizes ({@link TableSizes}, read every {@link #TABLES_EVERY}) last read
 * before it. Sizes are the blocks allocated on disk ({@code du -s -B1}: Kafka preallocates its 10 MB index files
 * sparse, so their lengths would count gigabytes that take no disk), the files' lengths when {@code du} is
 * missing. Only directory listings and file attributes are read: cheap at 50M rows, where the data is a few
 * thousand files.
 */
final class DiskSampler implements AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(2);
    static final Duration TABLES_EVERY = Duration.ofSeconds(10);
    static final String FILES = "generatedFiles";
    static final String S3 = "s3";
    static final String POSTGRES = "postgresWithoutWal";
    static final String WAL = "postgresWal";
    static final String KAFKA = "kafka";

    /** Bytes under a path (a file or a directory), leaving out the subdirectory {@code excluded} (may be null). */
    @FunctionalInterface
    interface Sizer {
        long bytes(Path root, Path excluded);
    }

    /** Blocks on disk, through {@code du}; the files' lengths ({@link #treeSize}) when {@code du} cannot tell. */
    static final Sizer ON_DISK = DiskSampler::allocated;
    /** The files' lengths. */
    static final Sizer LENGTHS = DiskSampler::treeSize;

    /** Sizes of the tables that hold the data: {@code products}, staging tables, the by-hand tables. */
    @FunctionalInterface
    interface TableSizes {
        Map<String, Long> read() throws SQLException;
    }

    /**
     * @param secondsAfterStart when it was taken, after the sampler started
     * @param bytes part ({@link #FILES}, {@link #S3}, …) → bytes
     */
    record Sample(double secondsAfterStart, Map<String, Long> bytes) {
        long total() {
            return bytes.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /**
     * @param peak the sample with the largest sum; null when none was taken
     * @param tablesAtPeak table sizes last read at or before the peak (empty when none were read yet)
     * @param samples how many samples were taken
     */
    record Peak(Sample peak, Map<String, Long> tablesAtPeak, int samples) {
    }

    private final Duration every;
    private final Duration tablesEvery;
    private final Sizer sizer;
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile List<Path> generatedFiles = List.of();
    private volatile Path dataRoot;
    private volatile TableSizes tables;
    private Sample peak;
    private Map<String, Long> tablesAtPeak = Map.of();
    private Map<String, Long> latestTables = Map.of();
    private int samples;
    private long lastTablesNanos;

    DiskSampler(Duration every, Duration tablesEvery, Sizer sizer) {
        this.every = every;
        this.tablesEvery = tablesEvery;
        this.sizer = sizer;
        this.thread = new Thread(this::loop, "bench-disk-sampler");
        this.thread.setDaemon(true);
    }

    DiskSampler start() {
        thread.start();
        return this;
    }

    /** The files the run generated (counted while they exist). */
    void generatedFiles(List<Path> files) {
        this.generatedFiles = List.copyOf(files);
    }

    /** The local-infra data root, once known: {@code pg/} (with {@code pg_wal/}), {@code kafka/}, {@code s3/}. */
    void dataRoot(Path root) {
        this.dataRoot = root;
    }

    /** Where the table sizes come from, once PostgreSQL runs; they are read on this sampler's thread. */
    void tables(TableSizes sizes) {
        this.tables = sizes;
    }

    /** Takes one sample now (also the thread's step). */
    synchronized Sample sample() {
        Sample sample = new Sample((System.nanoTime() - startNanos) / 1e9, measure(generatedFiles, dataRoot, sizer));
        TableSizes source = tables;
        if (source != null && (lastTablesNanos == 0 || System.nanoTime() - lastTablesNanos >= tablesEvery.toNanos())) {
            lastTablesNanos = System.nanoTime();
            try {
                latestTables = Map.copyOf(source.read());
            } catch (SQLException | RuntimeException e) {
                // a table dropped while it was measured, or PostgreSQL stopping: the next read counts
            }
        }
        samples++;
        if (peak == null || sample.total() > peak.total()) {
            peak = sample;
            tablesAtPeak = latestTables;
        }
        return sample;
    }

    synchronized Peak peak() {
        return new Peak(peak, tablesAtPeak, samples);
    }

    /** Stops the thread after one last sample; idempotent. */
    @Override
    public void close() {
        if (thread.isAlive()) {
            thread.interrupt();
            try {
                thread.join(every.toMillis() * 10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sample();
        }
    }

    private void loop() {
        while (!Thread.currentThread().isInterrupted()) {
            sample();
            try {
                Thread.sleep(every.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Bytes of each part now; a part whose directory does not exist (yet, or any more) is 0. */
    static Map<String, Long> measure(List<Path> files, Path dataRoot, Sizer sizer) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        bytes.put(FILES, files.stream().filter(Files::exists).mapToLong(f -> sizer.bytes(f, null)).sum());
        bytes.put(S3, dataRoot == null ? 0 : sized(sizer, dataRoot.resolve("s3"), null));
        Path pg = dataRoot == null ? null : dataRoot.resolve("pg");
        bytes.put(POSTGRES, pg == null ? 0 : sized(sizer, pg, pg.resolve("pg_wal")));
        bytes.put(WAL, pg == null ? 0 : sized(sizer, pg.resolve("pg_wal"), null));
        bytes.put(KAFKA, dataRoot == null ? 0 : sized(sizer, dataRoot.resolve("kafka"), null));
        return bytes;
    }

    private static long sized(Sizer sizer, Path root, Path excluded) {
        return Files.exists(root) ? sizer.bytes(root, excluded) : 0;
    }

    /**
     * Bytes allocated under {@code root} but under {@code excluded} (a direct child), by {@code du -s -B1}; a file
     * vanishing meanwhile makes du exit 1 but still print the total. The lengths when du gives no number.
     */
    static long allocated(Path root, Path excluded) {
        List<String> command = new java.util.ArrayList<>(List.of("du", "-s", "-B1"));
        if (excluded != null) {
            command.add("--exclude=" + excluded.getFileName());
        }
        command.add(root.toString());
        try {
            Process du = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(du.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            du.waitFor();
            String first = output.isBlank() ? "" : output.strip().split("\\s+")[0];
            return first.matches("\\d+") ? Long.parseLong(first) : treeSize(root, excluded);
        } catch (IOException e) {
            return treeSize(root, excluded);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return treeSize(root, excluded);
        }
    }

    /** Bytes of every file under {@code root} but under {@code excluded}; files that vanish meanwhile are skipped. */
    static long treeSize(Path root, Path excluded) {
        if (root == null || !Files.exists(root)) {
            return 0;
        }
        long[] total = { 0 };
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    return dir.equals(excluded) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    total[0] += attrs.isRegularFile() ? attrs.size() : 0;
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // only the root itself can fail here (visitFileFailed takes the rest): nothing of it is left to count
        }
        return total[0];
    }

    /** Bytes (the files' lengths) still under any of {@code paths} (files or directories). */
    static long bytesLeft(List<Path> paths) {
        return paths.stream().filter(p -> p != null).mapToLong(p -> treeSize(p, null)).sum();
    }
}
