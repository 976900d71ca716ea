package io.lfp.cli.ingest;

import static io.lfp.cli.ingest.ProgressFormatterTest.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class UploadViewTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void settledOnlyOnceTheCountsAreExactOrItFailed() throws Exception {
        assertFalse(upload("{\"status\":\"INGESTING\"}").settled());
        assertFalse(upload("{\"status\":\"COMPLETED\",\"aggregatedAt\":null}").settled());
        assertTrue(upload("{\"status\":\"COMPLETED\",\"aggregatedAt\":\"2025-01-01T10:00:00Z\"}").settled());
        assertTrue(upload("{\"status\":\"COMPLETED_WITH_ERRORS\",\"aggregatedAt\":\"2025-01-01T10:00:00Z\"}").settled());
        assertTrue(upload("{\"status\":\"FAILED\"}").settled());
    }

    @Test
    void timestampsAreReadInEveryShapeJacksonWrites() throws Exception {
        Instant expected = Instant.parse("2025-01-01T10:00:00.250Z");
        assertEquals(expected, UploadView.instant(JSON.readTree("\"2025-01-01T10:00:00.250Z\"")));
        assertEquals(expected, UploadView.instant(JSON.readTree("\"2025-01-01T11:00:00.250+01:00\"")));
        assertEquals(expected, UploadView.instant(JSON.readTree("1735725600.250000000")));
        assertEquals(expected, UploadView.instant(JSON.readTree("1735725600250")));
        assertNull(UploadView.instant(JSON.readTree("null")));
    }

    @Test
    void gzipFilesAreSentAsGzip() {
        assertEquals("application/gzip", UploadClient.contentType("products.csv.GZ"));
        assertEquals("text/csv", UploadClient.contentType("products.csv"));
    }

    @Test
    void theRefusalMessageCarriesErrorAndDetail() {
        assertEquals("Upload refused (400): Wrong CSV header — expected name,sku,description but got id,title",
                UploadClient.refusal(400,
                        "{\"error\":\"Wrong CSV header\",\"detail\":\"expected name,sku,description but got id,title\"}"));
        assertEquals("Upload refused (413): Payload Too Large", UploadClient.refusal(413, "Payload Too Large"));
        assertEquals("Upload refused (500)", UploadClient.refusal(500, ""));
    }
}
