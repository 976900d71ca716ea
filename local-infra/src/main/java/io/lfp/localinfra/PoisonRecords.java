package io.lfp.localinfra;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.lfp.events.Topics;

/**
 * For tests: the four kinds of poison record every consumer must survive, sent with plain Kafka clients as a
 * broken or hostile producer would, and what a topic's dead-letter topic holds afterwards.
 */
public final class PoisonRecords {

    /** One poison record: its kind, its bytes, and the reason code it must be dead-lettered with. */
    public record Poison(String kind, byte[] value, String reason) {
    }

    /** A record read back from a dead-letter topic; of repeated headers, the first. */
    public record DeadLetter(String key, byte[] value, Map<String, String> headers) {

        public String reason() {
            return headers.get("dead-letter-reason");
        }
    }

    private PoisonRecords() {
    }

    /**
     * Malformed JSON, an empty value, an unknown version, and a schema-valid event with nonsense fields for
     * {@code topic}; {@code bucket} is the configured bucket (so that the nonsense is in the fields, not the
     * bucket). The reason codes are {@code io.lfp.events.DeadLetterException}'s.
     */
    public static List<Poison> of(String topic, String bucket) {
        List<Poison> poison = new ArrayList<>();
        poison.add(new Poison("malformed JSON", utf8("{\"version\":2,\"uploadId\":"), "unreadable"));
        poison.add(new Poison("empty value", new byte[0], "unreadable"));
        poison.add(new Poison("unknown version", utf8("{\"version\":99,\"uploadId\":\"" + UUID.randomUUID()
                + "\"}"), "unknown-version"));
        poison.add(new Poison("nonsense fields", utf8(nonsense(topic, bucket)), nonsenseReason(topic)));
        return poison;
    }

    private static String nonsense(String topic, String bucket) {
        String id = UUID.randomUUID().toString();
        return switch (topic) {
            case Topics.INGEST_REQUESTED -> "{\"version\":1,\"bucket\":\"" + bucket
                    + "\",\"key\":\"uploads/someone-else/products.csv\",\"filename\":null}";
            case Topics.FILE_UPLOADED -> "{\"version\":2,\"uploadId\":\"not-a-uuid\",\"uploadSeq\":-7,\"bucket\":\""
                    + bucket + "\",\"key\":\"k\",\"filename\":\"f.csv\",\"sizeBytes\":-1,"
                    + "\"uploadedAt\":\"2026-11-24T03:10:00Z\",\"chunksTotal\":-3,\"recordsTotal\":-1}";
            case Topics.UPLOAD_ABORTED -> "{\"version\":1,\"uploadId\":\"not-a-uuid\",\"reason\":\"x\","
                    + "\"abortedAt\":\"2026-11-24T03:10:00Z\"}";
            case Topics.INGEST_CHUNKS -> "{\"version\":2,\"uploadId\":\"" + id + "\",\"uploadSeq\":1,\"chunkIndex\":-5,"
                    + "\"chunksTotal\":2,\"bucket\":\"" + bucket + "\",\"key\":\"k\",\"rangeStart\":100,\"rangeEnd\":10,"
                    + "\"firstRecord\":1,\"firstLine\":2,\"records\":1,\"bytesTotal\":0,\"recordsTotal\":0,\"partSize\":0}";
            case Topics.INGEST_PROGRESS -> "{\"version\":2,\"uploadId\":\"not-a-uuid\",\"state\":\"INGESTING\","
                    + "\"bytesRead\":-1,\"bytesTotal\":0,\"rowsRead\":-1,\"rowsLoaded\":0,\"rowsRejected\":0,"
                    + "\"productsWritten\":0,\"startedAt\":null,\"at\":null,\"chunksTotal\":0,\"chunksDone\":0,"
                    + "\"chunksFailed\":0,\"recordsTotal\":0}";
            case Topics.INGEST_FINISHED -> "{\"version\":2,\"uploadId\":\"" + id + "\",\"state\":\"INGESTING\","
                    + "\"rowsRead\":-1,\"rowsLoaded\":0,\"rowsRejected\":0,\"productsWritten\":0,\"startedAt\":null,"
                    + "\"finishedAt\":null,\"error\":null,\"chunksTotal\":0,\"chunksFailed\":0}";
            case Topics.AGGREGATES_CHANGED -> "{\"version\":1,\"uploadId\":\"not-a-uuid\",\"products\":-1,\"names\":5,"
                    + "\"changedAt\":\"2026-11-24T03:10:00Z\"}";
            case Topics.PRODUCT_CHANGED -> "{\"version\":2,\"sku\":\"sku-1\",\"change\":\"EXPLODED\",\"oldName\":\"a\","
                    + "\"newName\":\"b\",\"changedAt\":\"2026-11-24T03:10:00Z\",\"editId\":7}";
            case Topics.INGEST_RETRY_REQUESTED -> "{\"version\":1,\"uploadId\":\"not-a-uuid\",\"retry\":0,"
                    + "\"requestedAt\":\"2026-11-24T03:10:00Z\"}";
            default -> throw new IllegalArgumentException("No poison defined for " + topic);
        };
    }

