package io.lfp.ingest.service;

import java.util.List;

import io.lfp.ingest.domain.RejectedRow;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTextTest {

    @Test
    void quotesOnlyWhatRfc4180Requires() {
        assertEquals("plain,with space,", CsvText.join("plain", "with space", ""));
        assertEquals("\"a,b\",\"q\"\"q\",\"l\nl\",\"c\rr\",back\\slash", CsvText.join("a,b", "q\"q", "l\nl", "c\rr", "back\\slash"));
    }

    @Test
    void rejectedRowsAreCrlfRecordsUnderTheirHeader() {
        assertEquals("record_number,line_number,reason,raw_text\r\n", JobQueryService.REJECTED_HEADER);
        assertEquals("7,9,expected 3 fields but found 2,\"Ann,\"\"a\r\nb\"\"\"\r\n"
                        + "8,12,empty sku,\"x,,y\"\r\n",
                JobQueryService.toCsv(List.of(
                        new RejectedRow(7, 9, "expected 3 fields but found 2", "Ann,\"a\r\nb\""),
                        new RejectedRow(8, 12, "empty sku", "x,,y"))));
    }
}
