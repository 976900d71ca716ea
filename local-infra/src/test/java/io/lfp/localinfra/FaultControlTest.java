package io.lfp.localinfra;

import io.lfp.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each server can be taken down and brought back on the same port, with its data, through the control port. */
class FaultControlTest {

    private static LocalInfrastructure infra;
    private static FaultControl control;
    private static int controlPort;

    @BeforeAll
    static void start() throws IOException {
        infra = new LocalInfrastructure(LocalInfraSettings.defaults()).start();
        Path portFile = infra.dataDir().resolve("control-port");
        control = FaultControl.start(infra, portFile);
        controlPort = Integer.parseInt(Files.readString(portFile).trim());
    }

    @AfterAll
    static void stop() {
        if (control != null) {
            control.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void postgresRestartedFastKeepsCommittedAndUnloggedRows() throws Exception {
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE kept (id int PRIMARY KEY)");
            st.execute("CREATE UNLOGGED TABLE staged (id int)");
            st.execute("INSERT INTO kept VALUES (1), (2); INSERT INTO staged VALUES (7), (8), (9)");
        }
        assertEquals("OK", command("stop pg"));
        assertThrows(SQLException.class, () -> connect().close());

        assertEquals("OK", command("start pg"));
        assertEquals("OK", command("restart pg"));
        assertEquals(List.of("2", "3"), List.of(query("SELECT count(*) FROM kept"), query("SELECT count(*) FROM staged")));
    }

    @Test
    void s3StoppedRefusesConnectionsAndComesBackWithItsObjects() {
        try (S3Client s3 = S3Clients.create(infra, infra.secretKey())) {
            s3.putObject(b -> b.bucket(infra.bucket()).key("kept.csv"), RequestBody.fromString("a,b,c\r\n"));
            assertEquals("OK", command("stop s3"));
            assertFalse(Net.answers(infra.s3Port()));

            assertEquals("OK", command("start s3"));
            assertEquals("a,b,c\r\n", s3.getObjectAsBytes(b -> b.bucket(infra.bucket()).key("kept.csv")).asUtf8String());
        }
    }

    @Test
    void kafkaRestartedKeepsItsRecordsAndTakesNewOnes() throws Exception {
        String before = UUID.randomUUID().toString();
        String after = UUID.randomUUID().toString();
        send(before);
        assertEquals("OK", command("stop kafka"));
        assertFalse(Net.answers(infra.kafkaPort()));

        assertEquals("OK", command("start kafka"));
        send(after);
        Map<String, Object> config = infra.kafkaClientProperties(LocalSecrets.KAFKA_ADMIN);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "fault-control-test");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.UPLOAD_ABORTED));
            List<String> keys = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (keys.size() < 2 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                    keys.add(r.key());
                }
            }
            assertTrue(keys.containsAll(List.of(before, after)), keys.toString());
            assertEquals(2, keys.size());
        }
    }

    @Test
    void anUnknownCommandIsRefused() throws Exception {
        assertEquals("ERROR unknown command: stop redis-cluster", command("stop redis-cluster"));
    }

    private static void send(String key) throws Exception {
        Map<String, Object> config = infra.kafkaClientProperties(LocalSecrets.KAFKA_ADMIN);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(Topics.UPLOAD_ABORTED, key, "{}")).get();
        }
    }

    private static String command(String line) {
        try (Socket socket = new Socket(Net.HOST, controlPort);
             PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
             BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            out.println(line);
            return in.readLine();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(), infra.pgPassword());
    }

    private static String query(String sql) throws SQLException {
        try (Connection c = connect(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
