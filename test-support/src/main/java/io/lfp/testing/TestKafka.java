package io.lfp.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Predicate;

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

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalSecrets;

/**
 * The tests' Kafka client, as another service or system would use one: publishes events as JSON (or raw bytes)
 * and reads topics from the beginning, logged in with the local broker's SCRAM credentials (the admin's by
 * default: tests read and write every topic). It holds no connection: each call opens and closes its own clients.
 */
public final class TestKafka {

    /** How long the waits without an explicit timeout wait. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private final ObjectMapper json;
    private final String principal;

    /** As the admin, with JSON written like the services write it (ISO-8601 instants). */
    public TestKafka() {
        this(json(), LocalSecrets.KAFKA_ADMIN);
    }

    /** As the admin, with this mapper (e.g. the application's injected one). */
    public TestKafka(ObjectMapper json) {
        this(json, LocalSecrets.KAFKA_ADMIN);
    }

    /** As {@code principal}: a service name, {@link LocalSecrets#EXTERNAL_PRODUCER} or the admin. */
    public TestKafka(ObjectMapper json, String principal) {
        this.json = json;
        this.principal = principal;
    }

    /** A mapper configured like the services': Java time types, instants as ISO-8601 text. */
    public static ObjectMapper json() {
        return new ObjectMapper().findAndRegisterModules().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** The client properties of this principal on the test broker, and {@code more}. */
    public Map<String, Object> clientProperties(Map<String, ?> more) {
        return LocalInfraTestResource.infra().kafkaClientProperties(principal, more);
    }

    /** Publishes {@code payload} as JSON and waits for the acknowledgement. */
    public void send(String topic, String key, Object payload) {
        sendBytes(topic, key, toJson(payload));
    }

    /** Publishes a text value as it is (e.g. JSON written by hand, or something that is not JSON). */
    public void sendRaw(String topic, String key, String text) {
        sendBytes(topic, key, text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Publishes a value as these bytes ({@code key} may be null). */
    public void sendBytes(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            await(producer.send(new ProducerRecord<>(topic, key, value)));
        }
    }

    /** Publishes all payloads as JSON through one producer, in this order, and waits for every acknowledgement. */
    public void sendAll(String topic, List<Map.Entry<String, Object>> keyed) {
        try (KafkaProducer<String, byte[]> producer = producer()) {
            List<Future<?>> sent = new ArrayList<>();
            for (Map.Entry<String, Object> e : keyed) {
                sent.add(producer.send(new ProducerRecord<>(topic, e.getKey(), toJson(e.getValue()))));
            }
            sent.forEach(TestKafka::await);
        }
    }

    /** Waits until {@code count} records with this key are on the topic; returns their payloads in order. */
    public <T> List<T> await(String topic, String key, int count, Class<T> type, Duration timeout) {
        List<T> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(true)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (found.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Only " + found.size() + " of " + count + " records with key " + key
                            + " on " + topic + " within " + timeout);
                }
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(r.key())) {
                        found.add(fromJson(r.value(), type));
                    }
                }
            }
        }
        return found;
    }

    /** The first record with this key on the topic, read from the beginning; fails after {@code timeout}. */
    public ConsumerRecord<String, String> awaitRecord(String topic, String key, Duration timeout) {
        try (KafkaConsumer<String, String> consumer = consumer(true)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(r.key())) {
                        return r;
                    }
                }
            }
        }
        throw new AssertionError("no record with key " + key + " on " + topic + " within " + timeout);
    }

    /**
     * Reads the topic from the beginning until {@code count} records whose key starts with {@code keyPrefix}
     * showed up, then a second more so that duplicates, if any, are among the returned records.
     */
    public List<ConsumerRecord<String, String>> awaitRecords(String topic, String keyPrefix, int count,
            Duration timeout) {
        Predicate<ConsumerRecord<String, String>> matches = r -> r.key() != null && r.key().startsWith(keyPrefix);
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer(true)) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline && found.size() < count) {
                consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                    if (matches.test(r)) {
                        found.add(r);
                    }
                });
            }
            consumer.poll(Duration.ofSeconds(1)).forEach(r -> {
                if (matches.test(r)) {
                    found.add(r);
                }
            });
        }
        if (found.size() < count) {
            throw new AssertionError("only " + found.size() + " of " + count + " records with key " + keyPrefix
                    + "* on " + topic + " within " + timeout);
        }
        return found;
    }

    /**
     * Every record with this key on the topic right now (read from the beginning to the end offsets), in order;
     * {@code String.class} gives the raw JSON text.
     */
    public <T> List<T> allWithKey(String topic, String key, Class<T> type) {
        try (TopicReader reader = reader(topic)) {
            return reader.readToEnd().stream().filter(r -> key.equals(r.key()))
                    .map(r -> type == String.class ? type.cast(r.value()) : fromJson(r.value(), type)).toList();
        }
    }

    /** A reader of the whole topic from its beginning, which keeps what it received; close it. */
    public TopicReader reader(String topic) {
        return new TopicReader(this, consumer(false), topic);
    }

    /** Reads the payload of a record. */
    public <T> T fromJson(String value, Class<T> type) {
        try {
            return json.readValue(value, type);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not a " + type.getSimpleName() + ": " + value, e);
        }
    }

    private byte[] toJson(Object payload) {
        try {
            return json.writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(clientProperties(Map.of(ProducerConfig.ACKS_CONFIG, "all")),
                new StringSerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<String, String> consumer(boolean fromEarliest) {
        return new KafkaConsumer<>(clientProperties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromEarliest ? "earliest" : "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false")), new StringDeserializer(), new StringDeserializer());
    }

    private static void await(Future<?> sent) {
        try {
            sent.get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge a test record", e);
        }
    }

    /** One topic, every partition, from the beginning: what a new consumer sees, kept in arrival order. */
    public static final class TopicReader implements AutoCloseable {

        private final TestKafka kafka;
        private final KafkaConsumer<String, String> consumer;
        private final String topic;
        private final List<ConsumerRecord<String, String>> received = new ArrayList<>();

        private TopicReader(TestKafka kafka, KafkaConsumer<String, String> consumer, String topic) {
            this.kafka = kafka;
            this.consumer = consumer;
            this.topic = topic;
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }

        /** Polls until every record on the topic when called has been received; returns all received so far. */
        public List<ConsumerRecord<String, String>> readToEnd() {
            Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end within 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            return List.copyOf(received);
        }

        /** Polls once for {@code wait} and returns all received so far. */
        public List<ConsumerRecord<String, String>> poll(Duration wait) {
            consumer.poll(wait).forEach(received::add);
            return List.copyOf(received);
        }

        /**
         * Waits for the n-th (1-based) record that {@code matches} and reads its JSON as {@code type}; fails after
         * {@code timeout} naming {@code what}.
         */
        public <T> T awaitNth(Predicate<ConsumerRecord<String, String>> matches, int nth, Class<T> type,
                Duration timeout, String what) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (System.nanoTime() < deadline) {
                List<ConsumerRecord<String, String>> matching = received.stream().filter(matches).toList();
                if (matching.size() >= nth) {
                    return kafka.fromJson(matching.get(nth - 1).value(), type);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
            throw new AssertionError("no " + what + " #" + nth + " on " + topic + " within " + timeout);
        }

        @Override
        public void close() {
            consumer.close();
        }
    }
}
