package io.lfp.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lfp.cli.stack.Infrastructure;
import io.lfp.events.Topics;
import io.lfp.localinfra.PoisonRecords;
import io.lfp.localinfra.PoisonRecords.DeadLetter;
import io.lfp.localinfra.PoisonRecords.Poison;
import io.restassured.path.json.JsonPath;

/**
 * Poison on every topic of the pipeline, sent before a real upload as a broken or hostile producer would:
 * malformed JSON, an empty value, an unknown version, nonsense fields, and events naming an upload
 * upload-service never recorded. The upload still ends COMPLETED with exactly its products and counts, the
 * dashboard shows them, every service stays ready, and the dead-letter topics hold the poison.
 */
class PoisonMessagesIT {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DEAD_LETTER_WAIT = Duration.ofSeconds(90);

    @AutoClose
    private static RunningStack system;

    @BeforeAll
    static void startStack() {
        system = RunningStack.start("poison-messages", 1, Map.of());
    }

    @Test
    void poisonOnEveryTopicLeavesTheNextUploadExactAndIsDeadLettered() throws Exception {
        Map<String, Object> bootstrap = system.kafka("admin");
        Map<String, String> keysByTopic = new LinkedHashMap<>();
        for (String topic : Topics.ALL) {
            String keys = "poison-" + UUID.randomUUID() + "-";
            PoisonRecords.send(bootstrap, topic, keys, PoisonRecords.of(topic, Infrastructure.S3_BUCKET));
            keysByTopic.put(topic, keys);
        }
        // schema-valid events naming an upload upload-service never recorded
        String stranger = UUID.randomUUID().toString();
        String strangerKeys = "stranger-" + UUID.randomUUID() + "-";
        PoisonRecords.send(bootstrap, Topics.INGEST_CHUNKS, strangerKeys, List.of(new Poison("unknown upload",
                utf8("{\"version\":2,\"uploadId\":\"" + stranger + "\",\"uploadSeq\":1,\"chunkIndex\":0,\"chunksTotal\":1,"
                        + "\"bucket\":\"" + Infrastructure.S3_BUCKET + "\",\"key\":\"uploads/" + stranger + "/x.csv\","
                        + "\"rangeStart\":22,\"rangeEnd\":40,\"firstRecord\":1,\"firstLine\":2,\"records\":1,"
                        + "\"bytesTotal\":40,\"recordsTotal\":1,\"partSize\":0}"),
                "unknown-upload")));

        String id = system.uploadSample();
        JsonPath upload = system.assertJobEnds(id, "COMPLETED", JOB_TIMEOUT);
        assertEquals(499L, upload.getLong("rowsRead"));
        assertEquals(499L, upload.getLong("rowsLoaded"));
        assertEquals(0L, upload.getLong("rowsRejected"));

        ExpectedProducts expected = new ExpectedProducts().applySample();
        system.assertTablesMatch(expected);
        JsonPath summary = system.awaitDashboardSummary(expected.products().size(), expected.countsByName().size(),
                RunningStack.DASHBOARD_CATCH_UP);
        assertEquals(expected.products().size(), summary.getLong("products"));
        assertEquals(expected.countsByName().size(), summary.getLong("names"));
        assertEquals(1L, summary.getLong("uploads"), "the poison created no upload");

        system.assertEveryServiceReady();

        for (Map.Entry<String, String> e : keysByTopic.entrySet()) {
            String topic = e.getKey();
            String keys = e.getValue();
            Map<String, DeadLetter> dead = PoisonRecords.awaitDeadLetters(bootstrap, topic, keys, 4, DEAD_LETTER_WAIT);
            String unreadable = "Not a readable " + topic + " event (malformed JSON or an empty value)";
            assertEquals(unreadable, dead.get(keys + 0).reason(), topic);
            assertEquals("{\"version\":2,\"uploadId\":", new String(dead.get(keys + 0).value(), StandardCharsets.UTF_8),
                    topic);
            assertEquals(unreadable, dead.get(keys + 1).reason(), topic);
            assertTrue(dead.get(keys + 2).reason().startsWith("Unknown " + topic + " version 99 "),
                    topic + ": " + dead.get(keys + 2).reason());
            assertTrue(dead.get(keys + 3).reason().startsWith(topic + ": "), topic + ": " + dead.get(keys + 3).reason());
            for (DeadLetter d : dead.values()) {
                assertEquals(topic, d.headers().get("dead-letter-topic"));
            }
        }
        Map<String, DeadLetter> strangers = PoisonRecords.awaitDeadLetters(bootstrap, Topics.INGEST_CHUNKS,
                strangerKeys, 1, DEAD_LETTER_WAIT);
        assertEquals("ingest-chunks: upload-service never recorded this upload", strangers.get(strangerKeys + 0).reason());
        assertEquals(0L, system.queryLong("SELECT count(*) FROM ingest_jobs WHERE upload_id = ?::uuid", stranger),
                "a chunk of an unrecorded upload starts no job");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
