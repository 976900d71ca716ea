package io.lfp.ingest.service;

import com.opencsv.CSVReader;
import com.opencsv.CSVReaderBuilder;
import com.opencsv.RFC4180ParserBuilder;
import com.opencsv.exceptions.CsvMalformedLineException;
import com.opencsv.exceptions.CsvMultilineLimitBrokenException;
import com.opencsv.exceptions.CsvValidationException;
import io.lfp.ingest.domain.CsvRecord;
import io.lfp.ingest.domain.MalformedFileException;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams a products CSV (UTF-8, RFC 4180) record by record with opencsv's RFC 4180 parser
 * (the default CSVParser treats a backslash as an escape character and corrupts such data).
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
     * Bounds on one record's raw text. A quote opened and never closed makes opencsv append every
     * following line to one record, re-scanning it each time (quadratic): stop early and fail the file
     * instead of swallowing a multi-GB object. A valid record has at most 66,815 characters of fields
     * (about twice that quoted), so a million characters or ten thousand lines is a broken file.
     */
    public static final int MAX_LINES_PER_RECORD = 10_000;
    public static final int MAX_RECORD_CHARS = 1_000_000;

    private static final int BUFFER_CHARS = 64 * 1024;

    private final LineRecordingReader lines;
    private final CSVReader csv;
    /** Physical lines before the first line this reader sees (0 for a whole file, which starts with the header). */
    private final long linesBefore;
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
        this.lines = new LineRecordingReader(new InputStreamReader(in, decoder), BUFFER_CHARS);
        this.csv = new CSVReaderBuilder(lines)
                .withCSVParser(new RFC4180ParserBuilder().build())
                // the reader is ours and never closed under the parser; skip its per-line mark/reset probe
                .withVerifyReader(false)
                .withMultilineLimit(MAX_LINES_PER_RECORD)
                .build();
    }

    /**
     * The next data record, or null at the end of the object. A record whose quoted field is still
     * open when the object ends comes back as {@link CsvRecord#isUnterminated()} and ends the stream.
     */
    public CsvRecord next() throws IOException, MalformedFileException {
        if (ended) {
            return null;
        }
        lines.clear();
        long startLine = linesBefore + csv.getLinesRead() + 1;
        String[] fields;
        try {
            fields = csv.readNext();
        } catch (CsvMalformedLineException e) {
            // opencsv throws this only at end of input with a quote still open; its state afterwards
            // is unusable, and nothing follows anyway.
            ended = true;
            return CsvRecord.unterminated(++recordNumber, startLine, lines.recorded());
        } catch (CsvMultilineLimitBrokenException e) {
            throw endMalformed(startLine, "spans more than " + MAX_LINES_PER_RECORD + " lines");
        } catch (RecordTooLongException e) {
            throw endMalformed(startLine, "is longer than " + MAX_RECORD_CHARS + " characters");
        } catch (CsvValidationException e) {
            throw new IllegalStateException("No validators are configured", e);
        }
        if (fields == null) {
            ended = true;
            return null;
        }
        return CsvRecord.parsed(++recordNumber, startLine, fields);
    }

    @Override
    public void close() throws IOException {
        csv.close();
    }

    private MalformedFileException endMalformed(long startLine, String what) {
        ended = true;
        lines.clear();
        return new MalformedFileException("Record " + (recordNumber + 1) + " starting on line " + startLine + " "
                + what + ": a quoted field is probably never closed");
    }



    /** Thrown through opencsv (which passes IOExceptions on) when a record outgrows {@link #MAX_RECORD_CHARS}. */
    private static final class RecordTooLongException extends IOException {
    }

    /**
     * Remembers the physical lines opencsv reads for the current record, so an unterminated
     * record can be stored with its own text (opencsv's pending text lacks the fields already split off).
     */
    private static final class LineRecordingReader extends BufferedReader {

        private final List<String> current = new ArrayList<>();
        private long currentChars;

        LineRecordingReader(Reader in, int size) {
            super(in, size);
        }

        @Override
        public String readLine() throws IOException {
            String line = super.readLine();
            if (line != null) {
                current.add(line);
                currentChars += line.length() + 1;
                if (currentChars > MAX_RECORD_CHARS) {
                    throw new RecordTooLongException();
                }
            }
            return line;
        }

        void clear() {
            current.clear();
            currentChars = 0;
        }

        String recorded() {
            return String.join("\n", current);
        }
    }
}
