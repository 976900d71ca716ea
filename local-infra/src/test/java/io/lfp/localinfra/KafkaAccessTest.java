package io.lfp.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lfp.events.Topics;

/** The local broker refuses whoever has no login, and lets each principal write and read only its topics. */
class KafkaAccessTest {

    @AutoClose
    private static LocalInfrastructure infra;

    @BeforeAll
    static void start() {
        infra = new LocalInfrastructure(LocalInfraSettings.defaults()).start();
    }

    @Test
    void aProducerWithoutCredentialsNeverGetsInTheRecordIsNotWritten() {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafkaBootstrap());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 3000);
        try (KafkaProducer<String, String> producer = producer(config)) {
            // the broker drops a connection that does not start with SASL: the client never learns the topic
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(Topics.INGEST_REQUESTED, "k", "{}")).get());
            assertInstanceOf(TimeoutException.class, e.getCause());
            assertEquals("Topic ingest-requested not present in metadata after 3000 ms.", e.getCause().getMessage());
        }
        assertEquals(0, endOffsets(Topics.INGEST_REQUESTED), "nothing reached ingest-requested");
    }

    @Test
    void aWrongPasswordIsRefusedWithAnAuthenticationError() {
        Map<String, Object> config = LocalInfrastructure.kafkaClientProperties(infra.kafkaBootstrap(),
                LocalSecrets.EXTERNAL_PRODUCER, "not-the-password");
        try (KafkaProducer<String, String> producer = producer(config)) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(Topics.INGEST_REQUESTED, "k", "{}")).get());
            assertInstanceOf(SaslAuthenticationException.class, e.getCause());
            assertEquals("Authentication failed during authentication due to invalid credentials with SASL mechanism"
                    + " SCRAM-SHA-512", e.getCause().getMessage());
        }
    }

    @Test
    void theExternalProducerMayWriteIngestRequestedOnly() throws Exception {
        try (KafkaProducer<String, String> producer = producer(infra.kafkaClientProperties(LocalSecrets.EXTERNAL_PRODUCER))) {
            RecordMetadata sent = producer.send(new ProducerRecord<>(Topics.INGEST_REQUESTED,
                    "lfp-uploads/incoming/products.csv", "{}")).get();
            assertEquals(Topics.INGEST_REQUESTED, sent.topic());
        }
        try (KafkaProducer<String, String> producer = producer(infra.kafkaClientProperties(LocalSecrets.EXTERNAL_PRODUCER))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(Topics.INGEST_CHUNKS, "forged:0", "{}")).get());
            assertInstanceOf(TopicAuthorizationException.class, e.getCause());
            assertEquals("Not authorized to access topics: [ingest-chunks]", e.getCause().getMessage());
        }
    }

    @Test
    void aServiceCannotWriteWhatItDoesNotProduceNorReadWhatItDoesNotConsume() {
        try (KafkaProducer<String, String> producer = producer(infra.kafkaClientProperties("dashboard-service"))) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> producer.send(new ProducerRecord<>(Topics.INGEST_CHUNKS, "forged:0", "{}")).get());
            assertEquals("Not authorized to access topics: [ingest-chunks]", e.getCause().getMessage());
        }
        try (KafkaConsumer<String, String> consumer = consumer("aggregate-service", "aggregate-service")) {
            consumer.assign(List.of(new TopicPartition(Topics.INGEST_CHUNKS, 0)));
            TopicAuthorizationException e = assertThrows(TopicAuthorizationException.class,
                    () -> consumer.poll(Duration.ofSeconds(5)));
            assertEquals("Not authorized to access topics: [ingest-chunks]", e.getMessage());
        }
    }

    @Test
    void aServiceReadsOnlyWithItsOwnConsumerGroup() {
        try (KafkaConsumer<String, String> consumer = consumer("dashboard-service", "upload-service")) {
            consumer.assign(List.of(new TopicPartition(Topics.INGEST_FINISHED, 0)));
            GroupAuthorizationException e = assertThrows(GroupAuthorizationException.class,
                    () -> consumer.poll(Duration.ofSeconds(5)));
            assertEquals("Not authorized to access group: upload-service", e.getMessage());
        }
    }

    /** Every principal × every topic and dead-letter topic: a write succeeds exactly where the table allows it. */
    @Test
    void eachPrincipalWritesExactlyTheTopicsOfTheTable() {
        Map<String, List<String>> expected = new TreeMap<>();
        Map<String, List<String>> actual = new TreeMap<>();
        for (String principal : KafkaAccessRules.principals()) {
            expected.put(principal, Topics.withDeadLetters(Topics.ALL).stream()
                    .filter(KafkaAccessRules.TABLE.get(principal).writes()::contains).sorted().toList());
            List<String> written = new ArrayList<>();
            for (String topic : Topics.withDeadLetters(Topics.ALL)) {
                // one producer per topic: a refused topic fails the producer's later sends too
                try (KafkaProducer<String, String> producer = producer(infra.kafkaClientProperties(principal))) {
                    producer.send(new ProducerRecord<>(topic, "access-test", "{}")).get();
                    written.add(topic);
                } catch (ExecutionException e) {
                    assertInstanceOf(TopicAuthorizationException.class, e.getCause(), principal + " -> " + topic);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
            actual.put(principal, written.stream().sorted().toList());
        }
        assertEquals(expected, actual);
    }

    /** Every principal × every topic: a read (with its own group) succeeds exactly where the table allows it. */
    @Test
    void eachPrincipalReadsExactlyTheTopicsOfTheTable() throws Exception {
        // a record in partition 0 of every topic, so that a permitted read gets something
        try (KafkaProducer<String, String> producer = producer(infra.kafkaClientProperties(LocalSecrets.KAFKA_ADMIN))) {
            for (String topic : Topics.withDeadLetters(Topics.ALL)) {
                producer.send(new ProducerRecord<>(topic, 0, "access-test", "{}")).get();
            }
        }
        Map<String, List<String>> expected = new TreeMap<>();
        Map<String, List<String>> actual = new TreeMap<>();
        for (String principal : KafkaAccessRules.principals()) {
            expected.put(principal, KafkaAccessRules.TABLE.get(principal).consumes().stream().sorted().toList());
            List<String> read = new ArrayList<>();
            for (String topic : Topics.withDeadLetters(Topics.ALL)) {
                try (KafkaConsumer<String, String> consumer = consumer(principal, principal)) {
                    consumer.assign(List.of(new TopicPartition(topic, 0)));
                    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                    while (System.nanoTime() < deadline) {
                        if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                            read.add(topic);
                            break;
                        }
                    }
                } catch (TopicAuthorizationException | GroupAuthorizationException e) {
                    // refused: the topic, or (external-producer) any consumer group at all
                }
            }
            actual.put(principal, read.stream().sorted().toList());
        }
        assertEquals(expected, actual);
    }

    private static long endOffsets(String topic) {
        try (KafkaConsumer<String, String> consumer = consumer(LocalSecrets.KAFKA_ADMIN, "access-test")) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> config) {
        return KafkaClients.producer(config);
    }

    private static KafkaConsumer<String, String> consumer(String principal, String group) {
        return KafkaClients.consumer(infra, principal, group);
    }
}
