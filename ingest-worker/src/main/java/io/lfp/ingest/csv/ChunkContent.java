package io.lfp.ingest.csv;

import java.util.List;

import io.lfp.ingest.domain.RejectedRow;
import io.lfp.ingest.repository.StagedRows;

/**
 * A chunk as parsed: its valid rows in file order, encoded for COPY, and its rejected records. Bounded by
 * the chunk size, which is bounded by {@code lfp.ingest.max-chunk-bytes}, so holding it in memory is fine.
 *
 * @param rows valid rows, in file order (duplicates included)
 * @param rejected records that cannot be loaded
 * @param rowsRead records read
 * @param malformed why the chunk cannot be loaded (too large to read, records not the planned ones); null
 *        when it can
 */
public record ChunkContent(StagedRows rows, List<RejectedRow> rejected, long rowsRead, String malformed) {

    public static ChunkContent empty() {
        return new ChunkContent(new StagedRows(0), List.of(), 0, null);
    }

    /** A chunk that fails, the same way on every attempt: nothing of it is staged. */
    public static ChunkContent failed(String why) {
        return new ChunkContent(new StagedRows(0), List.of(), 0, why);
    }
}
