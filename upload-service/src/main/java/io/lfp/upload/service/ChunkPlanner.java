package io.lfp.upload.service;

import java.util.ArrayList;
import java.util.List;

import io.lfp.upload.domain.ChunkPlan;
import io.lfp.upload.domain.FilePlan;

/**
 * Cuts a CSV file into record-aligned chunks while it streams past, in one pass and O(1) state
 * (plus the list of chunks found). Feed it every byte of the file in order, then call {@link #finish()}.
 * <p>
 * RFC 4180 quoting: every {@code "} toggles the quote state ({@code ""} inside a quoted field
 * toggles twice, which leaves it unchanged, as it should). A {@code \n} outside quotes ends a record
 * (so CRLF and LF both work, and a CRLF or LF inside quotes does not); every {@code \n} ends a
 * physical line. The first record is the header; chunk 0 starts right after it. A chunk is cut at
 * the first record end at or after {@code chunkSizeBytes} bytes into the chunk, so every chunk but
 * the last is at least that long and every chunk starts where a record starts. An empty line is a
 * record like any other (the ingest-worker decides what it is worth); bytes after the last newline
 * form a last record even without a newline or with an unterminated quote.
 */
public final class ChunkPlanner {

    private final long chunkSizeBytes;
    private final List<ChunkPlan> chunks = new ArrayList<>();

    private long position;
    private long newlines;
    private boolean inQuotes;
    private boolean headerDone;
    private long lastRecordEnd;
    private long recordsTotal;

    private long chunkStart;
    private long chunkFirstRecord;
    private long chunkFirstLine;
    private long chunkRecords;

    private FilePlan result;

    public ChunkPlanner(long chunkSizeBytes) {
        if (chunkSizeBytes < 1) {
            throw new IllegalArgumentException("chunkSizeBytes must be at least 1, was " + chunkSizeBytes);
        }
        this.chunkSizeBytes = chunkSizeBytes;
    }

    /** The next {@code length} bytes of the file. */
    public void feed(byte[] data, int offset, int length) {
        if (result != null) {
            throw new IllegalStateException("the plan is finished");
        }
        // the hot loop of every upload: only a local flag and two byte comparisons per byte
        boolean quoted = inQuotes;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            byte b = data[i];
            if (b == '"') {
                quoted = !quoted;
            } else if (b == '\n') {
                newlines++;
                if (!quoted) {
                    recordEnd(position + (i - offset) + 1);
                }
            }
        }
        inQuotes = quoted;
        position += length;
    }

    private void recordEnd(long end) {
        lastRecordEnd = end;
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

    private void startChunk(long at) {
        chunkStart = at;
        chunkFirstRecord = recordsTotal + 1;
        chunkFirstLine = newlines + 1;
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
            if (headerDone && position > chunkStart) {
                if (position > lastRecordEnd) {
                    // a last record without a newline (or inside an unterminated quote)
                    chunkRecords++;
                    recordsTotal++;
                }
                chunks.add(new ChunkPlan(chunks.size(), chunkStart, position, chunkFirstRecord, chunkFirstLine,
                        chunkRecords));
            }
            result = new FilePlan(List.copyOf(chunks), recordsTotal, position);
        }
        return result;
    }
}
