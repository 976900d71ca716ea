package io.lfp.dashboard.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;

class UploadViewTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:05Z");
    private static final Instant AT = Instant.parse("2026-01-01T10:00:09Z");

    /** A table row whose counters were taken at AT: 10 rows in 4 s, 4 chunks of 40 records. */
    private static UploadView row(String status) {
        return new UploadView("u1", "a.csv", status, 1000L, 100L, 10L, 9L, 1L, 9L, null, CREATED, STARTED, null,
                null, 4, 1, 0, 40L, 0, null, null, "alice").measuredAt(AT);
    }

    @Test
    void liveProgressOverridesTheCountersWhileRunning() {
        LiveProgress live = LiveProgress.from(new IngestProgressed(2, "u1", IngestState.INGESTING, 600, 1000, 60,
                57, 3, 55, STARTED, STARTED.plusSeconds(20), 4, 3, 0, 80));
        // 60 rows in the 20 s up to the event: 3 rows/s, 20 records left take 7 s.
        assertEquals(new UploadView("u1", "a.csv", "INGESTING", 1000L, 600L, 60L, 57L, 3L, 55L, null, CREATED,
                STARTED, null, null, 4, 3, 0, 80L, 3.0, 7L, 20.0, "alice"), row("INGESTING").withLive(live));
    }

    @Test
    void aV1EventWithoutChunkCountersKeepsTheTables() {
        LiveProgress live = LiveProgress.from(new IngestProgressed(1, "u1", IngestState.INGESTING, 600, 1000, 60,
                57, 3, 55, STARTED, STARTED.plusSeconds(20)));
        UploadView view = row("INGESTING").withLive(live);
        assertEquals(4, view.chunksTotal());
        assertEquals(1, view.chunksDone());
        assertEquals(40L, view.recordsTotal());
    }

    @Test
    void aFinishedEventShowsTheEndBeforeTheTableKnowsIt() {
        Instant finished = Instant.parse("2026-01-01T10:01:05Z");
        LiveProgress live = LiveProgress.from(new IngestFinished(2, "u1", IngestState.FAILED, 70, 60, 10, 58,
                STARTED, finished, "S3 object vanished", 4, 1));
        assertEquals(new UploadView("u1", "a.csv", "FAILED", 1000L, 100L, 70L, 60L, 10L, 58L,
                "S3 object vanished", CREATED, STARTED, finished, null, 4, 3, 1, 40L, 70 / 60.0, 0L, 60.0, "alice"),
                row("INGESTING").withLive(live));
    }

    @Test
    void aCompletedJobHasReadTheWholeObject() {
        LiveProgress live = LiveProgress.from(new IngestFinished(1, "u1", IngestState.COMPLETED, 70, 70, 0, 70,
                STARTED, AT, null));
        assertEquals(1000L, row("INGESTING").withLive(live).bytesRead());
    }

    @Test
    void theTableWinsOnceItSaysTheJobEnded() {
        LiveProgress live = LiveProgress.from(new IngestProgressed(1, "u1", IngestState.INGESTING, 600, 1000, 60,
                57, 3, 55, STARTED, AT));
        UploadView done = row("COMPLETED_WITH_ERRORS");
        assertSame(done, done.withLive(live));
        UploadView none = row("INGESTING");
        assertSame(none, none.withLive(null));
    }

    /** upload-service's formulas (UploadResponse): the page shows the same numbers as its API. */
    @Test
    void ratesAsUploadServiceComputesThem() {
        UploadView running = row("INGESTING");
        assertEquals(2.5, running.rowsPerSecond());
        assertEquals(4.0, running.durationSeconds());
        assertEquals(12L, running.etaSeconds());

        UploadView queued = new UploadView("u1", "a.csv", "QUEUED", 1000L, 0L, 0L, 0L, 0L, 0L, null, CREATED, null,
                null, null, 4, 0, 0, 40L, 0, null, null, null).measuredAt(AT);
        assertEquals(0.0, queued.rowsPerSecond());
        assertNull(queued.etaSeconds());
        assertNull(queued.durationSeconds());

        UploadView unknownTotal = new UploadView("u1", "a.csv", "INGESTING", 1000L, 100L, 10L, 9L, 1L, 9L, null,
                CREATED, STARTED, null, null, 0, 0, 0, 0L, 0, null, null, null).measuredAt(AT);
        assertNull(unknownTotal.etaSeconds());

        Instant finished = STARTED.plusSeconds(8);
        UploadView ended = new UploadView("u1", "a.csv", "COMPLETED", 1000L, 1000L, 40L, 40L, 0L, 40L, null,
                CREATED, STARTED, finished, null, 4, 4, 0, 40L, 0, null, null, null).measuredAt(finished.plusSeconds(600));
        assertEquals(5.0, ended.rowsPerSecond());
        assertEquals(8.0, ended.durationSeconds());
        assertEquals(0L, ended.etaSeconds());
    }
}
