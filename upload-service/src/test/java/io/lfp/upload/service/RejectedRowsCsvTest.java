package io.lfp.upload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.lfp.upload.repository.RejectedRowRepository.RejectedRow;

class RejectedRowsCsvTest {

    @Test
    void rowsAreCrlfRecordsQuotedOnlyWhereRfc4180Requires() {
        assertEquals("record_number,line_number,reason,raw_text\r\n", RejectedRowsCsv.HEADER);
        assertEquals("7,9,expected 3 fields but found 2,\"Ann,\"\"a\r\nb\"\"\"\r\n"
                + "8,12,empty sku,\"x,,y\"\r\n"
                + "9,13,unterminated,back\\slash 'single'\r\n",
                RejectedRowsCsv.toCsv(List.of(
                        new RejectedRow(7, 9, "expected 3 fields but found 2", "Ann,\"a\r\nb\""),
                        new RejectedRow(8, 12, "empty sku", "x,,y"),
                        new RejectedRow(9, 13, "unterminated", "back\\slash 'single'"))));
    }
}
