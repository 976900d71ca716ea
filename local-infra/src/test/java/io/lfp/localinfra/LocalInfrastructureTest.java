package io.lfp.localinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.lfp.events.Topics;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Each server is real: what a service would do with it works, and what should fail fails. */
class LocalInfrastructureTest {

    private static LocalInfrastructure infra;

    @BeforeAll
    static void start() {
        infra = new LocalInfrastructure(LocalInfraSettings.defaults()).start();
    }

    @AfterAll
    static void stop() {
        if (infra != null) {
            infra.close();
            assertTrue(!java.nio.file.Files.exists(infra.dataDir()), "throwaway data deleted on close");
        }
    }

    @Test
    void configOverridesAreExactlyTheContractProperties() {
        LocalSecrets secrets = infra.secrets();
        Map<String, String> expected = new TreeMap<>();
        expected.put("lfp.pg.host", "127.0.0.1");
        expected.put("lfp.pg.port", String.valueOf(infra.pgPort()));
        expected.put("lfp.pg.database", "lfp");
        expected.put("lfp.test.upload-service.pg.user", "lfp_upload");
        expected.put("lfp.test.ingest-worker.pg.user", "lfp_ingest");
        expected.put("lfp.test.aggregate-service.pg.user", "lfp_aggregate");
        expected.put("lfp.test.dashboard-service.pg.user", "lfp_dashboard");
        for (String service : LocalSecrets.SERVICES) {
            expected.put("lfp.test." + service + ".pg.password", secrets.pgPassword(service));
        }
        expected.put("lfp.kafka.bootstrap", "127.0.0.1:" + infra.kafkaPort());
        expected.put("lfp.redis.url", "redis://127.0.0.1:" + infra.redisPort());
        expected.put("lfp.redis.password", secrets.redisPassword());
        expected.put("lfp.s3.endpoint", "http://127.0.0.1:" + infra.s3Port());
        expected.put("lfp.s3.region", "us-east-1");
        expected.put("lfp.s3.bucket", "lfp-uploads");
        expected.put("lfp.s3.access-key", secrets.s3AccessKey());
        expected.put("lfp.s3.secret-key", secrets.s3SecretKey());
        for (String service : LocalSecrets.SERVICES) {
            expected.put("lfp.test." + service + ".kafka.user", service);
            expected.put("lfp.test." + service + ".kafka.password", infra.secrets().kafkaPassword(service));
        }
        assertEquals(expected, new TreeMap<>(infra.configOverrides()));
        assertEquals("jdbc:postgresql://127.0.0.1:" + infra.pgPort() + "/lfp", infra.jdbcUrl());
        // random per stack: no fixed credential anywhere
        LocalSecrets other = LocalSecrets.random();
        assertTrue(!other.redisPassword().equals(secrets.redisPassword())
                && !other.s3SecretKey().equals(secrets.s3SecretKey())
                && !other.pgSuperuserPassword().equals(secrets.pgSuperuserPassword()));
    }

    @Test
    void postgresAcceptsTheSuperuserOnItsOwnDatabase() throws Exception {
        try (Connection c = DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(), infra.pgPassword());
                Statement st = c.createStatement()) {
            st.execute("CREATE TABLE probe (sku text COLLATE \"C\" PRIMARY KEY, name text NOT NULL)");
            st.execute("INSERT INTO probe VALUES ('b-2', 'Bravo'), ('a-1', 'Alpha'), ('B-3', 'Upper')");
            List<String> rows = new ArrayList<>();
            try (ResultSet rs = st.executeQuery("SELECT sku, name, current_user, current_database() FROM probe ORDER BY sku")) {
                while (rs.next()) {
                    rows.add(rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
                }
            }
            // COLLATE "C": byte order, upper case first
            assertEquals(List.of("B-3|Upper|lfp_admin|lfp", "a-1|Alpha|lfp_admin|lfp", "b-2|Bravo|lfp_admin|lfp"), rows);
            try (ResultSet rs = st.executeQuery("SHOW server_version")) {
                rs.next();
                assertTrue(rs.getString(1).startsWith("16."), rs.getString(1));
            }
        }
    }