    private static String nonsenseReason(String topic) {
        return Topics.INGEST_REQUESTED.equals(topic) ? "not-allowed" : "invalid";
    }

    /**
     * Sends each record with key {@code keyPrefix + index}; returns once Kafka acknowledged them all.
     * {@code kafka}: the client properties of a principal allowed to write {@code topic}
     * ({@code LocalInfrastructure.kafkaClientProperties}, e.g. the admin's).
     */
    public static void send(Map<String, Object> kafka, String topic, String keyPrefix, List<Poison> poison) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config,
                new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < poison.size(); i++) {
                producer.send(new ProducerRecord<>(topic, keyPrefix + i, poison.get(i).value())).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Could not send poison to " + topic, e);
        }
    }

    /**
     * Waits until {@code Topics.deadLetter(topic)} holds {@code count} records keyed with {@code keyPrefix}
     * (as {@link #send} keyed them), then returns them by key; fails after {@code timeout}. The records of
     * other keys (other tests) are ignored. {@code kafka}: the client properties of a principal allowed to read
     * the dead-letter topic (the admin's: no service reads them).
     */
    public static Map<String, DeadLetter> awaitDeadLetters(Map<String, Object> kafka, String topic, String keyPrefix,
            int count, Duration timeout) {
        String dlq = Topics.deadLetter(topic);
        Map<String, DeadLetter> found = new LinkedHashMap<>();
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "poison-check-" + UUID.randomUUID());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            long deadline = System.nanoTime() + timeout.toNanos();
            List<TopicPartition> partitions = List.of();
            while (partitions.isEmpty() && System.nanoTime() < deadline) {
                partitions = consumer.partitionsFor(dlq).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (found.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.key() != null && r.key().startsWith(keyPrefix)) {
                        Map<String, String> headers = new LinkedHashMap<>();
                        for (Header h : r.headers()) {
                            // the first is the dead-letter queue's; a record that could not be read also
                            // carries the deserializer's own dead-letter-reason after it
                            headers.putIfAbsent(h.key(), h.value() == null ? null
                                    : new String(h.value(), StandardCharsets.UTF_8));
                        }
                        found.put(r.key(), new DeadLetter(r.key(), r.value(), headers));
                    }
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError(dlq + " holds " + found.size() + " of the " + count + " records keyed "
                    + keyPrefix + "* within " + timeout + ": " + found.keySet());
        }
        return found;
    }

    /**
     * The value of {@code lfp_messages_dead_lettered_total{channel,reason}} in a service's Prometheus text
     * ({@code /q/metrics}); 0 when the counter does not exist yet.
     */
    public static double deadLettered(String prometheusText, String channel, String reason) {
        String prefix = "lfp_messages_dead_lettered_total{channel=\"" + channel + "\",reason=\"" + reason + "\"";
        return prometheusText.lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
