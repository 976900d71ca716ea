package io.lfp.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
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
