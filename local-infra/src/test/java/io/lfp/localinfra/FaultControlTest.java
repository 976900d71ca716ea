package io.lfp.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lfp.events.Topics;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Each server can be taken down and brought back on the same port, with its data, through the control port. */
class FaultControlTest {

    @AutoClose
    private static LocalInfrastructure infra;
    @AutoClose
    private static FaultControl control;
    private static int controlPort;

    @BeforeAll
    static void start() throws IOException {
        infra = new LocalInfrastructure(LocalInfraSettings.defaults()).start();
        Path portFile = infra.dataDir().resolve("control-port");
        control = FaultControl.start(infra, portFile);
        controlPort = Integer.parseInt(Files.readString(portFile).trim());
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
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(infra, LocalSecrets.KAFKA_ADMIN,
                "fault-control-test")) {
            consumer.subscribe(List.of(Topics.UPLOAD_ABORTED));
            List<String> keys = KafkaClients.pollUntil(consumer, r -> r.size() >= 2, Duration.ofSeconds(60)).stream()
                    .map(ConsumerRecord::key).toList();
            assertTrue(keys.containsAll(List.of(before, after)), keys.toString());
            assertEquals(2, keys.size());
        }
    }

    @Test
    void redisStoppedRefusesConnectionsAndComesBackOnItsPort() {
        assertEquals("OK", command("stop redis"));
        assertFalse(Net.answers(infra.redisPort()));

        assertEquals("OK", command("start redis"));
        assertTrue(Net.answers(infra.redisPort()));
    }

    @Test
    void anUnknownCommandIsRefused() throws Exception {
        assertEquals("ERROR unknown command: stop redis-cluster", command("stop redis-cluster"));
    }

    private static void send(String key) throws Exception {
        try (KafkaProducer<String, String> producer = KafkaClients.producer(
                infra.kafkaClientProperties(LocalSecrets.KAFKA_ADMIN))) {
            producer.send(new ProducerRecord<>(Topics.UPLOAD_ABORTED, key, "{}")).get();
        }
    }

    private static String command(String line) {
        try (Socket socket = new Socket(Net.HOST, controlPort);
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
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
