package io.lfp.ingest.csv;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import io.lfp.ingest.domain.CsvRecord;
import io.lfp.ingest.domain.RejectedRow;
import io.lfp.ingest.repository.StagedRows;

/** Parses one chunk's bytes into the rows to stage and the records rejected; pure, no state. */
public final class ChunkParser {

    /** What the rows of a chunk take at first; they grow as they come, up to what the chunk really holds. */
    private static final int MAX_INITIAL_ROW_BYTES = 16 * 1024 * 1024;

    private ChunkParser() {
    }

    /**
     * Parses and validates a chunk's bytes: its valid rows and rejected records (a record longer than
     * {@code maxRecordBytes} among them, read on from the next line end). Plain records are staged from their
     * bytes ({@link PlainRecords}); the others are decoded and split as fields. The caller owns and closes
     * {@code in}.
     */
    public static ChunkContent parse(InputStream in, long firstRecord, long firstLine, long chunkBytes, long maxRecordBytes)
            throws IOException {
        // COPY rows take a little more than their CSV text: one growth at most for a usual chunk
        StagedRows rows = new StagedRows((int) Math.min(chunkBytes + chunkBytes / 4, MAX_INITIAL_ROW_BYTES));
        List<RejectedRow> rejected = new ArrayList<>();
        PlainRecords plain = new PlainRecords();
        long rowsRead = 0;
        ProductCsvReader reader = ProductCsvReader.forChunk(in, firstRecord, firstLine, maxRecordBytes);
        while (reader.advance()) {
            rowsRead++;
            if (reader.isWhole()
                    && plain.stage(reader.recordBytes(), reader.recordLength(), reader.recordNumber(), rows)) {
                continue;
            }
            CsvRecord record = reader.record();
            String reason = RecordValidator.rejectReason(record);
            if (reason == null) {
                rows.add(RecordValidator.toProduct(record));
            } else {
                rejected.add(RecordValidator.toRejected(record, reason));
            }
        }
        return new ChunkContent(rows, rejected, rowsRead, null);
    }
}
