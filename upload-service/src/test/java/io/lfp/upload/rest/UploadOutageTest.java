package io.lfp.upload.rest;

import static io.lfp.upload.TestSupport.s3Keys;
import static io.lfp.upload.TestSupport.uploadCount;
import static io.lfp.upload.TestSupport.uploadRow;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalInfrastructure;
import io.lfp.security.RoleHierarchyAugmentor;
import io.lfp.security.Roles;
import io.lfp.testing.TestFiles;
import io.lfp.upload.TestSupport;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * S3 or PostgreSQL goes away while a file streams in, after its first part was stored: a short outage is
 * waited out (the client gets 202 and every part is stored); one longer than lfp.upload.outage-tolerance ends
 * in 503 and, once the server is back, nothing of the upload is left — no part, no row.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestProfile(UploadOutageTest.ShortTolerance.class)
@TestSecurity(user = TestSupport.USER, roles = Roles.UPLOADER, augmentors = RoleHierarchyAugmentor.class)
class UploadOutageTest {

    static final int PART = 5 * 1024 * 1024;
    /** Sent beyond the first part before the body pauses: the client and the server buffer some of it. */
    static final int HELD_SLACK = 1024 * 1024;

    public static class ShortTolerance implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lfp.upload.part-size-bytes", String.valueOf(PART),
                    "lfp.upload.outage-tolerance", "15s",
                    "lfp.upload.outage-backoff-max", "1s");
        }
    }

    @Inject
    S3Client s3;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/api/uploads")
    URI uploadsUri;

    private final LocalInfrastructure infra = LocalInfraTestResource.infra();

    @Test
    void s3DownForAMomentMidUploadIsWaitedOutAndEveryPartIsStored() throws Exception {
        HeldUpload upload = startHeldUpload();
        String firstPart = upload.awaitFirstPart();
        infra.stopS3();
        upload.release();
        Thread.sleep(1000); // the second part's PUT meets a closed port at least once
        infra.startS3();

        HttpResponse<String> response = upload.response();
        assertEquals(202, response.statusCode(), response.body());
        String id = (String) json.readValue(response.body(), Map.class).get("id");
        assertTrue(firstPart.startsWith("uploads/" + id + "/"), firstPart);
        String second = firstPart.replace(".part-00001", ".part-00002");
        assertTrue(s3Keys(s3).containsAll(List.of(firstPart, second)), "both parts stored");
        assertEquals((long) upload.file.length, ((Number) uploadRow(id).get("size_bytes")).longValue());
    }

    @Test
    void s3DownLongerThanTheToleranceEndsIn503AndLeavesNothingOnceItIsBack() throws Exception {
        HeldUpload upload = startHeldUpload();
        String firstPart = upload.awaitFirstPart();
        String id = idOf(firstPart);
        infra.stopS3();
        try {
            upload.release();
            HttpResponse<String> response = upload.response();

            assertEquals(503, response.statusCode(), response.body());
            Map<?, ?> body = json.readValue(response.body(), Map.class);
            assertEquals("Upload failed", body.get("error"));
            assertTrue(((String) body.get("detail")).startsWith("Could not store the file: "), body.toString());
            assertNull(uploadRow(id), "the row is removed at once: PostgreSQL is up");
        } finally {
            infra.startS3();
        }
        // the stored first part could not be deleted while S3 was down: the background cleanup does it now
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertEquals(upload.objectsBefore, s3Keys(s3)));
        assertEquals(upload.rowsBefore, uploadCount());
    }

    @Test
    void postgresDownLongerThanTheToleranceEndsIn503AndTheRowGoesOnceItIsBack() throws Exception {
        HeldUpload upload = startHeldUpload();
        String id = idOf(upload.awaitFirstPart());
        assertNotNull(uploadRow(id), "recorded when the upload began");
        infra.stopPostgres();
        try {
            upload.release();
            HttpResponse<String> response = upload.response();

            assertEquals(503, response.statusCode(), response.body());
            assertEquals("Upload failed", json.readValue(response.body(), Map.class).get("error"));
            assertEquals(upload.objectsBefore, s3Keys(s3), "the parts are deleted at once: S3 is up");
        } finally {
            infra.startPostgres();
        }
        // the row (QUEUED) could not be removed while PostgreSQL was down: the background cleanup does it now
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertNull(uploadRow(id)));
        assertEquals(upload.rowsBefore, uploadCount());
    }

    private HeldUpload current;

    @AfterEach
    void releaseTheUpload() {
        // a test that failed midway must not leave a request waiting on its body
        if (current != null) {
            current.release();
        }
    }

    private HeldUpload startHeldUpload() throws Exception {
        current = new HeldUpload(uploadsUri, s3);
        return current;
    }

    private static String idOf(String partKey) {
        return partKey.split("/")[1];
    }

    /**
     * A 7 MiB upload (two parts) whose body stops after the first part plus a little, until released: the first
     * part is then stored, and the fault can come before the rest is read. Always released when a test ends.
     */
    static final class HeldUpload {
        final byte[] file = csv(7 * 1024 * 1024);
        final long rowsBefore;
        final List<String> objectsBefore;
        private final S3Client s3;
        private final CountDownLatch released = new CountDownLatch(1);
        private final CompletableFuture<HttpResponse<String>> response;

        HeldUpload(URI uploads, S3Client s3) throws Exception {
            this.s3 = s3;
            this.rowsBefore = uploadCount();
            this.objectsBefore = s3Keys(s3);
            HttpRequest request = HttpRequest.newBuilder(uploads).header("Content-Type", "text/csv")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new HeldStream(file, PART + HELD_SLACK, released)))
                    .build();
            response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .sendAsync(request, HttpResponse.BodyHandlers.ofString());
        }

        /** The key of the upload's first part once S3 has it. */
        String awaitFirstPart() {
            return await().atMost(Duration.ofSeconds(60)).until(
                    () -> s3Keys(s3).stream().filter(k -> !objectsBefore.contains(k) && k.endsWith(".part-00001"))
                            .findFirst().orElse(null),
                    key -> key != null);
        }

        void release() {
            released.countDown();
        }

        HttpResponse<String> response() throws Exception {
            return response.get(3, TimeUnit.MINUTES);
        }
    }

    /** The bytes of a file, pausing at {@code holdAt} until released. */
    static final class HeldStream extends InputStream {
        private final ByteArrayInputStream bytes;
        private final CountDownLatch released;
        private long left;

        HeldStream(byte[] file, long holdAt, CountDownLatch released) {
            this.bytes = new ByteArrayInputStream(file);
            this.left = holdAt;
            this.released = released;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left == 0) {
                try {
                    released.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException(e);
                }
                left = -1;
            }
            int n = bytes.read(b, off, left > 0 ? (int) Math.min(len, left) : len);
            if (n > 0 && left > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** A valid products CSV of exactly {@code size} bytes. */
    private static byte[] csv(long size) {
        return TestFiles.productsCsv(size, "outage-sku-");
    }
}
