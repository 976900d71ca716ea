package io.lfp.cli.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a realistic products CSV ({@code name,sku,description}), the same bytes for the same
 * rows and seed on any machine: CRLF record ends, bare LF inside quoted descriptions in about half
 * the rows, {@code ""} quotes and commas in descriptions, person names with titles and suffixes
 * drawn from pools (a long tail of a few tens of thousands of distinct names at 500k rows), and
 * about 7% of rows repeating an earlier sku with a different name and description — half of them
 * from anywhere earlier in the file, so repeats cross chunk boundaries. About 190 bytes a row.
 *
 * <p>
 * Streamed: nothing but the current row is held in memory, whatever the row count.
 */
public final class ProductsFileGenerator {
    public static final String HEADER = "name,sku,description";
    /** Share of rows that repeat an earlier sku. */
    static final double REPEAT_SHARE = 0.07;
    /** Share of rows whose description holds bare LFs. */
    static final double MULTILINE_SHARE = 0.5;
    /** A "near" repeat picks one of this many most recent distinct skus; a "far" one any earlier sku. */
    static final int NEAR_WINDOW = 2_000;
    static final int MAX_DESCRIPTION = 300;

    /**
     * @param rows data rows written (the header not counted)
     * @param bytes the file's size
     * @param distinctSkus distinct skus in the file = the products the file yields
     */
    public record Summary(long rows, long bytes, long distinctSkus) {
    }

    private ProductsFileGenerator() {
    }

    public static Summary write(Path file, long rows, long seed) {
        return write(file, rows, seed, "");
    }

    /** As {@link #write(Path, long, long)}, every sku starting with {@code skuPrefix}: files sharing no sku. */
    public static Summary write(Path file, long rows, long seed, String skuPrefix) {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, was " + rows);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            long distinct;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
                distinct = write(out, rows, seed, skuPrefix);
            }
            return new Summary(rows, Files.size(file), distinct);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    /** Writes the file to {@code out} (not closed); returns the number of distinct skus. */
    static long write(OutputStream out, long rows, long seed) throws IOException {
        return write(out, rows, seed, "");
    }

    static long write(OutputStream out, long rows, long seed, String skuPrefix) throws IOException {
        Random random = new Random(seed);
        StringBuilder row = new StringBuilder(512);
        out.write((HEADER + "\r\n").getBytes(StandardCharsets.US_ASCII));
        long distinct = 0;
        for (long i = 0; i < rows; i++) {
            row.setLength(0);
            long skuOrdinal;
            if (distinct > 0 && random.nextDouble() < REPEAT_SHARE) {
                skuOrdinal = random.nextBoolean()
                        ? random.nextLong(distinct) // far: anywhere earlier
                        : distinct - 1 - random.nextLong(Math.min(distinct, NEAR_WINDOW)); // near
            } else {
                skuOrdinal = distinct++;
            }
            appendName(row, random);
            row.append(',');
            row.append(skuPrefix);
            appendSku(row, skuOrdinal, seed);
            row.append(',');
            appendDescription(row, random);
            row.append("\r\n");
            out.write(row.toString().getBytes(StandardCharsets.UTF_8));
        }
        return distinct;
    }

    // ---- names: title? first last suffix? — skewed picks give a few popular names and a long tail

    private static void appendName(StringBuilder row, Random random) {
        StringBuilder name = new StringBuilder(40);
        if (random.nextDouble() < 0.6) {
            name.append(Pools.TITLES[random.skewed(Pools.TITLES.length)]).append(' ');
        }
        name.append(Pools.FIRST_NAMES[random.skewed(Pools.FIRST_NAMES.length)]).append(' ');
        if (random.nextDouble() < 0.08) {
            name.append((char) ('A' + random.nextInt(26))).append(". ");
        }
        name.append(Pools.LAST_NAMES[random.skewed(Pools.LAST_NAMES.length)]);
        double suffix = random.nextDouble();
        if (suffix < 0.01) {
            name.append(", ").append(Pools.SUFFIXES[random.nextInt(Pools.SUFFIXES.length)]); // needs quoting
        } else if (suffix < 0.04) {
            name.append(' ').append(Pools.SUFFIXES[random.nextInt(Pools.SUFFIXES.length)]);
        }
        appendField(row, name);
    }

    // ---- skus: a bijection of the distinct-sku ordinal, so skus are unique without remembering them

    /** 200 words cubed; an ordinal past it gets a numeric fourth part. */
    private static final long WORD_SPACE = (long) Pools.SKU_WORDS.length * Pools.SKU_WORDS.length * Pools.SKU_WORDS.length;
    /** 26³ letter triples × 10⁶ numbers. */
    private static final long CODE_SPACE = 17_576L * 1_000_000L;
    /** Prime, coprime with both spaces: multiplying by it permutes each space. */
    private static final long SCATTER = 1_000_003L;

