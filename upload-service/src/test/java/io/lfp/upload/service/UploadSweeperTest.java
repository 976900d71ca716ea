package io.lfp.upload.service;

import static io.lfp.upload.TestSupport.config;
import static io.lfp.upload.TestSupport.s3Keys;
import static io.lfp.upload.TestSupport.uploadRow;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.ChunkReady;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.testing.Sql;
import io.lfp.testing.TestKafka;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The sweeper against the real servers, with a 3 s silence and a sweep every 0.5 s (%test properties). An
 * upload whose instance died is simulated by its row: not sealed, nobody marking it alive.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class UploadSweeperTest {

    static final String REASON = "Nothing was heard of this upload for 3 s before it was complete (upload-service "
            + "stopped while receiving it, or could not announce it); nothing of it is loaded: upload the file again";
    static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    S3Client s3;

    @Inject
    ActiveUploads active;

    @Inject
    ObjectMapper json;

    @Test
    void anUploadLeftSilentEndsFailedWithItsPartsDeletedAndItsAbortAnnounced() throws Exception {
        String dead = withParts(3, "QUEUED", "HTTP", "now() - interval '1 hour'", null, null);
        String deadKey = key(dead);
        String other = withParts(1, "QUEUED", "HTTP", "now()", "now()", null);

        await().atMost(WAIT).untilAsserted(() -> assertEquals("FAILED", uploadRow(dead).get("status")));
        Map<String, Object> row = uploadRow(dead);
        assertEquals(REASON, row.get("error"));
        assertNotNull(row.get("finished_at"));
        await().atMost(WAIT).untilAsserted(() -> assertNotNull(uploadRow(dead).get("files_deleted_at")));
        List<String> keys = s3Keys(s3);
        assertTrue(keys.stream().noneMatch(k -> k.startsWith(deadKey)), "the swept upload's parts are gone: " + keys);
        assertTrue(keys.contains(ChunkReady.partKey(key(other), 1)), "another upload's part is kept");

        ConsumerRecord<String, String> aborted = new TestKafka().awaitRecord(Topics.UPLOAD_ABORTED, dead, WAIT);
        JsonNode event = json.readTree(aborted.value());
        assertEquals(dead, event.get("uploadId").asText());
        assertEquals(REASON, event.get("reason").asText());
        assertEquals("QUEUED", uploadRow(other).get("status"), "a sealed upload is the ingest-worker's to end");
    }

    @Test
    void anUploadThisInstanceIsReceivingIsKeptAliveAndSweptOnceItIsNoLonger() throws Exception {
        String receiving = insert("INGESTING", "HTTP", "now()", null, null);
        String control = insert("QUEUED", "HTTP", "now()", null, null);
        active.started(UUID.fromString(receiving));
        try {
            // the control row, as old as the received one, is swept when the silence has passed
            await().atMost(WAIT).untilAsserted(() -> assertEquals("FAILED", uploadRow(control).get("status")));
            assertEquals("INGESTING", uploadRow(receiving).get("status"));
            assertNull(uploadRow(receiving).get("error"));
        } finally {
            active.ended(UUID.fromString(receiving));
        }
        await().atMost(WAIT).untilAsserted(() -> assertEquals("FAILED", uploadRow(receiving).get("status")));
        assertEquals(REASON, uploadRow(receiving).get("error"));
    }

    @Test
    void filesOfUploadsEndedLongerThanTheRetentionAgoAreDeletedAndTheRowsKept() throws Exception {
        String old = withParts(2, "COMPLETED", "HTTP", "now() - interval '31 days'", "now() - interval '31 days'",
                "now() - interval '31 days'");
        String recent = withParts(2, "FAILED", "HTTP", "now() - interval '29 days'", "now() - interval '29 days'",
                "now() - interval '29 days'");
        String requested = insert("COMPLETED", "KAFKA", "now() - interval '31 days'", "now() - interval '31 days'",
                "now() - interval '31 days'");
        String requestedObject = "incoming/" + requested + ".csv";
        s3.putObject(b -> b.bucket(config("lfp.s3.bucket")).key(requestedObject), RequestBody.fromString("x"));
        Sql.update("UPDATE uploads SET object_key = ? WHERE id = ?::uuid", requestedObject, requested);

        await().atMost(WAIT).untilAsserted(() -> assertNotNull(uploadRow(old).get("files_deleted_at")));
        List<String> keys = s3Keys(s3);
        assertTrue(keys.stream().noneMatch(k -> k.startsWith(key(old))), "expired parts are gone: " + keys);
        assertEquals(List.of(ChunkReady.partKey(key(recent), 1), ChunkReady.partKey(key(recent), 2)),
                keys.stream().filter(k -> k.startsWith(key(recent))).sorted().toList());
        assertNull(uploadRow(recent).get("files_deleted_at"));
        assertNull(uploadRow(requested).get("files_deleted_at"));
        assertEquals("COMPLETED", uploadRow(old).get("status"), "the row stays");
        assertEquals(1, s3.listObjectsV2(b -> b.bucket(config("lfp.s3.bucket")).prefix(requestedObject)).keyCount(),
                "an object requested on Kafka is not ours to delete");
    }

    @Test
    void theFilesOfAnUploadFailedBeforeItsSealAreDeletedAtOnce() throws Exception {
        // e.g. the ingest-worker's sweeper ended the job first, and ingest-finished turned the row FAILED
        String failed = withParts(2, "FAILED", "HTTP", "now() - interval '1 minute'", null, "now()");
        String sealedFailed = withParts(1, "FAILED", "HTTP", "now() - interval '1 minute'", "now()", "now()");

        await().atMost(WAIT).untilAsserted(() -> assertNotNull(uploadRow(failed).get("files_deleted_at")));
        List<String> keys = s3Keys(s3);
        assertTrue(keys.stream().noneMatch(k -> k.startsWith(key(failed))), "its parts are gone: " + keys);
        assertTrue(keys.contains(ChunkReady.partKey(key(sealedFailed), 1)), "a sealed file is kept for a retry");
        assertNull(uploadRow(sealedFailed).get("files_deleted_at"));
        assertEquals("FAILED", uploadRow(failed).get("status"));
    }

    private static String key(String id) {
        return "uploads/" + id + "/products.csv";
    }

    private void putParts(String key, int parts) {
        for (int part = 1; part <= parts; part++) {
            String partKey = ChunkReady.partKey(key, part);
            s3.putObject(b -> b.bucket(config("lfp.s3.bucket")).key(partKey), RequestBody.fromString("part " + part));
        }
    }

    /** An upload whose parts are stored before its row is written: the sweeper may act on the row at once. */
    private String withParts(int parts, String status, String source, String lastActivity, String sealed,
            String finished) throws Exception {
        String id = UUID.randomUUID().toString();
        putParts(key(id), parts);
        return insert(id, status, source, lastActivity, sealed, finished);
    }

    /** A row as upload-service writes it; the SQL expressions give its times. */
    private static String insert(String status, String source, String lastActivity, String sealed, String finished)
            throws Exception {
        return insert(UUID.randomUUID().toString(), status, source, lastActivity, sealed, finished);
    }

    /** The row of upload {@code id}. */
    private static String insert(String id, String status, String source, String lastActivity, String sealed,
            String finished) throws Exception {
        String sql = """
                INSERT INTO uploads (id, filename, bucket, object_key, size_bytes, status, source, last_activity_at,
                    sealed_at, finished_at, uploaded_by)
                VALUES (?::uuid, 'products.csv', ?, ?, 0, ?, ?, %s, %s, %s, 'sweeper-test')"""
                .formatted(lastActivity, sealed == null ? "NULL" : sealed, finished == null ? "NULL" : finished);
        Sql.update(sql, id, config("lfp.s3.bucket"), key(id), status, source);
        return id;
    }
}
