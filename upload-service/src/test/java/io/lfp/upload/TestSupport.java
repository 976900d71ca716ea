package io.lfp.upload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;

import io.lfp.events.ChunkReady;
import io.lfp.testing.Sql;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * What the service under test stored, read directly: its objects in S3 (stored as part objects) and its
 * uploads rows. Kafka, SQL and files: {@code io.lfp.testing}.
 */
public final class TestSupport {

    /** The principal of the tests' requests (@TestSecurity); uploads record it as their uploader. */
    public static final String USER = "alice";

    private TestSupport() {
    }

    public static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    /** SHA-256 of an S3 object, streamed (the object may be larger than we want in memory). */
    public static String s3Sha256(S3Client s3, String key) {
        try (ResponseInputStream<GetObjectResponse> in = s3.getObject(b -> b.bucket(config("lfp.s3.bucket")).key(key))) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Keys of all objects under uploads/ in the bucket. */
    public static List<String> s3Keys(S3Client s3) {
        return s3.listObjectsV2Paginator(b -> b.bucket(config("lfp.s3.bucket")).prefix("uploads/")).contents()
                .stream().map(o -> o.key()).toList();
    }

    /** The uploads row as column name → value (timestamps as OffsetDateTime), or null. */
    public static Map<String, Object> uploadRow(String id) {
        return Sql.row("SELECT * FROM uploads WHERE id = ?::uuid", id);
    }

    public static long uploadCount() {
        return Sql.number("SELECT count(*) FROM uploads");
    }

    /**
     * Bytes [start, end) of a file in S3, by ranged GETs as the ingest-worker does it: of the one object
     * {@code key} when {@code partSize} is 0, else of its part objects.
     */
    public static byte[] s3Range(S3Client s3, String bucket, String key, long start, long end, long partSize) {
        if (partSize == 0) {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key).range("bytes=" + start + "-" + (end - 1)))
                    .asByteArray();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long part = start / partSize; part * partSize < end; part++) {
            long from = Math.max(start, part * partSize) - part * partSize;
            long to = Math.min(end, (part + 1) * partSize) - part * partSize;
            String partKey = ChunkReady.partKey(key, part + 1);
            out.writeBytes(s3.getObjectAsBytes(b -> b.bucket(bucket).key(partKey).range("bytes=" + from + "-" + (to - 1)))
                    .asByteArray());
        }
        return out.toByteArray();
    }

    /** SHA-256 of a file stored as part objects ({@code <key>.part-00001}, …), read in order. */
    public static String s3PartsSha256(S3Client s3, String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (int part = 1;; part++) {
                String partKey = ChunkReady.partKey(key, part);
                if (s3.listObjectsV2(b -> b.bucket(config("lfp.s3.bucket")).prefix(partKey)).keyCount() == 0) {
                    break;
                }
                digest.update(s3.getObjectAsBytes(b -> b.bucket(config("lfp.s3.bucket")).key(partKey)).asByteArray());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