    static void appendSku(StringBuilder row, long ordinal, long seed) {
        // The form is a fixed function of the ordinal; within a form the mapping is a bijection,
        // and the two forms cannot collide (lower-case words vs upper-case letters and digits).
        long mixed = mix(ordinal ^ seed);
        if ((mixed & 1) == 0) {
            long k = Math.floorMod(ordinal % WORD_SPACE * SCATTER + (seed & 0xffff), WORD_SPACE);
            int n = Pools.SKU_WORDS.length;
            row.append(Pools.SKU_WORDS[(int) (k % n)]).append('-')
                    .append(Pools.SKU_WORDS[(int) (k / n % n)]).append('-')
                    .append(Pools.SKU_WORDS[(int) (k / n / n)]);
            if (ordinal >= WORD_SPACE) {
                row.append('-').append(ordinal / WORD_SPACE);
            }
        } else {
            long k = Math.floorMod(ordinal % CODE_SPACE * SCATTER + (seed & 0xffff), CODE_SPACE);
            long letters = k / 1_000_000L;
            row.append((char) ('A' + letters / 676)).append((char) ('A' + letters / 26 % 26))
                    .append((char) ('A' + letters % 26))
                    .append('-');
            String digits = Long.toString(k % 1_000_000L);
            row.append("0".repeat(6 - digits.length())).append(digits);
            if (ordinal >= CODE_SPACE) {
                row.append('-').append(ordinal / CODE_SPACE);
            }
        }
    }

    // ---- descriptions: sentences of words, commas, sometimes a ""quoted"" phrase, LFs in half the rows

    private static void appendDescription(StringBuilder row, Random random) {
        boolean multiline = random.nextDouble() < MULTILINE_SHARE;
        int target = 20 + random.nextInt(230); // the last sentence overshoots by ~20 on average; cut at 300
        StringBuilder text = new StringBuilder(MAX_DESCRIPTION + 40);
        boolean quoted = random.nextDouble() < 0.15;
        while (text.length() < target) {
            if (text.length() > 0) {
                text.append(multiline && random.nextDouble() < 0.35 ? "\n" : " ");
            }
            int words = 3 + random.nextInt(8);
            int quoteAt = quoted ? random.nextInt(words) : -1;
            for (int w = 0; w < words; w++) {
                String word = Pools.WORDS[random.skewed(Pools.WORDS.length)];
                if (w == quoteAt) {
                    text.append('"').append(word).append('"');
                    quoted = false;
                } else if (w == 0) {
                    text.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
                } else {
                    text.append(word);
                }
                if (w < words - 1) {
                    text.append(random.nextDouble() < 0.08 ? ", " : " ");
                }
            }
            text.append('.');
        }
        if (multiline && text.indexOf("\n") < 0) {
            int space = text.indexOf(" ", text.length() / 2);
            if (space > 0) {
                text.setCharAt(space, '\n');
            }
        }
        if (text.length() > MAX_DESCRIPTION) {
            text.setLength(MAX_DESCRIPTION - 1);
            // never cut inside a "" pair or leave a trailing space/LF
            while (text.length() > 0 && " \n,\"".indexOf(text.charAt(text.length() - 1)) >= 0) {
                text.setLength(text.length() - 1);
            }
            text.append('.');
            if (countQuotes(text) % 2 == 1) {
                int last = text.lastIndexOf("\"");
                text.deleteCharAt(last);
            }
        }
        appendField(row, text);
    }

    private static int countQuotes(CharSequence text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '"') {
                n++;
            }
        }
        return n;
    }

    /** RFC 4180: quote when the value holds a comma, a quote or a line break; double inner quotes. */
    static void appendField(StringBuilder row, CharSequence value) {
        boolean needsQuotes = false;
        for (int i = 0; i < value.length() && !needsQuotes; i++) {
            char c = value.charAt(i);
            needsQuotes = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!needsQuotes) {
            row.append(value);
            return;
        }
        row.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                row.append('"');
            }
            row.append(c);
        }
        row.append('"');
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** SplitMix64, written out so the output never depends on the JDK's generator implementations. */
    static final class Random {
        private long state;

        Random(long seed) {
            this.state = seed;
        }

        long nextLong() {
            state += 0x9e3779b97f4a7c15L;
            return mix(state);
        }

        double nextDouble() {
            return (nextLong() >>> 11) * 0x1.0p-53;
        }

        boolean nextBoolean() {
            return nextLong() < 0;
        }

        int nextInt(int bound) {
            return (int) nextLong((long) bound);
        }

        long nextLong(long bound) {
            return Math.floorMod(nextLong(), bound); // the tiny modulo bias does not matter for test data
        }

        /** An index in [0, size) biased to the front: a few popular values and a long tail. */
        int skewed(int size) {
            double u = nextDouble();
            return (int) (size * u * u);
        }
    }
}
