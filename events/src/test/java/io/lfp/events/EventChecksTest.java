package io.lfp.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class EventChecksTest {

    @Test
    void eachCheckNamesTheRuleAndTheReasonCode() {
        DeadLetterException unreadable = assertThrows(DeadLetterException.class,
                () -> EventChecks.readable(null, Topics.FILE_UPLOADED));
        assertEquals(DeadLetterException.UNREADABLE, unreadable.reason());
        assertEquals("Not a readable file-uploaded event (malformed JSON or an empty value)", unreadable.getMessage());

        DeadLetterException version = assertThrows(DeadLetterException.class,
                () -> EventChecks.version(3, 1, 2, Topics.INGEST_CHUNKS));
        assertEquals(DeadLetterException.UNKNOWN_VERSION, version.reason());
        assertEquals("Unknown ingest-chunks version 3 (this consumer reads v1 to v2)", version.getMessage());
        assertEquals("Unknown upload-aborted version 0 (this consumer reads v1)", assertThrows(DeadLetterException.class,
                () -> EventChecks.version(0, 1, 1, Topics.UPLOAD_ABORTED)).getMessage());

        DeadLetterException uuid = assertThrows(DeadLetterException.class,
                () -> EventChecks.uuid("1-2-3-4-5", "uploadId", Topics.INGEST_FINISHED));
        assertEquals(DeadLetterException.INVALID, uuid.reason());
        assertEquals("ingest-finished: uploadId is not a UUID", uuid.getMessage());
        assertEquals("ingest-finished: uploadId is not a UUID", assertThrows(DeadLetterException.class,
                () -> EventChecks.uuid(null, "uploadId", Topics.INGEST_FINISHED)).getMessage());

        assertEquals("product-changed: expected editId > 0", assertThrows(DeadLetterException.class,
                () -> EventChecks.require(false, "editId > 0", Topics.PRODUCT_CHANGED)).getMessage());
    }

    @Test
    void validValuesPass() {
        UUID id = UUID.randomUUID();
        assertEquals(id, EventChecks.uuid(id.toString(), "uploadId", Topics.FILE_UPLOADED));
        assertEquals("x", EventChecks.readable("x", Topics.FILE_UPLOADED));
        EventChecks.version(2, 1, 2, Topics.INGEST_CHUNKS);
        EventChecks.require(true, "anything", Topics.INGEST_CHUNKS);
    }

    @Test
    void everyTopicHasItsDeadLetterTopic() {
        assertEquals("file-uploaded-dlq", Topics.deadLetter(Topics.FILE_UPLOADED));
        assertEquals(List.of("a", "b", "a-dlq", "b-dlq"), Topics.withDeadLetters(List.of("a", "b")));
    }
}
