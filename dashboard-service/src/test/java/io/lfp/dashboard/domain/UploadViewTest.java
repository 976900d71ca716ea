package io.lfp.dashboard.domain;

import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.IngestState;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class UploadViewTest {

    private static final Instant CREATED = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant STARTED = Instant.parse("2026-01-01T10:00:05Z");
    private static final Instant AT = Instant.parse("2026-01-01T10:00:09Z");

    private static UploadView row(String status) {
        return new UploadView("u1", "a.csv", status, 1000L, 100L, 10L, 9L, 1L, 9L, null, CREATED, STARTED, null,
                null);
    }

    @Test
    void liveProgressOverridesTheCountersWhileRunning() {
        LiveProgress live = LiveProgress.from(new IngestProgressed(1, "u1", IngestState.INGESTING, 600, 1000, 60,
                57, 3, 55, STARTED, AT));
        assertEquals(new UploadView("u1", "a.csv", "INGESTING", 1000L, 600L, 60L, 57L, 3L, 55L, null, CREATED,
                STARTED, null, null), row("INGESTING").withLive(live));
    }

    @Test
    void aFinishedEventShowsTheEndBeforeTheTableKnowsIt() {
        Instant finished = Instant.parse("2026-01-01T10:01:00Z");
        LiveProgress live = LiveProgress.from(new IngestFinished(1, "u1", IngestState.FAILED, 70, 60, 10, 58,
                STARTED, finished, "S3 object vanished"));
        assertEquals(new UploadView("u1", "a.csv", "FAILED", 1000L, 100L, 70L, 60L, 10L, 58L,
                "S3 object vanished", CREATED, STARTED, finished, null), row("INGESTING").withLive(live));
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
}
