package io.lfp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Test files: the project's sample file (one copy, taken from examples/ at build time) and class-path resources. */
public final class TestFiles {

    /** The sample's resource name: equal to examples/products-sample.csv (header + 499 records, 845 lines). */
    public static final String PRODUCTS_SAMPLE = "/io/lfp/testing/products-sample.csv";

    private TestFiles() {
    }

    /** The bytes of examples/products-sample.csv. */
    public static byte[] productsSample() {
        return resource(PRODUCTS_SAMPLE);
    }

    /**
     * A products CSV of exactly {@code size} bytes (at least about 60), for tests of sizes and streams: LF line
     * ends, records {@code Name <i % 977>,<skuPrefix><i>,some text}, then one line of {@code x} making up the size.
     */
    public static byte[] productsCsv(long size, String skuPrefix) {
        StringBuilder csv = new StringBuilder((int) size + 100).append("name,sku,description\n");
        for (int i = 0; csv.length() < size - 40; i++) {
            csv.append("Name ").append(i % 977).append(',').append(skuPrefix).append(i).append(",some text\n");
        }
        while (csv.length() < size - 1) {
            csv.append('x');
        }
        csv.append('\n');
        return csv.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The bytes of a class-path resource, by its absolute name ({@code /dir/file}). */
    public static byte[] resource(String name) {
        try (InputStream in = TestFiles.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hex SHA-256 of {@code data}. */
    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
