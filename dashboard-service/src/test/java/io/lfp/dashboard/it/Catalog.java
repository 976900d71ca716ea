package io.lfp.dashboard.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The fixture rows every integration test starts from, and what users should see of them. */
final class Catalog {

    static final UUID FIRST_UPLOAD = UUID.fromString("00000000-0000-0000-0000-000000000001");
    static final UUID RUNNING_UPLOAD = UUID.fromString("00000000-0000-0000-0000-000000000002");
    static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private Catalog() {
    }

    /**
     * 8 products, 4 names (Widget 3, Bolt 2, Gadget 2, Gizmo 1), 2 uploads (one done, one running).
     * Two descriptions are markup, to show it comes back as plain text.
     */
    static void load() {
        FixtureDb.reset();
        FixtureDb.product("ABC-1", "Bolt", "Hex bolt");
        FixtureDb.product("ABC-2", "Bolt", "Carriage bolt");
        FixtureDb.product("SKU-001", "Widget", "A small widget");
        FixtureDb.product("SKU-002", "Widget", "<script>alert(1)</script>");
        FixtureDb.product("SKU-003", "Gadget", "<img src=x onerror=alert(1)>");
        FixtureDb.product("SKU-010", "Gizmo", "Line one\nline two, with a comma");
        FixtureDb.product("SKU-011", "Widget", "Blue");
        FixtureDb.product("SKU-020", "Gadget", "Red");
        FixtureDb.recomputeCounts();
        FixtureDb.upload(FIRST_UPLOAD, 1, "products-a.csv", "alice", "COMPLETED", 1000, 1000L, 8L, 8L, 0L, 8L, null,
                T0, T0.plusSeconds(1), T0.plusSeconds(2), T0.plusSeconds(3), 2, 2, 0, 8);
        FixtureDb.upload(RUNNING_UPLOAD, 2, "products-b.csv", "bob", "INGESTING", 2000, 500L, 5L, 5L, 0L, 5L, null,
                T0.plusSeconds(60), T0.plusSeconds(61), null, null, 4, 1, 0, 20);
    }

    static final String TOP_NAMES = """
            [{"name":"Widget","count":3},{"name":"Bolt","count":2},{"name":"Gadget","count":2},
             {"name":"Gizmo","count":1}]""";

    /** Ended: 8 rows read in the second between start and finish. */
    static final String FIRST_UPLOAD_JSON = """
            {"id":"00000000-0000-0000-0000-000000000001","filename":"products-a.csv","status":"COMPLETED",
             "sizeBytes":1000,"bytesRead":1000,"rowsRead":8,"rowsLoaded":8,"rowsRejected":0,"productsWritten":8,
             "error":null,"createdAt":"2026-01-01T10:00:00Z","startedAt":"2026-01-01T10:00:01Z",
             "finishedAt":"2026-01-01T10:00:02Z","aggregatedAt":"2026-01-01T10:00:03Z",
             "chunksTotal":2,"chunksDone":2,"chunksFailed":0,"recordsTotal":8,
             "rowsPerSecond":8.0,"etaSeconds":0,"durationSeconds":1.0,"uploadedBy":"alice"}""";

    /**
     * Running, as the table says; without its rate fields, which are measured up to the moment the
     * view was built (see {@link #withoutClockFields}).
     */
    static final String RUNNING_UPLOAD_JSON = """
            {"id":"00000000-0000-0000-0000-000000000002","filename":"products-b.csv","status":"INGESTING",
             "sizeBytes":2000,"bytesRead":500,"rowsRead":5,"rowsLoaded":5,"rowsRejected":0,"productsWritten":5,
             "error":null,"createdAt":"2026-01-01T10:01:00Z","startedAt":"2026-01-01T10:01:01Z",
             "finishedAt":null,"aggregatedAt":null,
             "chunksTotal":4,"chunksDone":1,"chunksFailed":0,"recordsTotal":20,"uploadedBy":"bob"}""";

    /**
     * The answer with rowsPerSecond, etaSeconds and durationSeconds removed from the running fixture
     * upload while no event told its progress: the table does not say when its counters were taken,
     * so those are measured up to "now" (checked on their own in DashboardApiTest).
     */
    static String withoutClockFields(ObjectMapper json, String answer) {
        try {
            JsonNode tree = json.readTree(answer);
            JsonNode items = tree.has("items") ? tree.get("items") : null;
            if (items != null) {
                items.forEach(Catalog::stripIfRunningFixture);
            } else {
                stripIfRunningFixture(tree);
            }
            return json.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stripIfRunningFixture(JsonNode item) {
        if (item instanceof ObjectNode o && RUNNING_UPLOAD.toString().equals(o.path("id").asText())
                && "INGESTING".equals(o.path("status").asText()) && o.path("startedAt").asText()
                        .equals("2026-01-01T10:01:01Z")
                && o.path("rowsRead").asLong() == 5) {
            o.remove(java.util.List.of("rowsPerSecond", "etaSeconds", "durationSeconds"));
        }
    }
}
