package io.lfp.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvTextTest {

    @Test
    void quotesOnlyWhatRfc4180Requires() {
        assertEquals("plain,with space,", CsvText.join("plain", "with space", ""));
        assertEquals("\"a,b\",\"q\"\"q\",\"l\nl\",\"c\rr\",back\\slash",
                CsvText.join("a,b", "q\"q", "l\nl", "c\rr", "back\\slash"));
    }
}
