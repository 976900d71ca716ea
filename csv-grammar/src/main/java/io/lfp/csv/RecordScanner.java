package io.lfp.csv;

/**
 * Finds where the records of a products CSV end, byte by byte, in O(1) state: the one record grammar that
 * upload-service's chunk planner cuts chunks with and ingest-worker's parser reads records with. Both use
 * this class rather than two implementations of the same rule, so a chunk boundary is always a record
 * boundary of the parser and both count the same records and lines.
 * <p>
 * The grammar is what Python's {@code csv} module (and a spreadsheet) reads:
 * <ul>
 * <li>a {@code "} opens a quoted field only as the first character of a field (at the start of a record or
 * right after a comma); anywhere else it is an ordinary character: {@code Bob,sku-1,27" monitor} is a
 * record of three fields whose last is {@code 27" monitor};</li>
 * <li>inside a quoted field {@code ""} is one quote, and commas and line breaks are content; the next single
 * quote closes the field. Characters after the closing quote up to the next comma or line break are kept,
 * read as an unquoted field goes on ({@code "abc"def} is {@code abcdef}, and a further quote there is an
 * ordinary character);</li>
 * <li>outside a quoted field a line break ends the record: CRLF, LF or a lone CR, each one line break (also
 * inside quotes, for the line count).</li>
 * </ul>
 * A record whose content grows past {@code maxRecordBytes} (a quote never closed swallowing the lines after
 * it, or a line without end) is {@link #oversized()}: from then on quotes no longer count and it ends at the
 * next line break. So one broken record costs at most the limit plus the rest of its line, never the rest of
 * the file, and both sides resynchronise at the same place.
 * <p>
 * Bytes are enough: quote, comma, CR and LF never occur inside a multi-byte UTF-8 sequence. Not thread-safe.
 */
public final class RecordScanner {

    /** At the start of a field: a quote here opens a quoted field. */
    static final int FIELD_START = 0;
    /** Inside an unquoted field, or after the closing quote of a quoted one: quotes are ordinary. */
    static final int UNQUOTED = 1;
    /** Inside a quoted field. */
    static final int QUOTED = 2;
    /** Inside a quoted field, right after a quote: a second quote makes {@code ""}, anything else closes it. */
    static final int QUOTE_IN_QUOTED = 3;

    private final long maxRecordBytes;

    private int state = FIELD_START;
    /** Content bytes of the current record so far (its line break excluded). */
    private long recordBytes;
    private boolean oversizedNow;
    /** A CR ended the current record; an LF right after it is part of that line break. */
    private boolean pendingCr;
    /** The last byte was a CR inside a record: an LF right after it is not another line break. */
    private boolean afterCr;
    private long lineBreaks;

    private int terminator;
    private boolean oversized;
    private boolean unterminated;
    private long lastRecordBytes;

    /** @param maxRecordBytes the record limit: a record with more content bytes is oversized */
    public RecordScanner(long maxRecordBytes) {
        if (maxRecordBytes < 1) {
            throw new IllegalArgumentException("maxRecordBytes must be at least 1, was " + maxRecordBytes);
        }
        this.maxRecordBytes = maxRecordBytes;
    }

    /**
     * Reads {@code data[from, to)} up to the next record end: the index just after it (its line break
     * included), or -1 when the range ends inside a record (all of it was read). The index can be
     * {@code from} itself: a record that ended in a CR at the end of the previous range is known to be
     * over only once the next byte is not an LF. Call again from the returned index for the next record.
     */
    public int nextRecordEnd(byte[] data, int from, int to) {
        if (pendingCr) {
            if (from >= to) {
                return -1;
            }
            pendingCr = false;
            if (data[from] == '\n') {
                return ended(2, from + 1);
            }
            return ended(1, from);
        }
        // the hot loop of every upload and every chunk: locals only, one comparison for most bytes
        int s = state;
        long bytes = recordBytes;
        boolean over = oversizedNow;
        boolean cr = afterCr;
        for (int i = from; i < to; i++) {
            int c = data[i] & 0xFF;
            if (c > ',') { // neither quote, comma, CR nor LF: content in every state
                if (s != QUOTED) {
                    s = UNQUOTED;
                }
                cr = false;
            } else if (c == '\n' || c == '\r') {
                if (over || s != QUOTED) {
                    state = s;
                    recordBytes = bytes;
                    oversizedNow = over;
                    afterCr = false;
                    if (c == '\r') {
                        lineBreaks++;
                        pendingCr = true;
                        // the record is over; whether its line break is CR or CRLF shows in the next byte
                        return nextRecordEnd(data, i + 1, to);
                    }
                    if (!cr) {
                        lineBreaks++;
                    }
                    return ended(1, i + 1);
                }
                if (c == '\r' || !cr) {
                    lineBreaks++;
                }
                cr = c == '\r';
            } else {
                cr = false;
                if (c == '"') {
                    if (s == FIELD_START || s == QUOTE_IN_QUOTED) {
                        s = QUOTED;
                    } else if (s == QUOTED) {
                        s = QUOTE_IN_QUOTED;
                    }
                } else if (c == ',') {
                    if (s != QUOTED) {
                        s = FIELD_START;
                    }
                } else if (s != QUOTED) {
                    s = UNQUOTED;
                }
            }
            if (++bytes > maxRecordBytes) {
                over = true;
            }
        }
        state = s;
        recordBytes = bytes;
        oversizedNow = over;
        afterCr = cr;
        return -1;
    }

    /**
     * Ends the input. True when bytes after the last record end form one more record (no line break after
     * it, or a CR at the very end); it is then the current record, {@link #unterminated()} when the input
     * ended inside a quoted field.
     */
    public boolean finish() {
        if (pendingCr) {
            pendingCr = false;
            ended(1, 0);
            return true;
        }
        if (recordBytes == 0) {
            return false;
        }
        boolean open = state == QUOTED && !oversizedNow;
        ended(0, 0);
        unterminated = open;
        return true;
    }

    private int ended(int terminatorBytes, int at) {
        terminator = terminatorBytes;
        oversized = oversizedNow;
        unterminated = false;
        lastRecordBytes = recordBytes;
        state = FIELD_START;
        recordBytes = 0;
        oversizedNow = false;
        afterCr = false;
        return at;
    }

    /** Bytes of the line break that ended the current record: 2 for CRLF, 1 for LF or CR, 0 at the end. */
    public int terminatorLength() {
        return terminator;
    }

    /** The current record's content (its line break excluded) went past the record limit. */
    public boolean oversized() {
        return oversized;
    }

    /** The input ended inside a quoted field of the current record. */
    public boolean unterminated() {
        return unterminated;
    }

    /** Content bytes of the current record, its line break excluded. */
    public long recordBytes() {
        return lastRecordBytes;
    }

    /** Line breaks read so far, in and between records: the next record starts on line {@code lineBreaks() + 1}. */
    public long lineBreaks() {
        return lineBreaks;
    }

    public long maxRecordBytes() {
        return maxRecordBytes;
    }
}
