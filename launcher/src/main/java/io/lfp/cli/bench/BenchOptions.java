package io.lfp.cli.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.lfp.cli.stack.StackSettings;

/**
 * The benchmark's command line:
 * {@code [ROWS] [--throwaway] [--no-reupload] [--no-warm] [--reads | --reads-only [ROWS]] [--read-clients N]
 * [--read-seconds S] [--workers N] [--chunk-size BYTES] [--seed N] [--keep-file] [--keep] [--note TEXT]}.
 *
 * @param throwaway PostgreSQL without fsync and full-page writes (the old test configuration) instead of the
 *        durable one {@code ./lfp up} creates
 * @param reupload time an identical re-upload after the cold first upload
 * @param warm time a first upload of a second file (no shared product) on the warm services
 * @param chunkSizeBytes null = the upload-service's default chunk size
 * @param keep write the JSON where git does not ignore it ({@link #KEPT_RESULTS}), to be committed and cited
 * @param note free text stored in the JSON (e.g. which build ran); null when not given
 * @param reads whether and when the read phase runs
 * @param readClients concurrent clients of the read phase
 * @param readSeconds measured seconds per endpoint of the read phase
 */
public record BenchOptions(long rows, boolean throwaway, boolean reupload, boolean warm, int workers,
        Long chunkSizeBytes, long seed, boolean keepFile, boolean keep, String note, Reads reads, int readClients,
        int readSeconds) {

    /** When the read phase runs: not at all, after the measured uploads, or alone after one untimed upload. */
    public enum Reads {
        NONE,
        AFTER,
        ONLY
    }

    public static final long DEFAULT_ROWS = 500_000;
    /** Rows of {@code --reads-only} without ROWS: the read goals are set at 5M products. */
    public static final long DEFAULT_READS_ONLY_ROWS = 5_000_000;
    public static final long DEFAULT_SEED = 1;
    public static final int DEFAULT_READ_CLIENTS = 64;
    public static final int DEFAULT_READ_SECONDS = 10;
    /** The warm file's seed is the measured file's plus this. */
    public static final long WARM_SEED_OFFSET = 1000;
    /** Where a run's JSON goes; git-ignored (.gitignore). */
    public static final Path RESULTS = Path.of("bench", "results");
    /** Where a run's JSON goes with {@code --keep}; not ignored, so a document can cite the committed file. */
    public static final Path KEPT_RESULTS = RESULTS.resolve("kept");
    /** An upload gets at least this long to settle. */
    static final Duration MIN_UPLOAD_TIMEOUT = Duration.ofMinutes(30);
    /** ... and one second per this many rows when that is longer (50M rows: ~42 min). */
    static final long TIMEOUT_ROWS_PER_SECOND = 20_000;
    static final String USAGE = "Usage: bench/run.sh [ROWS] [--throwaway] [--no-reupload] [--no-warm]"
            + " [--reads | --reads-only [ROWS]] [--read-clients N] [--read-seconds S] [--workers N]"
            + " [--chunk-size BYTES] [--seed N] [--keep-file] [--keep] [--note TEXT]";

    public static BenchOptions parse(List<String> args) {
        Long rows = null;
        boolean throwaway = false;
        boolean reupload = true;
        boolean warm = true;
        int workers = StackSettings.DEFAULT_WORKERS;
        Long chunkSize = null;
        long seed = DEFAULT_SEED;
        boolean keepFile = false;
        boolean keep = false;
        String note = null;
        Reads reads = Reads.NONE;
        int readClients = DEFAULT_READ_CLIENTS;
        int readSeconds = DEFAULT_READ_SECONDS;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--workers", "--chunk-size", "--seed", "--read-clients", "--read-seconds" -> {
                    String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                            : i + 1 < args.size() ? args.get(++i) : null;
                    long number = number(name, value);
                    switch (name) {
                        case "--workers" -> workers = (int) within(name, number, 1, 16, value);
                        case "--chunk-size" -> {
                            if (number < 1) {
                                throw new IllegalArgumentException(
                                        "--chunk-size must be a positive number of bytes, was: " + value);
                            }
                            chunkSize = number;
                        }
                        case "--read-clients" -> readClients = (int) within(name, number, 1, 1024, value);
                        case "--read-seconds" -> readSeconds = (int) within(name, number, 1, 3600, value);
                        default -> seed = number;
                    }
                }
                case "--throwaway" -> throwaway = true;
                case "--no-reupload" -> reupload = false;
                case "--no-warm" -> warm = false;
                case "--reads" -> reads = requireOneReadMode(reads, Reads.AFTER);
                case "--reads-only" -> {
                    reads = requireOneReadMode(reads, Reads.ONLY);
                    if (i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                        rows = rows(rows, args.get(++i));
                    }
                }
                case "--keep-file" -> keepFile = true;
                case "--keep" -> keep = true;
                case "--warm-up" -> throw new IllegalArgumentException("--warm-up is gone: every run now times a"
                        + " warm first upload of a second file after the cold one (--no-warm skips it)\n" + USAGE);
                case "--note" -> {
                    note = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : i + 1 < args.size() ? args.get(++i) : null;
                    if (note == null) {
                        throw new IllegalArgumentException("--note needs a text\n" + USAGE);
                    }
                }
                default -> {
                    if (arg.startsWith("-")) {
                        throw new IllegalArgumentException("Unexpected argument: " + arg + "\n" + USAGE);
                    }
                    rows = rows(rows, arg);
                }
            }
        }
        long rowCount = rows != null ? rows : reads == Reads.ONLY ? DEFAULT_READS_ONLY_ROWS : DEFAULT_ROWS;
        return new BenchOptions(rowCount, throwaway, reupload, warm, workers, chunkSize, seed, keepFile, keep, note, reads,
                readClients, readSeconds);
    }

    /** {@code "durable"} (the headline: as {@code ./lfp up} creates PostgreSQL) or {@code "throwaway"}. */
    public String configuration() {
        return throwaway ? "throwaway" : "durable";
    }

    /** How long one upload may take to settle: {@link #MIN_UPLOAD_TIMEOUT}, or longer for many rows. */
    public Duration uploadTimeout() {
        return Duration.ofSeconds(Math.max(MIN_UPLOAD_TIMEOUT.toSeconds(), rows / TIMEOUT_ROWS_PER_SECOND));
    }

    /** The directory, relative to the checkout, the run's JSON is written to. */
    public Path resultsDirectory() {
        return keep ? KEPT_RESULTS : RESULTS;
    }

    private static Reads requireOneReadMode(Reads current, Reads wanted) {
        if (current != Reads.NONE && current != wanted) {
            throw new IllegalArgumentException("give either --reads or --reads-only, not both\n" + USAGE);
        }
        return wanted;
    }

    private static long rows(Long given, String arg) {
        if (given != null) {
            throw new IllegalArgumentException("Unexpected argument: " + arg + "\n" + USAGE);
        }
        long rows = number("ROWS", arg);
        if (rows < 1) {
            throw new IllegalArgumentException("ROWS must be at least 1, was: " + arg);
        }
        return rows;
    }

    private static long within(String name, long number, long min, long max, String value) {
        if (number < min || number > max) {
            throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", was: " + value);
        }
        return number;
    }

    private static long number(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " needs a number\n" + USAGE);
        }
        try {
            return Long.parseLong(value.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, was: " + value + "\n" + USAGE);
        }
    }
}
