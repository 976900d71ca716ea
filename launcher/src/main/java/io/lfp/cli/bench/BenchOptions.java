package io.lfp.cli.bench;

import java.nio.file.Path;
import java.util.List;

import io.lfp.cli.stack.StackSettings;

/**
 * The benchmark's command line:
 * {@code [ROWS] [--workers N] [--chunk-size BYTES] [--seed N] [--warm-up ROWS] [--keep-file] [--keep] [--note TEXT]}.
 *
 * @param chunkSizeBytes null = the upload-service's default chunk size
 * @param warmUpRows rows of the warm-up upload sent before anything is timed; 0 = measure cold JVMs
 * @param keep write the JSON where git does not ignore it ({@link #KEPT_RESULTS}), to be committed and cited
 * @param note free text stored in the JSON (e.g. which build ran); null when not given
 */
public record BenchOptions(long rows, int workers, Long chunkSizeBytes, long seed, long warmUpRows, boolean keepFile,
        boolean keep, String note) {
    public static final long DEFAULT_ROWS = 500_000;
    public static final long DEFAULT_SEED = 1;
    /** Enough for the JIT compilers of every service to finish with the hot paths (~10 MB). */
    public static final long DEFAULT_WARM_UP_ROWS = 50_000;
    /** Where a run's JSON goes; git-ignored (.gitignore). */
    public static final Path RESULTS = Path.of("bench", "results");
    /** Where a run's JSON goes with {@code --keep}; not ignored, so a document can cite the committed file. */
    public static final Path KEPT_RESULTS = RESULTS.resolve("kept");
    static final String USAGE = "Usage: bench/run.sh [ROWS] [--workers N] [--chunk-size BYTES] [--seed N] [--warm-up ROWS]"
            + " [--keep-file] [--keep] [--note TEXT]";

    public static BenchOptions parse(List<String> args) {
        long rows = DEFAULT_ROWS;
        boolean rowsGiven = false;
        int workers = StackSettings.DEFAULT_WORKERS;
        Long chunkSize = null;
        long seed = DEFAULT_SEED;
        long warmUpRows = DEFAULT_WARM_UP_ROWS;
        boolean keepFile = false;
        boolean keep = false;
        String note = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (name) {
                case "--workers", "--chunk-size", "--seed", "--warm-up" -> {
                    String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                            : i + 1 < args.size() ? args.get(++i) : null;
                    long number = number(name, value);
                    switch (name) {
                        case "--workers" -> {
                            if (number < 1 || number > 16) {
                                throw new IllegalArgumentException("--workers must be from 1 to 16, was: " + value);
                            }
                            workers = (int) number;
                        }
                        case "--chunk-size" -> {
                            if (number < 1) {
                                throw new IllegalArgumentException(
                                        "--chunk-size must be a positive number of bytes, was: " + value);
                            }
                            chunkSize = number;
                        }
                        case "--warm-up" -> {
                            if (number < 0) {
                                throw new IllegalArgumentException("--warm-up must be 0 or more rows, was: " + value);
                            }
                            warmUpRows = number;
                        }
                        default -> seed = number;
                    }
                }
                case "--keep-file" -> keepFile = true;
                case "--keep" -> keep = true;
                case "--note" -> {
                    note = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : i + 1 < args.size() ? args.get(++i) : null;
                    if (note == null) {
                        throw new IllegalArgumentException("--note needs a text\n" + USAGE);
                    }
                }
                default -> {
                    if (arg.startsWith("-") || rowsGiven) {
                        throw new IllegalArgumentException("Unexpected argument: " + arg + "\n" + USAGE);
                    }
                    rows = number("ROWS", arg);
                    if (rows < 1) {
                        throw new IllegalArgumentException("ROWS must be at least 1, was: " + arg);
                    }
                    rowsGiven = true;
                }
            }
        }
        return new BenchOptions(rows, workers, chunkSize, seed, warmUpRows, keepFile, keep, note);
    }

    /** The directory, relative to the checkout, the run's JSON is written to. */
    public Path resultsDirectory() {
        return keep ? KEPT_RESULTS : RESULTS;
    }

    private static long number(String what, String value) {
        if (value == null) {
            throw new IllegalArgumentException(what + " needs a number\n" + USAGE);
        }
        try {
            return Long.parseLong(value.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, was: " + value + "\n" + USAGE);
        }
    }
}
