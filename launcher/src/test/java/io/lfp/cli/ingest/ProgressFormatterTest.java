package io.lfp.cli.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class ProgressFormatterTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static UploadView upload(String json) throws Exception {
        return UploadView.from(JSON.readTree(json));
    }

    @Test
    void progressLineShowsPercentRowsRejectedAndRate() throws Exception {
        UploadView halfway = upload("""
                {"id":"u-1","seq":7,"filename":"products.csv","status":"INGESTING","sizeBytes":1000,"bytesRead":500,
                 "rowsRead":250000,"rowsLoaded":249988,"rowsRejected":12,"productsWritten":0,"error":null,
                 "createdAt":"2025-01-01T10:00:00Z","startedAt":"2025-01-01T10:00:01Z","finishedAt":null,"aggregatedAt":null}
                """);
        String line = ProgressFormatter.progressLine(halfway, Instant.parse("2025-01-01T10:00:06Z"));
        assertEquals("[############------------]  50.0%  250,000 rows  12 rejected  50,000 rows/s  INGESTING", line);
    }

    @Test
    void aQueuedUploadOfUnknownSizeShowsNothingDone() throws Exception {
        UploadView queued = upload("{\"id\":\"u-1\",\"status\":\"QUEUED\",\"sizeBytes\":0,\"bytesRead\":0}");
        assertEquals("[------------------------]   0.0%  0 rows  0 rejected  0 rows/s  QUEUED",
                ProgressFormatter.progressLine(queued, Instant.now()));
    }

    @Test
    void completedButNotYetAggregatedSaysSo() throws Exception {
        UploadView done = upload("""
                {"id":"u-1","status":"COMPLETED","sizeBytes":1000,"bytesRead":1000,"rowsRead":500000,"rowsRejected":0,
                 "startedAt":"2025-01-01T10:00:00Z","finishedAt":"2025-01-01T10:00:04Z","aggregatedAt":null}
                """);
        assertEquals("[########################] 100.0%  500,000 rows  0 rejected  125,000 rows/s  COMPLETED, aggregating",
                ProgressFormatter.progressLine(done, Instant.parse("2025-01-01T10:01:00Z")));
    }

    @Test
    void chunkedUploadShowsChunksTheServicesRateAndEta() throws Exception {
        UploadView chunked = upload("""
                {"id":"u-1","status":"INGESTING","sizeBytes":1000,"bytesRead":0,"rowsRead":250000,"rowsRejected":12,
                 "startedAt":"2025-01-01T10:00:00Z","chunksTotal":8,"chunksDone":4,"chunksFailed":0,
                 "recordsTotal":500000,"rowsPerSecond":41230.4,"etaSeconds":6.2}
                """);
        assertEquals(
                "[############------------]  50.0%  chunks 4/8  250,000 rows  12 rejected  41,230 rows/s  ETA 6 s  INGESTING",
                ProgressFormatter.progressLine(chunked, Instant.parse("2025-01-01T10:00:01Z")));
    }

    @Test
    void failedChunksAreCountedAndNoEtaOnceTerminal() throws Exception {
        UploadView failed = upload("""
                {"id":"u-1","status":"FAILED","rowsRead":400000,"chunksTotal":8,"chunksDone":7,"chunksFailed":1,
                 "recordsTotal":0,"rowsPerSecond":50000,"etaSeconds":0}
                """);
        assertEquals(
                "[########################] 100.0%  chunks 7/8 (1 failed)  400,000 rows  0 rejected  50,000 rows/s  FAILED",
                ProgressFormatter.progressLine(failed, Instant.now()));
    }

    @Test
    void chunkFieldsWithoutRateOrEtaFallBackToTheMeasuredRate() throws Exception {
        UploadView chunked = upload("""
                {"id":"u-1","status":"INGESTING","sizeBytes":1000,"bytesRead":250,"rowsRead":100000,
                 "startedAt":"2025-01-01T10:00:00Z","chunksTotal":12,"chunksDone":3,"rowsPerSecond":null}
                """);
        assertEquals("[######------------------]  25.0%  chunks 3/12  100,000 rows  0 rejected  20,000 rows/s  INGESTING",
                ProgressFormatter.progressLine(chunked, Instant.parse("2025-01-01T10:00:05Z")));
    }

    @Test
    void etaReadsAsSecondsMinutesOrHours() {
        assertEquals("0 s", ProgressFormatter.eta(0.2));
        assertEquals("59 s", ProgressFormatter.eta(59.4));
        assertEquals("2m05s", ProgressFormatter.eta(125));
        assertEquals("1h02m", ProgressFormatter.eta(3725));
    }

    @Test
    void uploadLineShowsMegabytesSent() {
        assertEquals("[#####-------------------]  21.0%  uploading 210.0 of 1,000.0 MB",
                ProgressFormatter.uploadLine(210_000_000, 1_000_000_000));
    }

    @Test
    void summaryListsCountsSecondsTopNamesTotalsAndTheDashboard() throws Exception {
        UploadView done = upload(
                """
                        {"id":"u-1","seq":1,"filename":"products.csv","status":"COMPLETED_WITH_ERRORS","sizeBytes":1000,"bytesRead":1000,
                         "rowsRead":500000,"rowsLoaded":499998,"rowsRejected":2,"productsWritten":465123,"error":null,
                         "aggregatedAt":"2025-01-01T10:00:05.2Z"}
                        """);
        AggregatesView top = new AggregatesView(List.of(
                new AggregatesView.NameCount("Bryce Jones", 12), new AggregatesView.NameCount("Al", 9)), 465123, 220000);
        String summary = ProgressFormatter.summary(done, 4.84, top, URI.create("http://127.0.0.1:8080"));
        assertEquals(String.join(System.lineSeparator(),
                "Upload u-1 (products.csv): COMPLETED_WITH_ERRORS",
                "  rows read:        500,000",
                "  products written: 465,123",
                "  rows rejected:    2",
                "  seconds:          4.8 (first upload byte to exact counts)",
                "Top 2 names by product count:",
                "   1. Bryce Jones  12",
                "   2. Al           9",
                "Totals: 465,123 products, 220,000 names",
                "Dashboard: http://127.0.0.1:8080",
                ""), summary);
    }

    @Test
    void aFailedUploadShowsItsErrorAndNoAggregates() throws Exception {
        UploadView failed = upload("""
                {"id":"u-2","filename":"broken.csv","status":"FAILED","rowsRead":10,"error":"S3 object vanished"}
                """);
        String summary = ProgressFormatter.summary(failed, 1.0, null, URI.create("http://127.0.0.1:8080"));
        assertEquals(String.join(System.lineSeparator(),
                "Upload u-2 (broken.csv): FAILED",
                "  error:            S3 object vanished",
                "  rows read:        10",
                "  products written: 0",
                "  rows rejected:    0",
                "  seconds:          1.0 (first upload byte to the failure)",
                "Dashboard: http://127.0.0.1:8080",
                ""), summary);
    }
}
