package io.lfp.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lfp.ingest.CopyRows;
import io.lfp.ingest.domain.ProductRow;

class ParserWarmupTest {

    @Test
    void theGeneratedRecordsAreAllValidSoTheWarmUpRunsTheWholeParsePath() throws Exception {
        ChunkContent content = ChunkParser.parse(new ByteArrayInputStream(ParserWarmup.sample(1000)), 1, 2, 1000, 262_144);
        List<ProductRow> rows = CopyRows.decode(content.rows());
        assertNull(content.malformed());
        assertEquals(1000, content.rowsRead());
        assertEquals(1000, rows.size());
        assertEquals(0, content.rejected().size());
        assertEquals(new ProductRow("SKU-2", "Dr. Name 2", "A description, with \"quotes\"\nand a second line #2", 2),
                rows.get(1));
    }
}
