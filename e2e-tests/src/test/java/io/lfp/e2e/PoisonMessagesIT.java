package io.lfp.e2e;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lfp.cli.stack.Infrastructure;
import io.lfp.events.Topics;
import io.lfp.localinfra.PoisonRecords;
import io.lfp.localinfra.PoisonRecords.DeadLetter;
import io.lfp.localinfra.PoisonRecords.Poison;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Poison on every topic of the pipeline, sent before a real upload as a broken or hostile producer would:
 * malformed JSON, an empty value, an unknown version, nonsense fields, and events naming an upload
 * upload-service never recorded. The upload still ends COMPLETED with exactly its products and counts, the
 * dashboard shows them, every service stays ready, and the dead-letter topics hold the poison.
 */
class PoisonMessagesIT {

    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration DEAD_LETTER_WAIT = Duration.ofSeconds(90);

    private static RunningStack system;

    @BeforeAll
    static void startStack() {
        system = RunningStack.start("poison-messages", 1, Map.of());
    }

    @AfterAll
    static void stopStack() {
        if (system != null) {
            system.close();
        }
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
                        + "\"bytesTotal\":40,\"recordsTotal\":1,\"partSize\":0}"), "unknown-upload")));

        Path sample = system.repoRoot.resolve("examples/products-sample.csv");
        String id = system.upload(Files.readAllBytes(sample), "products-sample.csv");
        JsonPath upload = system.awaitJobAndCounts(id, JOB_TIMEOUT);
        assertEquals("COMPLETED", upload.getString("status"));
        assertEquals(499L, upload.getLong("rowsRead"));
        assertEquals(499L, upload.getLong("rowsLoaded"));
        assertEquals(0L, upload.getLong("rowsRejected"));

        ExpectedProducts expected = new ExpectedProducts();
        expected.apply(Files.readString(sample, StandardCharsets.UTF_8));
        assertEquals(expected.products(), system.products(), "products rows");
        assertEquals(expected.countsByName(), system.productCounts(), "product_counts rows");
        JsonPath summary = awaitSummary(expected.products().size(), expected.countsByName().size());
        assertEquals(expected.products().size(), summary.getLong("products"));
        assertEquals(expected.countsByName().size(), summary.getLong("names"));
        assertEquals(1L, summary.getLong("uploads"), "the poison created no upload");

        for (String url : readinessUrls()) {
            RunningStack.anonymous().get(url).then().statusCode(200).body("status", equalTo("UP"));
        }

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
        assertEquals(0L, countJobs(stranger), "a chunk of an unrecorded upload starts no job");
    }

    private static List<String> readinessUrls() {
        List<String> urls = new ArrayList<>();
        urls.add(RunningStack.healthUrl(system.settings.dashboardPort()));
        urls.add(RunningStack.healthUrl(system.settings.uploadPort()));
        urls.add(RunningStack.healthUrl(system.settings.aggregatePort()));
        for (int i = 0; i < system.settings.workers(); i++) {
            urls.add(RunningStack.healthUrl(system.settings.workerPorts().get(i)));
        }
        return urls;
    }

    private static long countJobs(String uploadId) throws Exception {
        try (var db = system.connect();
                var sql = db.prepareStatement("SELECT count(*) FROM ingest_jobs WHERE upload_id = ?::uuid")) {
            sql.setString(1, uploadId);
            try (var result = sql.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static JsonPath awaitSummary(long products, long names) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(15);
        JsonPath summary;
        do {
            summary = system.asAdmin().get(system.settings.dashboardUrl() + "/api/summary").then().statusCode(200)
                    .extract().jsonPath();
            if (summary.getLong("products") == products && summary.getLong("names") == names) {
                return summary;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return summary;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