    @Test
    void postgresRefusesAWrongPassword() {
        java.sql.SQLException e = assertThrows(java.sql.SQLException.class,
                () -> DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(), "wrong").close());
        assertTrue(e.getMessage().contains("password authentication failed for user \"lfp_admin\""), e.getMessage());
        e = assertThrows(java.sql.SQLException.class,
                () -> DriverManager.getConnection(infra.jdbcUrl(), "lfp_dashboard", "wrong").close());
        assertTrue(e.getMessage().contains("password authentication failed for user \"lfp_dashboard\""), e.getMessage());
    }

    @Test
    void kafkaHasTheTopicsWithTheirPartitionsAndRoundTripsARecord() throws Exception {
        try (Admin admin = Admin.create(infra.kafkaClientProperties(LocalSecrets.KAFKA_ADMIN))) {
            Map<String, TopicDescription> topics = admin.describeTopics(Topics.ALL).allTopicNames().get();
            for (String topic : Topics.ALL) {
                int expected = topic.equals(Topics.INGEST_CHUNKS) ? 16 : 8;
                assertEquals(expected, topics.get(topic).partitions().size(), topic);
            }
        }
        String key = UUID.randomUUID().toString();
        String value = "{\"version\":1,\"uploadId\":\"" + key + "\"}";
        RecordMetadata sent;
        try (KafkaProducer<String, String> producer = KafkaClients.producer(
                infra.kafkaClientProperties(LocalSecrets.KAFKA_ADMIN))) {
            sent = producer.send(new ProducerRecord<>(Topics.FILE_UPLOADED, key, value)).get();
        }
        try (KafkaConsumer<String, String> consumer = KafkaClients.consumer(infra, LocalSecrets.KAFKA_ADMIN,
                "local-infra-test")) {
            consumer.subscribe(List.of(Topics.FILE_UPLOADED));
            List<ConsumerRecord<String, String>> got = KafkaClients.pollUntil(consumer, r -> !r.isEmpty(),
                    Duration.ofSeconds(30));
            assertEquals(1, got.size());
            assertEquals(key, got.get(0).key());
            assertEquals(value, got.get(0).value());
            assertEquals(sent.partition(), got.get(0).partition());
        }
    }

    @Test
    void redisRequiresThePasswordAnswersAndCanBeTakenDownAndBroughtBack() throws Exception {
        String password = infra.redisPassword();
        assertTrue(resp(infra.redisPort(), null, "GET", "greeting").startsWith("-NOAUTH"), "no password, no access");
        assertTrue(resp(infra.redisPort(), "wrong", "PING").startsWith("-WRONGPASS"), "a wrong password is refused");
        assertEquals("+OK", resp(infra.redisPort(), password, "SET", "greeting", "hello"));
        assertEquals("$5 hello", resp(infra.redisPort(), password, "GET", "greeting"));

        infra.stopRedis();
        assertThrows(ConnectException.class, () -> resp(infra.redisPort(), password, "PING"));

        infra.startRedis();
        assertEquals("+PONG", resp(infra.redisPort(), password, "PING"));
        // a cache: nothing survives a restart
        assertEquals("$-1", resp(infra.redisPort(), password, "GET", "greeting"));
    }

    @Test
    void s3StoresObjectsForASigV4ClientAndServesRanges() {
        String body = "name,sku,description\r\nWidget,W-1,\"two\nlines\"\r\n";
        try (S3Client s3 = S3Clients.create(infra, infra.secretKey())) {
            s3.putObject(b -> b.bucket(infra.bucket()).key("uploads/probe.csv"), RequestBody.fromString(body));

            ResponseBytes<GetObjectResponse> whole = s3
                    .getObjectAsBytes(b -> b.bucket(infra.bucket()).key("uploads/probe.csv"));
            assertEquals(body, whole.asUtf8String());
            assertEquals(body.length(), whole.response().contentLength());

            ResponseBytes<GetObjectResponse> range = s3.getObjectAsBytes(
                    b -> b.bucket(infra.bucket()).key("uploads/probe.csv").range("bytes=22-30"));
            assertEquals(body.substring(22, 31), range.asUtf8String());
            assertEquals("bytes 22-30/" + body.length(), range.response().contentRange());

            List<String> keys = s3.listObjectsV2(b -> b.bucket(infra.bucket())).contents().stream()
                    .map(S3Object::key).toList();
            assertEquals(List.of("uploads/probe.csv"), keys);
        }
    }

    @Test
    void s3RefusesAWrongSecretKey() {
        try (S3Client s3 = S3Clients.create(infra, "not-the-secret")) {
            S3Exception e = assertThrows(S3Exception.class,
                    () -> s3.getObjectAsBytes(b -> b.bucket(infra.bucket()).key("uploads/probe.csv")));
            assertEquals(403, e.statusCode());
        }
    }

    /**
     * One RESP command over a raw socket, after AUTH with {@code password} (none when null); the reply's lines
     * joined by a space, or AUTH's error.
     */
    static String resp(int port, String password, String... args) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            if (password != null) {
                out.write(command("AUTH", password));
                out.flush();
                String auth = readLine(in);
                if (!auth.equals("+OK")) {
                    return auth;
                }
            }
            out.write(command(args));
            out.flush();
            String first = readLine(in);
            if (first.startsWith("$") && !first.equals("$-1")) {
                return first + " " + readLine(in);
            }
            return first;
        }
    }

    private static byte[] command(String... args) {
        StringBuilder cmd = new StringBuilder("*" + args.length + "\r\n");
        for (String a : args) {
            cmd.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
        }
        return cmd.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) != -1) {
            if (c == '\r') {
                in.read(); // '\n'
                break;
            }
            sb.append((char) c);
        }
        return sb.toString();
    }
}
