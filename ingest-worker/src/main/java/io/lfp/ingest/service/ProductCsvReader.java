package io.lfp.ingest.service;

import com.opencsv.RFC4180Parser;
import com.opencsv.RFC4180ParserBuilder;
import io.lfp.ingest.domain.CsvRecord;
import io.lfp.ingest.domain.MalformedFileException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Streams a products CSV (UTF-8, RFC 4180) record by record. Records are cut here, on the bytes, by a
 * quote-aware scan (a line break inside quotes does not end a record); line breaks are read as
 * BufferedReader reads them — CRLF, LF or a lone CR — and a line break inside a quoted field is kept as LF.
 * Cutting on bytes is exact for UTF-8: quote, CR and LF never occur inside a multi-byte sequence.
 * <p>
 * A record's bytes ({@link #recordBytes()}) can be staged as they are when they are plain
 * ({@link PlainRecords}); {@link #record()} gives any record as fields: decoded (a malformed sequence
 * becomes {@link #MALFORMED}) and split by opencsv's RFC 4180 parser (the default CSVParser treats a
 * backslash as an escape character and corrupts such data). Not thread-safe; one instance per object or
 * chunk being read.
 */
public final class ProductCsvReader implements Closeable {

    /**
     * Stands in for every malformed UTF-8 sequence. A lone low surrogate can never come out of
     * decoding valid UTF-8, so a record holding one was invalid in the file, exactly; U+FFFD
     * could not tell that apart from a genuine U+FFFD in the data.
     */
    public static final char MALFORMED = '\uDFFF';

    /**
     * Bounds on one record's raw text. A quote opened and never closed would make the rest of the
     * object one record: stop early and fail the file instead of swallowing a multi-GB object. A valid
     * record has at most 66,815 characters of fields (about twice that quoted), so a million characters
     * or ten thousand lines is a broken file.
     */
    public static final int MAX_LINES_PER_RECORD = 10_000;
    public static final int MAX_RECORD_CHARS = 1_000_000;

    private static final int BUFFER_BYTES = 64 * 1024;

    private final InputStream in;
    private final RFC4180Parser parser = new RFC4180ParserBuilder().build();
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
    /** Characters in the first {@code bytesCounted} bytes of the record, counted once it got long. */
    private long charsCounted;
    private int bytesCounted;
    private boolean unterminated;
    private long recordLine;
    /** A CR ended the last line: an LF right after it belongs to that line break. */
    private boolean skipLf;
    /** Physical lines before the first line this reader sees (0 for a whole file, which starts with the header). */
    private final long linesBefore;
    private long linesRead;
    private long recordNumber;
    private boolean ended;

    /**
     * Reads one chunk of a file: no header (a chunk never holds it), records numbered from
     * {@code firstRecord}, starting on physical line {@code firstLine} of the file.
     */
    public static ProductCsvReader forChunk(InputStream in, long firstRecord, long firstLine) {
        return new ProductCsvReader(in, firstRecord - 1, firstLine - 1);
    }

    private ProductCsvReader(InputStream in, long recordsBefore, long linesBefore) {
        this.in = in;
        this.recordNumber = recordsBefore;
        this.linesBefore = linesBefore;
    }

    /** The next data record as fields, or null at the end of the object; see {@link #advance()}. */
    public CsvRecord next() throws IOException, MalformedFileException {
        return advance() ? record() : null;
    }

    /**
     * Moves to the next data record; false at the end of the object. A record whose quoted field is
     * still open when the object ends is {@link #isUnterminated()} and ends the stream.
     */
    public boolean advance() throws IOException, MalformedFileException {
        if (ended) {
            return false;
        }
        recordLine = linesBefore + linesRead + 1;
        recordLength = 0;
        unterminated = false;
        charsCounted = 0;
        bytesCounted = 0;
        boolean inQuotes = false;
        boolean readAny = false;
        int lines = 1;
        while (true) {
            if (position == limit && !fill()) {
                ended = true;
                if (inQuotes) {
                    unterminated = true;
                    if (recordLength > 0 && record[recordLength - 1] == '\n') {
                        recordLength--; // the raw lines, without the break that ended the last one
                    }
                    recordNumber++;
                    return true;
                }
                if (readAny) {
                    recordNumber++;
                    return true;
                }
                return false;
            }
            if (skipLf) {
                skipLf = false;
                if (buffer[position] == '\n') {
                    position++;
                    continue;
                }
            }
            readAny = true;
            int segmentStart = position;
            while (position < limit) {
                int c = buffer[position] & 0xFF;
                if (c > '"') { // most bytes: nothing to look at
                    position++;
                } else if (c == '"') {
                    inQuotes = !inQuotes;
                    position++;
                } else if (c == '\n' || c == '\r') {
                    append(segmentStart, position);
                    position++;
                    linesRead++;
                    if (c == '\r') {
                        if (position < limit) {
                            if (buffer[position] == '\n') {
                                position++;
                            }
                        } else {
                            skipLf = true;
                        }
                    }
                    if (!inQuotes) {
                        recordNumber++;
                        return true;
                    }
                    appendLf();
                    if (++lines > MAX_LINES_PER_RECORD) {
                        throw endMalformed("spans more than " + MAX_LINES_PER_RECORD + " lines");
                    }
                    checkLength();
                    segmentStart = position;
                } else {
                    position++;
                }
            }
            append(segmentStart, position);
            checkLength();
        }
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

    /** The current record's bytes, valid up to {@link #recordLength()}; overwritten by the next advance. */
    public byte[] recordBytes() {
        return record;
    }

    public int recordLength() {
        return recordLength;
    }

    /** The current record as fields (or as raw text when unterminated). */
    public CsvRecord record() throws IOException {
        String text = decode();
        if (unterminated) {
            return CsvRecord.unterminated(recordNumber, recordLine, text);
        }
        return CsvRecord.parsed(recordNumber, recordLine, parser.parseLine(text));
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

    private void append(int from, int to) {
        int length = to - from;
        ensureRoom(length);
        System.arraycopy(buffer, from, record, recordLength, length);
        recordLength += length;
    }

    private void appendLf() {
        ensureRoom(1);
        record[recordLength++] = '\n';
    }

    private void ensureRoom(int more) {
        if (recordLength + more > record.length) {
            record = Arrays.copyOf(record, Math.max(recordLength + more, 2 * record.length));
        }
    }

    /**
     * Bytes bound characters from above: characters are only counted once the bytes are too many, and
     * each byte once (a record can get there line by line).
     */
    private void checkLength() throws MalformedFileException {
        if (recordLength > MAX_RECORD_CHARS) {
            charsCounted += Utf8.countCharacters(record, bytesCounted, recordLength);
            bytesCounted = recordLength;
            if (charsCounted > MAX_RECORD_CHARS) {
                throw endMalformed("is longer than " + MAX_RECORD_CHARS + " characters");
            }
        }
    }

    private MalformedFileException endMalformed(String what) {
        ended = true;
        recordLength = 0;
        return new MalformedFileException("Record " + (recordNumber + 1) + " starting on line " + recordLine + " "
                + what + ": a quoted field is probably never closed");
    }
}
