package io.lfp.upload.rest;

import static io.lfp.upload.TestSupport.s3Keys;
import static io.lfp.upload.TestSupport.uploadCount;
import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.security.RoleHierarchyAugmentor;
import io.lfp.security.Roles;
import io.lfp.testing.Sql;
import io.lfp.testing.TestKafka;
import io.lfp.upload.TestSupport;
import io.lfp.upload.service.UploadSlots;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A crowd of clients: 2 upload slots, a 2 s idle timeout, 1 MiB parts (so a stalled upload has a part in S3
 * and chunks announced) and a 2 MiB limit for decompressed gzip.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestProfile(UploadCrowdTest.Crowd.class)
@TestSecurity(user = TestSupport.USER, roles = Roles.UPLOADER, augmentors = RoleHierarchyAugmentor.class)
class UploadCrowdTest {

    static final int SLOTS = 2;
    static final int RETRY_AFTER = 7;
    static final long DECOMPRESSED_LIMIT = 2 * 1024 * 1024;
    static final Map<String, Object> BUSY = Map.of("error", "Too many uploads",
            "detail", SLOTS + " uploads are streaming already; retry in " + RETRY_AFTER + " s");

    public static class Crowd implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lfp.upload.max-concurrent-uploads", String.valueOf(SLOTS),
                    "lfp.upload.retry-after-seconds", String.valueOf(RETRY_AFTER),
                    "lfp.upload.idle-timeout", "2s",
                    "lfp.upload.part-size-bytes", String.valueOf(1024 * 1024),
                    "lfp.upload.max-decompressed-bytes", String.valueOf(DECOMPRESSED_LIMIT),
                    "lfp.upload.statement-timeout", "1s");
        }
    }

    @Inject
    UploadSlots slots;

    @Inject
    S3Client s3;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/api/uploads")
    URI uploadsUri;

    private final List<UploadSlots.Slot> held = new ArrayList<>();

    @AfterEach
    void giveBackHeldSlots() {
        held.forEach(UploadSlots.Slot::close);
        held.clear();
    }

    @Test
    void uploadPastTheSlotsIsRefusedWith429BeforeItsBodyIsRead() throws Exception {
        takeAllSlots();
        long rowsBefore = uploadCount();

        // headers only: a client that waits for 100-continue gets its answer without sending a byte of the file
        RawResponse refused = rawPost("Expect: 100-continue\r\nContent-Length: 5000000\r\n", new byte[0]);
        assertEquals(429, refused.status(), refused.head());
        assertTrue(refused.head().contains("\r\nRetry-After: " + RETRY_AFTER + "\r\n"), refused.head());
        assertEquals(BUSY, json.readValue(refused.body(), Map.class));
        assertTrue(refused.head().toLowerCase(java.util.Locale.ROOT).contains("\r\nconnection: close\r\n"),
                refused.head());
        assertTrue(refused.closedAfter(), "the connection is closed after the answer");

        // a client that sends its body right away gets the same answer
        HttpResponse<String> plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(uploadsUri).header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(csv(300_000))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(429, plain.statusCode());
        assertEquals(String.valueOf(RETRY_AFTER), plain.headers().firstValue("Retry-After").orElse(null));
        assertEquals(BUSY, json.readValue(plain.body(), Map.class));

        // multipart too, and the status API still answers
        Map<String, Object> multipart = given().multiPart("file", "m.csv", csv(10_000), "text/csv")
                .when().post("/api/uploads").then().statusCode(429).header("Retry-After", String.valueOf(RETRY_AFTER))
                .extract().as(Map.class);
        assertEquals(BUSY, multipart);
        given().when().get("/api/uploads?limit=1").then().statusCode(200);
        assertEquals(rowsBefore, uploadCount());
        assertEquals(SLOTS, slots.inUse());

        giveBackHeldSlots();
        given().contentType("text/csv").body(csv(10_000)).when().post("/api/uploads").then().statusCode(202);
        assertEquals(rowsBefore + 1, uploadCount());
    }

    @Test
    void clientWaitingFor100ContinueIsToldToSendWhenASlotIsFree() throws Exception {
        byte[] file = csv(20_000);
        try (Socket socket = new Socket(uploadsUri.getHost(), uploadsUri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(headers("Expect: 100-continue\r\nContent-Length: " + file.length + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            assertEquals("HTTP/1.1 100 Continue\r\n\r\n", readHead(in));
            out.write(file);
            out.flush();
            String head = readHead(in);
            assertTrue(head.startsWith("HTTP/1.1 202 "), head);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> slots.inUse() == 0);
    }

    @Test
    void slotGoesBackAfterSuccessAndAfterEveryFailure() throws Exception {
        given().contentType("text/csv").body(csv(10_000)).when().post("/api/uploads").then().statusCode(202);
        assertEquals(0, slots.inUse());
        given().multiPart("file", "m.csv", csv(10_000), "text/csv").when().post("/api/uploads").then().statusCode(202);
        assertEquals(0, slots.inUse());
        given().contentType("text/csv").body("sku,name,description\r\nx,y,z\r\n").when().post("/api/uploads")
                .then().statusCode(400);
        assertEquals(0, slots.inUse());
        given().multiPart("other", "m.csv", csv(100), "text/csv").when().post("/api/uploads").then().statusCode(400);
        assertEquals(0, slots.inUse());
        // the client goes away after its headers and a few bytes
        try (Socket socket = new Socket(uploadsUri.getHost(), uploadsUri.getPort())) {
            OutputStream out = socket.getOutputStream();
            out.write(headers("Content-Length: 5000000\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(csv(1000));
            out.flush();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> slots.inUse() == 0);

        // as many uploads as there are slots still run at once: nothing leaked
        for (int i = 0; i < SLOTS; i++) {
            held.add(slots.tryTake().orElseThrow());
        }
        assertTrue(slots.tryTake().isEmpty());
    }

    @Test
    void clientThatStallsMidBodyIsDroppedAndItsUploadCleanedUp() throws Exception {
        long rowsBefore = uploadCount();
        List<String> objectsBefore = s3Keys(s3);
        String filename = "stalled-" + UUID.randomUUID() + ".csv";
        byte[] firstBytes = csv(2560 * 1024); // the first 1 MiB part is stored and its chunks announced

        try (Socket socket = new Socket(uploadsUri.getHost(), uploadsUri.getPort())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(headers("Content-Length: 5000000\r\n", "/api/uploads?filename=" + filename)
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(firstBytes);
            out.flush();
            String id = await().atMost(Duration.ofSeconds(30)).until(() -> uploadIdOf(filename), found -> found != null);

            // then nothing more: the service closes the connection without an answer
            assertEquals(-1, socket.getInputStream().read());

            assertTrue(new TestKafka().awaitRecords(Topics.INGEST_CHUNKS, id + ":", 1, Duration.ofSeconds(30))
                    .size() > 0,
                    "chunks were announced before the stall");
            ConsumerRecord<String, String> aborted = new TestKafka().awaitRecord(Topics.UPLOAD_ABORTED, id,
                    Duration.ofSeconds(30));
            JsonNode abort = json.readTree(aborted.value());
            assertEquals("Could not store the file: the client sent nothing for 2 s", abort.get("reason").asText());
            await().atMost(Duration.ofSeconds(30)).until(() -> uploadIdOf(filename) == null);
            assertEquals(rowsBefore, uploadCount());
            assertEquals(objectsBefore, s3Keys(s3));
            await().atMost(Duration.ofSeconds(10)).until(() -> slots.inUse() == 0);
        }
    }

    @Test
    void gzipThatExpandsPastTheDecompressedLimitIsRefusedAndLeavesNothing() throws Exception {
        long rowsBefore = uploadCount();
        List<String> objectsBefore = s3Keys(s3);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(csv(3 * 1024 * 1024)); // past the limit after its first 1 MiB part went to S3
        }
        assertTrue(gz.size() < DECOMPRESSED_LIMIT / 4, "a small body: " + gz.size());

        Map<String, Object> body = given().contentType("application/gzip").body(gz.toByteArray())
                .when().post("/api/uploads").then().statusCode(413).extract().as(Map.class);

        assertEquals(Map.of("error", "Decompressed file too large",
                "detail", "The limit for a gzip file is " + DECOMPRESSED_LIMIT + " bytes decompressed"), body);
        assertEquals(rowsBefore, uploadCount());
        assertEquals(objectsBefore, s3Keys(s3));
        assertEquals(0, slots.inUse());
        // the same file uncompressed is within the (default) size limit
        given().contentType("text/csv").body(csv(3 * 1024 * 1024)).when().post("/api/uploads").then().statusCode(202);
    }

    @Test
    void statusQueryPastTheStatementTimeoutAnswers503() throws Exception {
        try (Connection db = Sql.connect()) {
            db.setAutoCommit(false);
            try (java.sql.Statement sql = db.createStatement()) {
                // the list query waits for this lock until statement_timeout cancels it
                sql.execute("LOCK TABLE uploads IN ACCESS EXCLUSIVE MODE");
                Map<String, Object> body = given().when().get("/api/uploads?limit=1").then().statusCode(503)
                        .extract().as(Map.class);
                assertEquals(Map.of("error", "Query timed out",
                        "detail", "The database did not answer within 1000 ms; try again"), body);
            } finally {
                db.rollback();
            }
        }
        given().when().get("/api/uploads?limit=1").then().statusCode(200);
    }

    private void takeAllSlots() {
        for (int i = 0; i < SLOTS; i++) {
            held.add(slots.tryTake().orElseThrow());
        }
    }

    private static String uploadIdOf(String filename) throws Exception {
        Object id = Sql.value("SELECT id FROM uploads WHERE filename = ?", filename);
        return id == null ? null : id.toString();
    }

    private String headers(String extra) {
        return headers(extra, "/api/uploads");
    }

    private String headers(String extra, String target) {
        return "POST " + target + " HTTP/1.1\r\nHost: " + uploadsUri.getHost() + ":" + uploadsUri.getPort()
                + "\r\nContent-Type: text/csv\r\n" + extra + "\r\n";
    }

    record RawResponse(int status, String head, String body, boolean closedAfter) {
    }

    /** One request over a plain socket, so the test controls exactly which bytes are sent. */
    private RawResponse rawPost(String extraHeaders, byte[] body) throws IOException {
        try (Socket socket = new Socket(uploadsUri.getHost(), uploadsUri.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(headers(extraHeaders).getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            InputStream in = socket.getInputStream();
            String headText = readHead(in);
            int length = Integer.parseInt(headText.replaceAll("(?is).*\r\ncontent-length: *(\\d+)\r\n.*", "$1"));
            String responseBody = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            boolean closedAfter;
            try {
                socket.setSoTimeout(5_000);
                closedAfter = in.read() < 0;
            } catch (java.net.SocketTimeoutException stillOpen) {
                closedAfter = false;
            }
            return new RawResponse(Integer.parseInt(headText.substring(9, 12)), headText, responseBody, closedAfter);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** A valid products CSV of about {@code size} bytes. */
    private static byte[] csv(int size) {
        StringBuilder csv = new StringBuilder(size + 100).append("name,sku,description\n");
        for (int i = 0; csv.length() < size; i++) {
            csv.append("Name ").append(i % 977).append(",sku-").append(i).append(",some text\n");
        }
        return csv.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
