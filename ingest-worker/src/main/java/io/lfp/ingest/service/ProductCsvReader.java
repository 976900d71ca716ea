package io.lfp.ingest.service;

import com.opencsv.RFC4180Parser;
import com.opencsv.RFC4180ParserBuilder;
import io.lfp.ingest.domain.CsvRecord;
import io.lfp.ingest.domain.MalformedFileException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Streams a products CSV (UTF-8, RFC 4180) record by record. Records are cut here, by a quote-aware
 * scan (a line break inside quotes does not end a record), and each whole record is split into fields
 * by opencsv's RFC 4180 parser (the default CSVParser treats a backslash as an escape character and
 * corrupts such data). Line breaks are read as BufferedReader reads them — CRLF, LF or a lone CR —
 * and a line break inside a quoted field comes out as LF.
 * <p>
 * Cutting records here instead of with opencsv's CSVReader, which feeds its parser line by line and
 * re-counts the quotes of the pending text for every line, halved the parse: 500k records of the
 * benchmark file in 1.2 instead of 2.2 CPU-s with the C1 compiler the services run with.
 * Not thread-safe; one instance per object or chunk being read.
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

    private static final int BUFFER_CHARS = 64 * 1024;

    private final Reader in;
    private final RFC4180Parser parser = new RFC4180ParserBuilder().build();
    private final char[] buffer = new char[BUFFER_CHARS];
    private int position;
    private int limit;
    /** The current record's text, line breaks as LF. */
    private final StringBuilder record = new StringBuilder(1024);
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
    public static ProductCsvReader forChunk(InputStream in, long firstRecord, long firstLine) throws IOException {
        return new ProductCsvReader(in, firstRecord - 1, firstLine - 1);
    }

    private ProductCsvReader(InputStream in, long recordsBefore, long linesBefore) {
        this.recordNumber = recordsBefore;
        this.linesBefore = linesBefore;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE)
                .replaceWith(String.valueOf(MALFORMED));
        this.in = new InputStreamReader(in, decoder);
    }

    /**
     * The next data record, or null at the end of the object. A record whose quoted field is still
     * open when the object ends comes back as {@link CsvRecord#isUnterminated()} and ends the stream.
     */
    public CsvRecord next() throws IOException, MalformedFileException {
        if (ended) {
            return null;
        }
        long startLine = linesBefore + linesRead + 1;
        record.setLength(0);
        boolean inQuotes = false;
        boolean readAny = false;
        int lines = 1;
        while (true) {
            if (position == limit && !fill()) {
                ended = true;
                if (inQuotes) {
                    return CsvRecord.unterminated(++recordNumber, startLine, withoutTrailingLf(record));
                }
                return readAny ? parsed(startLine) : null;
            }
            int segmentStart = position;
            while (position < limit) {
                char c = buffer[position];
                if (skipLf) {
                    skipLf = false;
                    if (c == '\n') {
                        segmentStart = ++position;
                        continue;
                    }
                }
                readAny = true;
                if (c == '"') {
                    inQuotes = !inQuotes;
                } else if (c == '\n' || c == '\r') {
                    record.append(buffer, segmentStart, position - segmentStart);
                    position++;
                    skipLf = c == '\r';
                    linesRead++;
                    if (!inQuotes) {
                        return parsed(startLine);
                    }
                    record.append('\n');
                    if (++lines > MAX_LINES_PER_RECORD) {
                        throw endMalformed(startLine, "spans more than " + MAX_LINES_PER_RECORD + " lines");
                    }
                    checkLength(startLine);
                    segmentStart = position;
                    continue;
                }
                position++;
            }
            record.append(buffer, segmentStart, position - segmentStart);
            checkLength(startLine);
        }
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

    private CsvRecord parsed(long startLine) throws IOException {
        return CsvRecord.parsed(++recordNumber, startLine, parser.parseLine(record.toString()));
    }

    private void checkLength(long startLine) throws MalformedFileException {
        if (record.length() > MAX_RECORD_CHARS) {
            throw endMalformed(startLine, "is longer than " + MAX_RECORD_CHARS + " characters");
        }
    }

    /** The raw text of an unterminated record: its lines, without the break that ended the last one. */
    private static String withoutTrailingLf(StringBuilder text) {
        int length = text.length();
        return length > 0 && text.charAt(length - 1) == '\n' ? text.substring(0, length - 1) : text.toString();
    }

    private MalformedFileException endMalformed(long startLine, String what) {
        ended = true;
        record.setLength(0);
        return new MalformedFileException("Record " + (recordNumber + 1) + " starting on line " + startLine + " "
                + what + ": a quoted field is probably never closed");
    }
}
