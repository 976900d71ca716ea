package io.lfp.upload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Direct access to the real servers the service under test uses, to check what it stored and sent. */
public final class TestSupport {

    /** The principal of the tests' requests (@TestSecurity); uploads record it as their uploader. */
    public static final String USER = "alice";

    private TestSupport() {
    }

    public static String config(String name) {
        return ConfigProvider.getConfig().getValue(name, String.class);
    }

    public static byte[] resource(String name) {
        try (InputStream in = TestSupport.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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

    public static Connection db() throws SQLException {
        String url = "jdbc:postgresql://" + config("lfp.pg.host") + ":" + config("lfp.pg.port") + "/"
                + config("lfp.pg.database");
        return DriverManager.getConnection(url, config("lfp.pg.user"), config("lfp.pg.password"));
    }

    /** The uploads row as column name → value, or null. */
    public static Map<String, Object> uploadRow(String id) throws SQLException {
        try (Connection c = db(); var ps = c.prepareStatement("SELECT * FROM uploads WHERE id = ?::uuid")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    boolean timestamp = "timestamptz".equals(rs.getMetaData().getColumnTypeName(i));
                    row.put(rs.getMetaData().getColumnName(i),
                            timestamp ? rs.getObject(i, java.time.OffsetDateTime.class) : rs.getObject(i));
                }
                return row;
            }
        }
    }

    public static long uploadCount() throws SQLException {
        try (Connection c = db(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM uploads")) {
            rs.next();
            return rs.getLong(1);
        }
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
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (long part = start / partSize; part * partSize < end; part++) {
            long from = Math.max(start, part * partSize) - part * partSize;
            long to = Math.min(end, (part + 1) * partSize) - part * partSize;
            String partKey = io.lfp.events.ChunkReady.partKey(key, part + 1);
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
                String partKey = io.lfp.events.ChunkReady.partKey(key, part);
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

    /** Reads a topic from the beginning with a fresh group until {@code count} records whose key starts with the prefix showed up. */
    public static List<ConsumerRecord<String, String>> awaitRecords(String topic, String keyPrefix, int count,
            Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config("lfp.kafka.bootstrap"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "upload-service-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<ConsumerRecord<String, String>> found = new java.util.ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && found.size() < count) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.key() != null && record.key().startsWith(keyPrefix)) {
                        found.add(record);
                    }
                }
            }
            // a moment more, to see duplicates if there were any
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofSeconds(1))) {
                if (record.key() != null && record.key().startsWith(keyPrefix)) {
                    found.add(record);
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError("only " + found.size() + " of " + count + " records with key " + keyPrefix
                    + "* on " + topic + " within " + timeout);
        }
        return found;
    }

    /** Reads a topic from the beginning with a fresh group until a record with the given key shows up. */
    public static ConsumerRecord<String, String> awaitRecord(String topic, String key, Duration timeout) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config("lfp.kafka.bootstrap"));
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "upload-service-test-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record with key " + key + " on " + topic + " within " + timeout);
    }
}
