package io.lfp.cli.ingest;

import static io.lfp.cli.StandInServer.answer;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.lfp.cli.StandInServer;
import io.lfp.cli.auth.TokenSource;

/** {@code ./lfp ingest} against a stand-in upload- and aggregate-service speaking the documented JSON. */
class IngestCommandTest {
    @TempDir
    Path dir;

    @AutoClose
    private final StandInServer server = new StandInServer();
    private URI base;
    private final Deque<String> uploadStates = new ArrayDeque<>();
    private volatile byte[] receivedBody;
    private volatile String receivedQuery;
    private volatile String receivedContentType;
    private volatile String receivedPath;
    private int uploadStatus = 202;
    private String uploadAnswer = "{\"id\":\"u-1\",\"seq\":1,\"status\":\"QUEUED\"}";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startStandIn() {
        server.on("/api/uploads", exchange -> {
            if (exchange.getRequestMethod().equals("POST")) {
                receivedQuery = exchange.getRequestURI().getRawQuery();
                receivedPath = exchange.getRequestURI().getPath();
                receivedContentType = exchange.getRequestHeaders().getFirst("Content-Type");
                receivedBody = exchange.getRequestBody().readAllBytes();
                answer(exchange, uploadStatus, uploadAnswer);
            } else {
                String state = uploadStates.size() > 1 ? uploadStates.poll() : uploadStates.peek();
                answer(exchange, 200, state);
            }
        });
        server.on("/api/aggregates", exchange -> answer(exchange, 200,
                "{\"items\":[{\"name\":\"Bryce Jones\",\"count\":3},{\"name\":\"Al\",\"count\":1}],\"products\":4,\"names\":2}"));
        base = server.start().uri("");
    }

    private int ingest(Path file) throws InterruptedException {
        UploadClient client = new UploadClient(base.resolve("/api/uploads"), base.resolve("/api/aggregates"), TokenSource.NONE);
        return new IngestCommand(client, URI.create("http://127.0.0.1:8080"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false)
                .run(file);
    }

    private static String state(String status, String aggregatedAt) {
        return """
                {"id":"u-1","seq":1,"filename":"my products.csv","status":"%s","sizeBytes":60,"bytesRead":60,
                 "rowsRead":4,"rowsLoaded":4,"rowsRejected":1,"productsWritten":4,"error":null,
                 "createdAt":"2025-01-01T10:00:00Z","startedAt":"2025-01-01T10:00:00Z","finishedAt":null,"aggregatedAt":%s}
                """.formatted(status, aggregatedAt == null ? "null" : "\"" + aggregatedAt + "\"");
    }

    @Test
    void streamsTheFileFollowsItUntilAggregatedAndPrintsTheSummary() throws Exception {
        Path file = dir.resolve("my products.csv");
        Files.writeString(file, "name,sku,description\nBryce Jones,sku-1,\"a, b\"\nAl,sku-2,x\n");
        uploadStates.addAll(List.of(state("INGESTING", null), state("COMPLETED_WITH_ERRORS", null),
                state("COMPLETED_WITH_ERRORS", java.time.Instant.now().toString())));

        assertEquals(IngestCommand.EXIT_OK, ingest(file));

        assertArrayEquals(Files.readAllBytes(file), receivedBody);
        assertEquals("filename=my+products.csv", receivedQuery);
        assertEquals("text/csv", receivedContentType);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Upload accepted: u-1"), printed);
        assertTrue(printed.contains("Upload u-1 (my products.csv): COMPLETED_WITH_ERRORS"), printed);
        assertTrue(printed.contains("   1. Bryce Jones  3"), printed);
        assertTrue(printed.contains("Totals: 4 products, 2 names"), printed);
        assertTrue(printed.contains("Dashboard: http://127.0.0.1:8080"), printed);
    }

    @Test
    void aRefusedUploadPrintsErrorAndDetailAndExitsOne() throws Exception {
        Path file = dir.resolve("wrong.csv");
        Files.writeString(file, "id,title\n1,x\n");
        uploadStatus = 400;
        uploadAnswer = "{\"error\":\"Wrong CSV header\",\"detail\":\"expected name,sku,description\"}";

        assertEquals(IngestCommand.EXIT_FAILED, ingest(file));
        assertEquals("Upload refused (400): Wrong CSV header — expected name,sku,description\n",
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aFailedIngestExitsOne() throws Exception {
        Path file = dir.resolve("p.csv");
        Files.writeString(file, "name,sku,description\n");
        uploadStates.add(state("FAILED", null));

        assertEquals(IngestCommand.EXIT_FAILED, ingest(file));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Upload u-1 (my products.csv): FAILED"));
    }

    private int retry(String id) throws InterruptedException {
        UploadClient client = new UploadClient(base.resolve("/api/uploads"), base.resolve("/api/aggregates"), TokenSource.NONE);
        return new IngestCommand(client, URI.create("http://127.0.0.1:8080"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), false)
                .retry(id);
    }

    @Test
    void aRetryIsRequestedAndFollowedUntilTheCountsAreExact() throws Exception {
        uploadAnswer = "{\"id\":\"u-1\",\"status\":\"INGESTING\",\"statusUrl\":\"/api/uploads/u-1\"}";
        uploadStates.addAll(List.of(state("INGESTING", null), state("COMPLETED", java.time.Instant.now().toString())));

        assertEquals(IngestCommand.EXIT_OK, retry("u-1"));

        assertEquals("/api/uploads/u-1/retry", receivedPath);
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("Retry requested: u-1"), printed);
        assertTrue(printed.contains("Upload u-1 (my products.csv): COMPLETED"), printed);
        assertEquals("", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRefusedRetryPrintsWhyAndExitsOne() throws Exception {
        uploadStatus = 409;
        uploadAnswer = "{\"error\":\"Nothing kept to retry\",\"detail\":\"Upload u-1 failed and nothing of it was "
                + "kept to retry: upload the file again\"}";

        assertEquals(IngestCommand.EXIT_FAILED, retry("u-1"));
        assertEquals("Retry refused (409): Nothing kept to retry — Upload u-1 failed and nothing of it was kept to "
                + "retry: upload the file again\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aRetryThatFailsAgainExitsOne() throws Exception {
        uploadStates.add(state("FAILED", null));

        assertEquals(IngestCommand.EXIT_FAILED, retry("u-1"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Upload u-1 (my products.csv): FAILED"));
    }
}
