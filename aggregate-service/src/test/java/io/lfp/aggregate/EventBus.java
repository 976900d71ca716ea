package io.lfp.aggregate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.lfp.events.AggregatesChanged;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestState;
import io.lfp.events.ProductChanged;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalInfrastructure;
import io.lfp.localinfra.LocalSecrets;

/**
 * Plain Kafka clients, as another service would use them: publishes IngestFinished (and ProductChanged) as JSON and
 * collects every AggregatesChanged from the beginning of the topic.
 */
public final class EventBus implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, byte[]> producer;
    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

    public EventBus() {
        LocalInfrastructure infra = LocalInfraTestResource.infra();
        producer = new KafkaProducer<>(infra.kafkaClientProperties(LocalSecrets.KAFKA_ADMIN, Map.of(
                ProducerConfig.ACKS_CONFIG, "all")), new StringSerializer(), new ByteArraySerializer());
        consumer = new KafkaConsumer<>(infra.kafkaClientProperties(LocalSecrets.KAFKA_ADMIN, Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "aggregate-test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.AGGREGATES_CHANGED).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    public static IngestFinished finished(String uploadId, IngestState state) {
        Instant now = Instant.now();
        return new IngestFinished(IngestFinished.VERSION, uploadId, state, 10, 9, 1, 9, now.minusSeconds(5), now,
                state == IngestState.FAILED ? "S3 read failed" : null);
    }

    public void publish(IngestFinished event) throws Exception {
        publishRaw(event.uploadId(), JSON.writeValueAsBytes(event));
    }

    public void publishRaw(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.INGEST_FINISHED, key, value)).get();
    }

    /** Waits for the n-th (1-based) AggregatesChanged keyed {@code uploadId}. */
    public AggregatesChanged awaitAggregatesChanged(String uploadId, int nth) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<ConsumerRecord<String, String>> matching = received.stream()
                    .filter(r -> uploadId.equals(r.key())).toList();
            if (matching.size() >= nth) {
                return JSON.readValue(matching.get(nth - 1).value().getBytes(StandardCharsets.UTF_8),
                        AggregatesChanged.class);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        }
        throw new AssertionError("no AggregatesChanged #" + nth + " for upload " + uploadId + " within 60 s");
    }

    public void publish(ProductChanged event) throws Exception {
        producer.send(new ProducerRecord<>(Topics.PRODUCT_CHANGED, event.sku(), JSON.writeValueAsBytes(event))).get();
    }

    public void publishRawProductChanged(String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.PRODUCT_CHANGED, key, value)).get();
    }

    /** Number of AggregatesChanged without a key (caused by single-product edits) on the topic right now. */
    public int countUnkeyed() {
        readToEnd();
        return (int) received.stream().filter(r -> r.key() == null).count();
    }

    /** Waits for the n-th (1-based) AggregatesChanged without a key, i.e. caused by a single-product edit. */
    public AggregatesChanged awaitUnkeyed(int nth) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<ConsumerRecord<String, String>> matching = received.stream().filter(r -> r.key() == null).toList();
            if (matching.size() >= nth) {
                return JSON.readValue(matching.get(nth - 1).value().getBytes(StandardCharsets.UTF_8),
                        AggregatesChanged.class);
            }
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        }
        throw new AssertionError("no unkeyed AggregatesChanged #" + nth + " within 60 s");
    }

    /** Polls until every record on the topic when called has been received. */
    private void readToEnd() {
        Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("could not read " + Topics.AGGREGATES_CHANGED + " to its end within 30 s");
            }
            consumer.poll(Duration.ofMillis(200)).forEach(received::add);
        }
    }

    /** Number of AggregatesChanged keyed {@code uploadId} seen so far, after polling what is there. */
    public long countAggregatesChanged(String uploadId) {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
        return received.stream().filter(r -> uploadId.equals(r.key())).count();
    }

    @Override
    public void close() {
        producer.close();
        consumer.close();
    }
}
