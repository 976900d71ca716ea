package io.lfp.upload.rest;

import static io.lfp.upload.TestSupport.config;
import static io.lfp.upload.TestSupport.s3Keys;
import static io.lfp.upload.TestSupport.uploadCount;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.localinfra.LocalInfraTestResource;
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
import io.restassured.specification.RequestSpecification;
import software.amazon.awssdk.services.s3.S3Client;

/** A 6 MiB limit with 5 MiB parts, so a too-large file is found out after its first part went to S3. */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
@TestProfile(UploadSizeLimitTest.SmallLimit.class)
@TestSecurity(user = TestSupport.USER, roles = Roles.UPLOADER, augmentors = RoleHierarchyAugmentor.class)
class UploadSizeLimitTest {

    static final long LIMIT = 6 * 1024 * 1024;
    static final Map<String, Object> TOO_LARGE = Map.of("error", "File too large",
            "detail", "The limit is " + LIMIT + " bytes");

    public static class SmallLimit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lfp.upload.max-size-bytes", String.valueOf(LIMIT),
                    "lfp.upload.part-size-bytes", String.valueOf(5 * 1024 * 1024));
        }
    }

    @Inject
    S3Client s3;

    @Inject
    ObjectMapper json;

    @TestHTTPResource("/api/uploads")
    URI uploadsUri;

    @Test
    void declaredContentLengthOverTheLimitIsRefusedUpFront() throws Exception {
        assertRefusedLeavingNothing(given().contentType("text/csv").body(csv(LIMIT + 1)));
    }

    @Test
    void gzipThatDecompressesOverTheLimitIsRefusedMidwayAndTheMultipartUploadAborted() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(csv(7 * 1024 * 1024));
        }
        assertEquals(true, gz.size() < LIMIT, "the compressed body is under the limit");

        assertRefusedLeavingNothing(given().contentType("application/gzip").body(gz.toByteArray()));
    }

    @Test
    void chunkedBodyWithoutLengthIsCountedWhileStreaming() throws Exception {
        long rowsBefore = uploadCount();
        List<String> objectsBefore = s3Keys(s3);
        byte[] file = csv(LIMIT + 100);
        HttpRequest request = HttpRequest.newBuilder(uploadsUri).header("Content-Type", "text/csv")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(file))).build();
        HttpResponse<String> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());

        assertEquals(413, response.statusCode());
        assertEquals(TOO_LARGE, json.readValue(response.body(), Map.class));
        assertNothingLeft(rowsBefore, objectsBefore);
    }

    @Test
    void multipartFileOverTheLimitIsRefused() throws Exception {
        assertRefusedLeavingNothing(given().multiPart("file", "big.csv", csv(LIMIT + 1), "text/csv"));
    }

    @Test
    void fileJustUnderTheLimitIsAccepted() {
        given().contentType("text/csv").body(csv(LIMIT - 1000)).when().post("/api/uploads").then().statusCode(202);
    }

    private void assertRefusedLeavingNothing(RequestSpecification request) throws Exception {
        long rowsBefore = uploadCount();
        List<String> objectsBefore = s3Keys(s3);

        Map<String, Object> body = request.when().post("/api/uploads").then().statusCode(413).extract()
                .as(Map.class);

        assertEquals(TOO_LARGE, body);
        assertNothingLeft(rowsBefore, objectsBefore);
    }

    private void assertNothingLeft(long rowsBefore, List<String> objectsBefore) throws Exception {
        assertEquals(rowsBefore, uploadCount());
        assertEquals(objectsBefore, s3Keys(s3));
        assertEquals(List.of(), s3.listMultipartUploads(b -> b.bucket(config("lfp.s3.bucket"))).uploads());
    }

    /** A valid products CSV of exactly {@code size} bytes. */
    private static byte[] csv(long size) {
        return TestFiles.productsCsv(size, "sku-");
    }
}
