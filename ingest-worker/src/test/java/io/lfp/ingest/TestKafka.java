package io.lfp.ingest;

import io.lfp.events.ChunkReady;
import io.lfp.events.Topics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalSecrets;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Plain Kafka clients for the tests: publish JSON, read a topic from the beginning. */
final class TestKafka {

    private final ObjectMapper json;

    TestKafka(ObjectMapper json) {
        this.json = json;
    }

    void send(String topic, String key, Object payload) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, key, json.writeValueAsString(payload))).get();
        }
    }

    /** Publishes all payloads through one producer, in this order, and waits for every acknowledgement. */
    void sendAll(String topic, List<Map.Entry<String, Object>> keyed) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (Map.Entry<String, Object> e : keyed) {
                sent.add(producer.send(new ProducerRecord<>(topic, e.getKey(), json.writeValueAsString(e.getValue()))));
            }
            for (var f : sent) {
                f.get();
            }
        }
    }

    /** Publishes chunks on ingest-chunks, keyed as upload-service keys them, in this order. */
    void publishChunks(List<ChunkReady> chunks) throws Exception {
        List<Map.Entry<String, Object>> keyed = new ArrayList<>();
        for (ChunkReady c : chunks) {
            keyed.add(Map.entry(c.kafkaKey(), c));
        }
        sendAll(Topics.INGEST_CHUNKS, keyed);
    }

    /** Publishes a raw text record (e.g. one that is not JSON). */
    void sendRaw(String topic, String key, String text) throws Exception {
        try (KafkaProducer<String, String> producer = producer()) {
            producer.send(new ProducerRecord<>(topic, key, text)).get();
        }
    }

    /** The local broker's admin login and {@code more}: test clients read and write every topic. */
    private static Map<String, Object> asAdmin(Map<String, ?> more) {
        return LocalInfraTestResource.infra().kafkaClientProperties(LocalSecrets.KAFKA_ADMIN, more);
    }

    private static KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(asAdmin(Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName())));
    }

    /** Waits until {@code count} records with this key are on the topic; returns their payloads in order. */
    <T> List<T> await(String topic, String key, int count, Class<T> type, Duration timeout) throws Exception {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(asAdmin(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())))) {
            consumer.subscribe(List.of(topic));
            List<T> found = new ArrayList<>();
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Only " + found.size() + " of " + count + " records with key " + key
                            + " on " + topic + " within " + timeout);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(json.readValue(r.value(), type));
                    }
                }
            }
            return found;
        }
    }

    /**
     * Every record with this key on the topic right now (read from the beginning to the end offsets), in order;
     * {@code String.class} gives the raw JSON text.
     */
    <T> List<T> allWithKey(String topic, String key, Class<T> type) throws Exception {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(asAdmin(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName())))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<T> found = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " to its end within 30 s");
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(type == String.class ? type.cast(r.value()) : json.readValue(r.value(), type));
                    }
                }
            }
            return found;
        }
    }
}
