package io.lfp.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalSecrets;
import io.lfp.localinfra.PoisonRecords;
import io.lfp.localinfra.PoisonRecords.DeadLetter;
import io.lfp.localinfra.PoisonRecords.Poison;

/**
 * The checks every service's poison test makes on each topic it reads: malformed JSON, an empty value, an unknown
 * version and nonsense fields ({@link PoisonRecords#of}) each land on the topic's dead-letter topic with its
 * reason and the original bytes, and each is counted in {@code lfp_messages_dead_lettered_total}.
 */
public final class PoisonMessages {

    /** How long a dead letter may take to appear. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * What a service says of one topic's poison.
     *
     * @param versions the versions it reads, as its "Unknown … version 99" reason names them ("v1 to v3")
     * @param nonsenseReason the reason it gives for the schema-valid event with nonsense fields
     */
    public record Expected(String versions, String nonsenseReason) {
    }

    private PoisonMessages() {
    }

    /**
     * Sends the four poison records to each topic and asserts their dead letters; then asserts the counter moved
     * by exactly those records on each channel (named like its topic). Reads the metrics on the management port.
     */
    public static void assertDeadLetteredAndCounted(Map<String, Expected> byTopic) {
        String before = Management.metrics();
        byTopic.forEach(PoisonMessages::assertDeadLettered);
        String after = Management.metrics();
        byTopic.keySet().forEach(topic -> assertCounted(before, after, topic));
    }

    /** Sends the four poison records to {@code topic} and asserts each one's dead letter. */
    public static void assertDeadLettered(String topic, Expected expected) {
        Map<String, Object> admin = LocalInfraTestResource.infra().kafkaClientProperties(LocalSecrets.KAFKA_ADMIN);
        String keys = "poison-" + UUID.randomUUID() + "-";
        List<Poison> poison = PoisonRecords.of(topic, LocalInfraTestResource.infra().bucket());
        PoisonRecords.send(admin, topic, keys, poison);
        Map<String, DeadLetter> dead = PoisonRecords.awaitDeadLetters(admin, topic, keys, poison.size(), WAIT);
        String unreadable = "Not a readable " + topic + " event (malformed JSON or an empty value)";
        assertEquals(unreadable, dead.get(keys + 0).reason());
        assertEquals("{\"version\":2,\"uploadId\":", new String(dead.get(keys + 0).value(), StandardCharsets.UTF_8),
                "the original bytes are kept");
        assertEquals(unreadable, dead.get(keys + 1).reason());
        assertEquals("Unknown " + topic + " version 99 (this consumer reads " + expected.versions() + ")",
                dead.get(keys + 2).reason());
        assertEquals(expected.nonsenseReason(), dead.get(keys + 3).reason());
        for (DeadLetter letter : dead.values()) {
            assertEquals(topic, letter.headers().get("dead-letter-topic"), "the topic it came from");
        }
    }

    /**
     * Between the two Prometheus texts, {@code channel} dead-lettered exactly the four poison records: two
     * unreadable, one of an unknown version, one invalid (not allowed, for ingest-requested).
     */
    public static void assertCounted(String before, String after, String channel) {
        String invalid = channel.equals(Topics.INGEST_REQUESTED) ? "not-allowed" : "invalid";
        assertEquals(2.0, delta(before, after, channel, "unreadable"), channel);
        assertEquals(1.0, delta(before, after, channel, "unknown-version"), channel);
        assertEquals(1.0, delta(before, after, channel, invalid), channel);
    }

    /** How much {@code lfp_messages_dead_lettered_total{channel,reason}} grew between the two texts. */
    public static double delta(String before, String after, String channel, String reason) {
        return PoisonRecords.deadLettered(after, channel, reason) - PoisonRecords.deadLettered(before, channel, reason);
    }
}
