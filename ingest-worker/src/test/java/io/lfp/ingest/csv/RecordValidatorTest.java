package io.lfp.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import io.lfp.ingest.domain.CsvRecord;
import io.lfp.ingest.domain.ProductRow;
import io.lfp.ingest.domain.RejectedRow;

class RecordValidatorTest {

    private static String reason(String... fields) {
        return RecordValidator.rejectReason(CsvRecord.parsed(7, 9, fields));
    }

    @Test
    void acceptsAValidRecordAndMapsColumns() {
        CsvRecord record = CsvRecord.parsed(7, 9, new String[] { "Name", "sku-1", "Desc" });
        assertNull(RecordValidator.rejectReason(record));
        assertEquals(new ProductRow("sku-1", "Name", "Desc", 7), RecordValidator.toProduct(record));
    }

    @Test
    void rejectsWithExactReasons() {
        assertEquals("expected 3 fields but found 2", reason("a", "b"));
        assertEquals("expected 3 fields but found 4", reason("a", "b", "c", "d"));
        assertEquals("empty sku", reason("a", "", "c"));
        assertEquals("empty sku", reason("a", "  ", "c"));
        assertEquals("sku longer than 255 characters", reason("a", "s".repeat(256), "c"));
        assertNull(reason("a", "s".repeat(255), "c"));
        assertEquals("name longer than 1024 characters", reason("n".repeat(1025), "s", "c"));
        assertNull(reason("n".repeat(1024), "s", "c"));
        assertEquals("description longer than 65536 characters", reason("n", "s", "d".repeat(65537)));
        assertNull(reason("n", "s", "d".repeat(65536)));
        assertEquals("invalid UTF-8", reason("n", "s", "d" + ProductCsvReader.MALFORMED));
        assertEquals(RecordValidator.NUL_CHARACTER, reason("n", "s\0", "d"));
    }

    @Test
    void charactersAreCodePointsNotUtf16Units() {
        String emoji = "\uD83D\uDE00";
        assertNull(reason("a", emoji.repeat(255), "c"));
        assertEquals("sku longer than 255 characters", reason("a", emoji.repeat(256), "c"));
    }

    @Test
    void rejectedRawTextIsTheRecordRejoinedAsCsv() {
        RejectedRow row = RecordValidator.toRejected(CsvRecord.parsed(3, 5, new String[] { "a,b", "say \"x\"", "l1\nl2" }),
                "expected 3 fields but found 2");
        assertEquals(new RejectedRow(3, 5, "expected 3 fields but found 2", "\"a,b\",\"say \"\"x\"\"\",\"l1\nl2\""), row);
    }
}
