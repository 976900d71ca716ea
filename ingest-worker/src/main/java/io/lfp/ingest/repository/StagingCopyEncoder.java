package io.lfp.ingest.repository;

import io.lfp.ingest.domain.ProductRow;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

/**
 * Encodes staging rows for {@code COPY … (record_number, sku, name, description) FROM STDIN (FORMAT binary)}:
 * a fixed header, then per row the field count and each field as a length and its bytes, then a trailer.
 *
 * <p>Binary rather than text format because it was measured cheaper on both sides (StagingCostBench,
 * 500k rows, worker + PostgreSQL CPU: ~0.6 s binary, ~1.0 s text, ~1.4 s for the former unnest insert):
 * nothing is escaped here nor unescaped and parsed by PostgreSQL. A bigint is its 8 bytes big-endian; a text
 * is its UTF-8 bytes as they are (the connection's client_encoding is UTF8; PostgreSQL still checks them).
 * Rows never hold NUL (the validator rejects it) nor NULL fields.
 */
public final class StagingCopyEncoder {

    /** "PGCOPY\n\377\r\n\0", then the flags (no OIDs) and the length of the header extension, both 0. */
    private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0 };
    private static final int FIELDS = 4;
    private static final int BIGINT_BYTES = 8;
    /** The field count -1 ends the data. */
    private static final int TRAILER = -1;

    private final CopyBuffer out;

    /** Writes the header at once; {@code bufferSize} bounds what is held before it goes to {@code sink}. */
    public StagingCopyEncoder(CopySink sink, int bufferSize) throws SQLException {
        this.out = new CopyBuffer(sink, Math.max(bufferSize, 16));
        out.putBytes(HEADER, 0, HEADER.length);
    }

    public void write(ProductRow row) throws SQLException {
        out.reserve(2 + 4 + BIGINT_BYTES);
        out.putShort(FIELDS);
        out.putInt(BIGINT_BYTES);
        out.putLong(row.recordNumber());
        text(row.sku());
        text(row.name());
        text(row.description());
    }

    /** The trailer, then whatever is still buffered. */
    public void finish() throws SQLException {
        out.reserve(2);
        out.putShort(TRAILER);
        out.flush();
    }

    private void text(String s) throws SQLException {
        // one short-lived array per field: String's own encoder is faster than a char loop here, and
        // the binary format needs the byte length before the bytes anyway
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.reserve(4);
        out.putInt(utf8.length);
        out.putBytes(utf8, 0, utf8.length);
    }
}
