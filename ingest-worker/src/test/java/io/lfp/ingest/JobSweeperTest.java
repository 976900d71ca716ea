package io.lfp.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.lfp.events.ChunkReady;
import io.lfp.events.FileUploaded;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.testing.Sql;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The worker's sweeper against the real servers with a 3 s silence, a sweep every 0.5 s and failed jobs'
 * staging kept 1 h. upload-service's table is a fixture with the columns the sweeper reads.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestProfile(JobSweeperTest.ShortSilence.class)
class JobSweeperTest extends ChunkIngestTestBase {

    private static final byte[] FILE = ("name,sku,description\r\nAnn,sw-1,one\r\nBob,sw-2,two\r\nCid,sw-3,three\r\nDan,sw-4,four\r\n")
            .getBytes(StandardCharsets.UTF_8);

    public static class ShortSilence implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lfp.ingest.silence-timeout", "3s", "lfp.ingest.sweep-interval", "500ms",
                    "lfp.ingest.failed-staging-retention", "1h");
        }
    }

    /** After the tables are emptied: upload-service's table, the columns the sweeper reads. */
    @BeforeEach
    void createUploads() {
        sql("CREATE TABLE uploads (id uuid PRIMARY KEY, seq bigint NOT NULL, status text NOT NULL,"
                + " last_activity_at timestamptz NOT NULL)",
                // what upload-service's migrations grant this service's role
                "GRANT SELECT ON uploads TO lfp_ingest");
    }

    @Test
    void chunksWhoseSealNeverCameEndFailedOnceTheirUploadIsNoLongerReceived() throws Exception {
        List<ChunkReady> cutOff = unsealed(chunks(71, FILE, 20));
        List<ChunkReady> receiving = unsealed(chunks(72, FILE, 20));
        assertTrue(cutOff.size() >= 2, "the file spans several chunks");
        String cutOffId = cutOff.get(0).uploadId();
        String receivingId = receiving.get(0).uploadId();
        sql(upload(cutOffId, 71, "INGESTING", "now() - interval '1 hour'"),
                upload(receivingId, 72, "INGESTING", "now() + interval '1 hour'"));
        publish(List.of(cutOff.get(0), receiving.get(0)));
        kafka.await(Topics.INGEST_PROGRESS, cutOffId, 1, IngestProgressed.class, WAIT);
        kafka.await(Topics.INGEST_PROGRESS, receivingId, 1, IngestProgressed.class, WAIT);

        IngestFinished swept = kafka.await(Topics.INGEST_FINISHED, cutOffId, 1, IngestFinished.class, WAIT).get(0);
        String reason = "Nothing was heard of this upload for 3 s: 1 chunks arrived but the end of the file was never"
                + " announced (upload-service stopped while receiving it, or could not announce it); nothing of it is"
                + " loaded: upload the file again";
        long staged = cutOff.get(0).records();
        assertEquals(new IngestFinished(3, cutOffId, IngestState.FAILED, staged, staged, 0, 0, swept.startedAt(),
                swept.finishedAt(), reason, 0, 0, List.of(), false, 0), swept);
        assertEquals(List.of("FAILED", reason), job(cutOffId));
        assertNull(staging(cutOffId), "the swept job's staging table is dropped");
        assertEquals(0, count("SELECT count(*) FROM products"));

        // the upload still being received keeps its job, however silent the job is
        assertEquals(List.of("INGESTING"), job(receivingId).subList(0, 1));
        assertEquals("ingest_staging_" + receivingId.replace("-", ""), staging(receivingId));
        sql("UPDATE uploads SET last_activity_at = now() - interval '1 hour' WHERE id = '" + receivingId + "'");
        kafka.await(Topics.INGEST_FINISHED, receivingId, 1, IngestFinished.class, WAIT);
        assertEquals(List.of("FAILED", reason), job(receivingId));
        assertNull(staging(receivingId));
        assertEquals(0, count("SELECT count(*) FROM products"));
    }

    @Test
    void aSealedJobWhoseChunkNeverArrivesEndsFailedNamingWhatIsMissing() throws Exception {
        List<ChunkReady> chunks = chunks(73, FILE, 20);
        String id = chunks.get(0).uploadId();
        sql(upload(id, 73, "INGESTING", "now()"));
        publish(List.of(chunks.get(0)));
        kafka.send(Topics.FILE_UPLOADED, id, FileUploaded.of(id, 73, chunks.get(0).bucket(), chunks.get(0).key(),
                "products.csv", FILE.length, Instant.now(), chunks.size(), 4));

        IngestFinished swept = kafka.await(Topics.INGEST_FINISHED, id, 1, IngestFinished.class, WAIT).get(0);
        String reason = "Nothing was heard of this upload for 3 s: only 1 of " + chunks.size()
                + " chunks arrived; nothing of it is loaded: upload the file again";
        assertEquals(IngestState.FAILED, swept.state());
        assertEquals(reason, swept.error());
        assertEquals(0, swept.productsWritten());
        assertEquals(List.of("FAILED", reason), job(id));
        assertNull(staging(id));
        assertEquals(0, count("SELECT count(*) FROM products"));
    }

    @Test
    void aResultItsUploadStillWaitsForIsAnnouncedAgain() throws Exception {
        String id = UUID.randomUUID().toString();
        sql(upload(id, 74, "INGESTING", "now() - interval '1 hour'"),
                "INSERT INTO ingest_jobs (upload_id, upload_seq, bucket, object_key, state, rows_read, rows_loaded,"
                        + " products_written, chunks_total, chunks_done, finished_at) VALUES ('" + id
                        + "', 74, 'b', 'k', 'COMPLETED', 4, 4, 4, 1, 1, now() - interval '1 minute')");
        IngestFinished again = kafka.await(Topics.INGEST_FINISHED, id, 1, IngestFinished.class, WAIT).get(0);
        assertEquals(IngestState.COMPLETED, again.state());
        assertEquals(4, again.productsWritten());
        assertNull(again.error());
    }

    @Test
    void bookkeepingOfJobsEndedLongerThanTheRetentionAgoIsDeletedAndFailedStagingDroppedAfterItsOwn()
            throws Exception {
        String expired = UUID.randomUUID().toString();
        String kept = UUID.randomUUID().toString();
        String failedOld = UUID.randomUUID().toString();
        String failedRecent = UUID.randomUUID().toString();
        List<String> fixture = new ArrayList<>(List.of(endedJob(expired, "COMPLETED_WITH_ERRORS", "31 days"),
                endedJob(kept, "COMPLETED", "29 days"),
                endedJob(failedOld, "FAILED", "2 hours"), endedJob(failedRecent, "FAILED", "30 minutes"),
                "CREATE UNLOGGED TABLE " + table(failedOld) + " (record_number bigint)",
                "CREATE UNLOGGED TABLE " + table(failedRecent) + " (record_number bigint)",
                // owned by the service's role, as the staging tables it creates itself: only an owner may drop
                "ALTER TABLE " + table(failedOld) + " OWNER TO lfp_ingest",
                "ALTER TABLE " + table(failedRecent) + " OWNER TO lfp_ingest"));
        for (String id : List.of(expired, kept)) {
            fixture.addAll(List.of("INSERT INTO ingest_chunks (upload_id, chunk_index, state, rows_read, rows_loaded,"
                    + " rows_rejected, products_written, bytes, attempts) VALUES ('" + id + "', 0, 'DONE', 2, 1, 1, 0,"
                    + " 10, 1)",
                    "INSERT INTO ingest_merges (upload_id, bucket, products_written) VALUES ('" + id + "', 0, 1)",
                    "INSERT INTO rejected_rows VALUES ('" + id + "', 2, 3, 'Empty sku', 'x,,y')",
                    "INSERT INTO name_count_deltas VALUES ('" + id + "', 0, 'Ann', 1)"));
        }
        // in one transaction: a sweep between the jobs and their rows would purge a job before its rows exist
        Sql.inTransaction(c -> {
            for (String statement : fixture) {
                Sql.update(c, statement);
            }
            return null;
        });

        awaitCount("SELECT count(*) FROM ingest_jobs WHERE upload_id = '" + expired + "'", 0);
        for (String table : List.of("ingest_chunks", "ingest_merges", "rejected_rows", "name_count_deltas")) {
            assertEquals(0, count("SELECT count(*) FROM " + table + " WHERE upload_id = '" + expired + "'"), table);
            assertEquals(1, count("SELECT count(*) FROM " + table + " WHERE upload_id = '" + kept + "'"), table);
        }
        assertEquals(3, count("SELECT count(*) FROM ingest_jobs"), "the other jobs stay");

        awaitCount("SELECT count(*) FROM pg_tables WHERE tablename = '" + table(failedOld) + "'", 0);
        assertEquals(table(failedRecent), staging(failedRecent), "a failed job's staging is kept for its retention");
    }

    private static List<ChunkReady> unsealed(List<ChunkReady> chunks) {
        return chunks.stream().map(c -> new ChunkReady(c.version(), c.uploadId(), c.uploadSeq(), c.chunkIndex(), 0,
                c.bucket(), c.key(), c.rangeStart(), c.rangeEnd(), c.firstRecord(), c.firstLine(), c.records(), 0, 0,
                c.partSize())).toList();
    }

    private static String upload(String id, long seq, String status, String lastActivity) {
        return "INSERT INTO uploads VALUES ('" + id + "', " + seq + ", '" + status + "', " + lastActivity + ")";
    }

    private static String endedJob(String id, String state, String ago) {
        return "INSERT INTO ingest_jobs (upload_id, upload_seq, bucket, object_key, state, started_at, finished_at)"
                + " VALUES ('" + id + "', 1, 'b', 'k', '" + state + "', now() - interval '" + ago + "',"
                + " now() - interval '" + ago + "')";
    }

    private static String table(String id) {
        return "ingest_staging_" + id.replace("-", "");
    }

    /** The job's state and error. */
    private static List<String> job(String id) {
        Map<String, Object> row = Sql.row("SELECT state, error FROM ingest_jobs WHERE upload_id = ?::uuid", id);
        assertNotNull(row, "job " + id);
        return row.get("error") == null ? List.of((String) row.get("state"))
                : List.of((String) row.get("state"), (String) row.get("error"));
    }

    /** The upload's staging table if it exists (to_regclass), else null. */
    private static String staging(String id) {
        return (String) Sql.value("SELECT to_regclass('" + table(id) + "')::text");
    }

    private static long count(String query) {
        return Sql.number(query);
    }

    private static void awaitCount(String query, long expected) throws Exception {
        Instant deadline = Instant.now().plus(WAIT);
        while (count(query) != expected && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertEquals(expected, count(query), query);
    }
}
