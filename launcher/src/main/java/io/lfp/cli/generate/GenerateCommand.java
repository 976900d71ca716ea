package io.lfp.cli.generate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code ./lfp generate ROWS FILE [--seed N]}: writes a realistic products CSV and prints what it wrote. */
public final class GenerateCommand {
    public static final long DEFAULT_SEED = 1;

    /** One parsed {@code generate} command line. */
    public record Arguments(long rows, Path file, long seed) {
        /** @param args the words after {@code generate} */
        public static Arguments parse(List<String> args) {
            Long rows = null;
            Path file = null;
            long seed = DEFAULT_SEED;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--seed") || arg.startsWith("--seed=")) {
                    String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                            : i + 1 < args.size() ? args.get(++i) : null;
                    seed = number("--seed", value);
                } else if (arg.startsWith("-") && arg.length() > 1) {
                    throw new IllegalArgumentException("Unknown option for generate: " + arg);
                } else if (rows == null) {
                    rows = number("ROWS", arg);
                    if (rows < 0) {
                        throw new IllegalArgumentException("ROWS must be 0 or more, was: " + arg);
                    }
                } else if (file == null) {
                    file = Path.of(arg);
                } else {
                    throw new IllegalArgumentException("Unexpected argument for generate: " + arg);
                }
            }
            if (rows == null || file == null) {
                throw new IllegalArgumentException("generate needs ROWS and FILE: ./lfp generate ROWS FILE [--seed N]");
            }
            return new Arguments(rows, file, seed);
        }

        private static long number(String what, String value) {
            if (value == null) {
                throw new IllegalArgumentException(what + " needs a number");
            }
            try {
                return Long.parseLong(value.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + " must be a whole number, was: " + value);
            }
        }
    }

    private GenerateCommand() {
    }

    public static void run(Arguments arguments, PrintStream out) {
        long start = System.nanoTime();
        ProductsFileGenerator.Summary summary = ProductsFileGenerator.write(arguments.file(), arguments.rows(),
                arguments.seed());
        double seconds = (System.nanoTime() - start) / 1e9;
        out.printf(Locale.ROOT, "Wrote %s: %,d rows, %,.1f MB, %,d distinct skus (seed %d) in %.1f s%n",
                arguments.file(), summary.rows(), summary.bytes() / 1e6, summary.distinctSkus(), arguments.seed(), seconds);
    }

    /** For the benchmark and ad-hoc use without the launcher: {@code java -cp … GenerateCommand ROWS FILE [--seed N]}. */
    public static void main(String[] args) {
        run(Arguments.parse(List.of(args)), System.out);
    }
}
