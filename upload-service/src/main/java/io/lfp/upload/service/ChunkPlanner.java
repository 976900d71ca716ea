package io.lfp.upload.service;

import java.util.ArrayList;
import java.util.List;

import io.lfp.csv.RecordScanner;
import io.lfp.upload.config.UploadConfig;
import io.lfp.upload.domain.ChunkPlan;
import io.lfp.upload.domain.FilePlan;
import io.lfp.upload.domain.RecordTooLongException;

/**
 * Cuts a CSV file into record-aligned chunks while it streams past, in one pass and O(1) state
 * (plus the list of chunks found). Feed it every byte of the file in order, then call {@link #finish()}.
 * <p>
 * Records are found by {@link RecordScanner}, the grammar ingest-worker reads them with: a quote opens a
 * quoted field only at the start of a field, a line break (CRLF, LF or CR) outside quotes ends a record, and a
 * record longer than the record limit ends at the next line break. The first record is the header; chunk 0
 * starts right after it. A chunk is cut at the first record end at or after {@code chunkSizeBytes} bytes into
 * the chunk, so every chunk but the last is at least that long and every chunk starts where a record starts.
 * No chunk grows past the hard cap: a file whose records do not end before that (a line of tens of MiB) is
 * refused with {@link RecordTooLongException}. An empty line is a record like any other (the ingest-worker
 * decides what it is worth); bytes after the last line break form a last record even without one or with an
 * unterminated quote.
 */
public final class ChunkPlanner {

    private final long chunkSizeBytes;
    private final long maxChunkBytes;
    private final RecordScanner scanner;
    private final List<ChunkPlan> chunks = new ArrayList<>();

    private long position;
    private boolean headerDone;
    private long recordsTotal;
    /** Line where the record being read starts. */
    private long recordLine = 1;

    private long chunkStart;
    private long chunkFirstRecord;
    private long chunkFirstLine;
    private long chunkRecords;

    private FilePlan result;

    /**
     * @param chunkSizeBytes size a chunk reaches before it is cut at the next record end
     * @param maxChunkBytes hard cap on a chunk; raised to what a chunk of valid records can take
     *        ({@code chunkSizeBytes + maxRecordBytes + 2}) when below that
     * @param maxRecordBytes the record limit, as in {@link RecordScanner}
     */
    public ChunkPlanner(long chunkSizeBytes, long maxChunkBytes, long maxRecordBytes) {
        if (chunkSizeBytes < 1) {
            throw new IllegalArgumentException("chunkSizeBytes must be at least 1, was " + chunkSizeBytes);
        }
        this.chunkSizeBytes = chunkSizeBytes;
        this.scanner = new RecordScanner(maxRecordBytes);
        this.maxChunkBytes = Math.max(maxChunkBytes, chunkSizeBytes + maxRecordBytes + 2);
    }

    /** A planner with the configured chunk size, hard cap and record limit. */
    public static ChunkPlanner of(UploadConfig config) {
        return new ChunkPlanner(config.chunkSizeBytes(), config.maxChunkBytes(), config.maxRecordBytes());
    }

    /**
     * The next {@code length} bytes of the file.
     *
     * @throws RecordTooLongException when the current chunk grew past the hard cap without a record end
     */
    public void feed(byte[] data, int offset, int length) {
        if (result != null) {
            throw new IllegalStateException("the plan is finished");
        }
        int end = offset + length;
        int at = offset;
        int recordEnd;
        while ((recordEnd = scanner.nextRecordEnd(data, at, end)) >= 0) {
            recordEnd(position + (recordEnd - offset));
            at = recordEnd;
        }
        position += length;
        checkCap(position);
    }

    private void recordEnd(long end) {
        checkCap(end);
        recordLine = scanner.lineBreaks() + 1;
        if (!headerDone) {
            headerDone = true;
            startChunk(end);
            return;
        }
        chunkRecords++;
        recordsTotal++;
        if (end - chunkStart >= chunkSizeBytes) {
            chunks.add(new ChunkPlan(chunks.size(), chunkStart, end, chunkFirstRecord, chunkFirstLine, chunkRecords));
            startChunk(end);
        }
    }

    private void checkCap(long chunkEnd) {
        if (chunkEnd - chunkStart > maxChunkBytes) {
            throw new RecordTooLongException(recordLine, maxChunkBytes);
        }
    }

    private void startChunk(long at) {
        chunkStart = at;
        chunkFirstRecord = recordsTotal + 1;
        chunkFirstLine = recordLine;
        chunkRecords = 0;
    }

    /** The chunks cut so far, in file order (the last one is added by {@link #finish()}). */
    public List<ChunkPlan> chunksSoFar() {
        return java.util.Collections.unmodifiableList(chunks);
    }

    /** True once the header's record end has been seen (the first data record can only start after it). */
    public boolean headerComplete() {
        return headerDone;
    }

    /** Ends the file: the last chunk runs to the end. Idempotent. */
    public FilePlan finish() {
        if (result == null) {
            if (scanner.finish()) {
                // a last record without a line break (or inside an unterminated quote), or ending in a CR
                recordEnd(position);
            }
            if (headerDone && position > chunkStart) {
                chunks.add(new ChunkPlan(chunks.size(), chunkStart, position, chunkFirstRecord, chunkFirstLine,
                        chunkRecords));
            }
            result = new FilePlan(List.copyOf(chunks), recordsTotal, position);
        }
        return result;
    }
}
