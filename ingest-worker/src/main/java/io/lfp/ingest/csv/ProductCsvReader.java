package io.lfp.ingest.csv;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import io.lfp.csv.CsvFields;
import io.lfp.csv.RecordScanner;
import io.lfp.ingest.domain.CsvRecord;

/**
 * Streams a products CSV (UTF-8) record by record. Records are cut here, on the bytes, by {@link RecordScanner}:
 * the grammar upload-service cut the chunks with, so the records and lines counted here are the ones it
 * announced. A quote opens a quoted field only at the start of a field; a line break (CRLF, LF or a lone CR)
 * outside quotes ends a record, and a line break inside a quoted field is kept as LF. A record longer than the
 * record limit is {@link #isOversized()}: it ends at the next line break whatever its quotes, and only its
 * first {@code maxRecordBytes} bytes are kept, so one broken record never costs the rest of the chunk nor
 * memory beyond the limit.
 * <p>
 * A record's bytes ({@link #recordBytes()}) can be staged as they are when they are plain
 * ({@link PlainRecords}); {@link #record()} gives any record as fields: decoded (a malformed sequence
 * becomes {@link #MALFORMED}) and split by {@link CsvFields}, the same grammar. Not thread-safe; one instance
 * per object or chunk being read.
 */
public final class ProductCsvReader implements Closeable {

    /**
     * Stands in for every malformed UTF-8 sequence. A lone low surrogate can never come out of
     * decoding valid UTF-8, so a record holding one was invalid in the file, exactly; U+FFFD
     * could not tell that apart from a genuine U+FFFD in the data.
     */
    public static final char MALFORMED = '\uDFFF';

    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final RecordScanner scanner;
    /** Bytes of a record kept: the limit and a CRLF; the rest of an oversized record is only scanned. */
    private final long keptBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)
            .replaceWith(String.valueOf(MALFORMED));
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private int position;
    private int limit;
    /** The current record's bytes, line breaks inside quotes as LF, without the break that ended it. */
    private byte[] record = new byte[4096];
    private int recordLength;
    private boolean unterminated;
    private boolean oversized;
    private long recordLine;
    /** Physical lines before the first line this reader sees (0 for a whole file, which starts with the header). */
    private final long linesBefore;
    private long recordNumber;
    private boolean ended;

    /**
     * Reads one chunk of a file: no header (a chunk never holds it), records numbered from
     * {@code firstRecord}, starting on physical line {@code firstLine} of the file, cut with the record limit
     * {@code maxRecordBytes} (the one upload-service planned with).
     */
    public static ProductCsvReader forChunk(InputStream in, long firstRecord, long firstLine, long maxRecordBytes) {
        return new ProductCsvReader(in, firstRecord - 1, firstLine - 1, maxRecordBytes);
    }

    private ProductCsvReader(InputStream in, long recordsBefore, long linesBefore, long maxRecordBytes) {
        this.in = in;
        this.recordNumber = recordsBefore;
        this.linesBefore = linesBefore;
        this.scanner = new RecordScanner(maxRecordBytes);
        this.keptBytes = Math.min(maxRecordBytes + 2, Integer.MAX_VALUE - 8);
    }

    /** The next data record as fields, or null at the end of the object; see {@link #advance()}. */
    public CsvRecord next() throws IOException {
        return advance() ? record() : null;
    }

    /**
     * Moves to the next data record; false at the end of the object. A record whose quoted field is
     * still open when the object ends is {@link #isUnterminated()}.
     */
    public boolean advance() throws IOException {
        if (ended) {
            return false;
        }
        recordLine = linesBefore + scanner.lineBreaks() + 1;
        recordLength = 0;
        while (true) {
            if (position == limit && !fill()) {
                ended = true;
                return scanner.finish() && recordRead();
            }
            int end = scanner.nextRecordEnd(buffer, position, limit);
            int to = end < 0 ? limit : end;
            append(position, to);
            position = to;
            if (end >= 0) {
                return recordRead();
            }
        }
    }

    private boolean recordRead() {
        recordNumber++;
        unterminated = scanner.unterminated();
        oversized = scanner.oversized();
        if (oversized) {
            recordLength = (int) Math.min(recordLength, scanner.maxRecordBytes());
            return true;
        }
        recordLength -= scanner.terminatorLength();
        long breaksInside = scanner.lineBreaks() - (recordLine - linesBefore - 1)
                - (scanner.terminatorLength() > 0 ? 1 : 0);
        if (breaksInside > 0) {
            newlinesAsLf();
        }
        if (unterminated && recordLength > 0 && record[recordLength - 1] == '\n') {
            recordLength--; // the raw lines, without the break that ended the last one
        }
        return true;
    }

    /** Every line break left in a record is inside quotes (or in an unterminated one): CRLF and CR become LF. */
    private void newlinesAsLf() {
        int w = 0;
        for (int r = 0; r < recordLength; r++) {
            byte b = record[r];
            if (b == '\r') {
                if (r + 1 < recordLength && record[r + 1] == '\n') {
                    r++;
                }
                b = '\n';
            }
            record[w++] = b;
        }
        recordLength = w;
    }

    /** 1-based, the header excluded. */
    public long recordNumber() {
        return recordNumber;
    }

    /** The physical line the current record starts on (the header is line 1). */
    public long lineNumber() {
        return recordLine;
    }

    public boolean isUnterminated() {
        return unterminated;
    }

    /** The record went past the record limit; its bytes are only the first {@code maxRecordBytes}. */
    public boolean isOversized() {
        return oversized;
    }

    /** Neither unterminated nor oversized: a record of fields. */
    public boolean isWhole() {
        return !unterminated && !oversized;
    }

    /** The current record's bytes, valid up to {@link #recordLength()}; overwritten by the next advance. */
    public byte[] recordBytes() {
        return record;
    }

    public int recordLength() {
        return recordLength;
    }

    /** The current record as fields, or as raw text with the reason when it is not {@link #isWhole()}. */
    public CsvRecord record() {
        String text = decode();
        if (oversized) {
            return CsvRecord.unreadable(recordNumber, recordLine, text,
                    RecordValidator.tooLong(scanner.maxRecordBytes()));
        }
        if (unterminated) {
            return CsvRecord.unreadable(recordNumber, recordLine, text, RecordValidator.UNTERMINATED);
        }
        return CsvRecord.parsed(recordNumber, recordLine, CsvFields.split(text));
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    private boolean fill() throws IOException {
        int read;
        do {
            read = in.read(buffer, 0, buffer.length);
        } while (read == 0);
        position = 0;
        limit = Math.max(read, 0);
        return read > 0;
    }

    /**
     * One record at a time: a record ends on CR or LF, which are never part of a multi-byte sequence,
     * so a malformed sequence is replaced just as when the whole stream is decoded.
     */
    private String decode() {
        try {
            return decoder.reset().decode(ByteBuffer.wrap(record, 0, recordLength)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalStateException("cannot happen: malformed input is replaced", e);
        }
    }

    /** Keeps at most {@link #keptBytes} of a record. */
    private void append(int from, int to) {
        int length = (int) Math.min(to - from, keptBytes - recordLength);
        if (length <= 0) {
            return;
        }
        if (recordLength + length > record.length) {
            record = Arrays.copyOf(record, (int) Math.min(Math.max(recordLength + length, 2L * record.length),
                    keptBytes));
        }
        System.arraycopy(buffer, from, record, recordLength, length);
        recordLength += length;
    }
}
