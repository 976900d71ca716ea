package io.lfp.ingest.repository;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;

import io.lfp.ingest.domain.ProductRow;

/**
 * A chunk's valid rows, in file order, already encoded as the rows of
 * {@code COPY … (record_number, name, sku, description) FROM STDIN (FORMAT binary)}: per row the field
 * count, then each field as its length and its bytes. Bounded by the chunk (~8 MiB of CSV gives a little
 * less of COPY data), so holding it is fine; {@link #writeTo} adds the format's header and trailer.
 *
 * <p>
 * Binary rather than text format because it costs less CPU on both sides: nothing is escaped here nor
 * unescaped and parsed by PostgreSQL (docs/decisions/0004-staging-and-merge.md). A bigint is its 8 bytes big-endian; a text
 * is its UTF-8 bytes as they are (the connection's client_encoding is UTF8; PostgreSQL still checks them).
 * The fields come in the CSV's order (name, sku, description), so a record's bytes can be copied as they
 * are read. Rows never hold NUL (the validator rejects it) nor NULL fields.
 */
public final class StagedRows {

    /** "PGCOPY\n\377\r\n\0", then the flags (no OIDs) and the length of the header extension, both 0. */
    private static final byte[] HEADER = { 'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
            0, 0, 0, 0, 0, 0, 0, 0 };
    /** The field count -1 ends the data. */
    private static final byte[] TRAILER = { (byte) 0xFF, (byte) 0xFF };
    private static final int FIELDS = 4;
    private static final int BIGINT_BYTES = 8;
    /** Field count, record number's length and value, and the three text lengths. */
    private static final int ROW_OVERHEAD = 2 + 4 + BIGINT_BYTES + 3 * 4;

    private byte[] bytes;
    private int size;
    private int count;

    /** {@code expectedBytes}: about what the rows will take (the chunk's size), to grow the buffer rarely. */
    public StagedRows(int expectedBytes) {
        this.bytes = new byte[Math.max(expectedBytes, 256)];
    }

    /** Rows added. */
    public int count() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    public void add(ProductRow row) {
        byte[] name = row.name().getBytes(StandardCharsets.UTF_8);
        byte[] sku = row.sku().getBytes(StandardCharsets.UTF_8);
        byte[] description = row.description().getBytes(StandardCharsets.UTF_8);
        beginRow(row.recordNumber(), name.length + sku.length + description.length);
        putText(name, 0, name.length);
        putText(sku, 0, sku.length);
        putText(description, 0, description.length);
    }

    /**
     * A row whose fields are slices of {@code utf8}, each valid UTF-8 without NUL (the caller checked):
     * copied as they are, without making strings of them.
     */
    public void addUtf8(long recordNumber, byte[] utf8, int nameFrom, int nameTo, int skuFrom, int skuTo,
            int descriptionFrom, int descriptionTo) {
        beginRow(recordNumber, (nameTo - nameFrom) + (skuTo - skuFrom) + (descriptionTo - descriptionFrom));
        putText(utf8, nameFrom, nameTo - nameFrom);
        putText(utf8, skuFrom, skuTo - skuFrom);
        putText(utf8, descriptionFrom, descriptionTo - descriptionFrom);
    }

    /**
     * The whole COPY data — header, rows, trailer — in writes of at most {@code writeBytes} bytes (one
     * CopyData message each).
     */
    public void writeTo(CopySink sink, int writeBytes) throws SQLException {
        int step = Math.max(writeBytes, 1);
        sink.write(HEADER, 0, HEADER.length);
        for (int from = 0; from < size; from += step) {
            sink.write(bytes, from, Math.min(step, size - from));
        }
        sink.write(TRAILER, 0, TRAILER.length);
    }

    private void beginRow(long recordNumber, int textBytes) {
        int needed = size + ROW_OVERHEAD + textBytes;
        if (needed < 0) {
            throw new IllegalStateException("A chunk's rows are limited to 2 GiB of COPY data");
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, (int) Math.min(Integer.MAX_VALUE - 8, 2L * bytes.length)));
        }
        putShort(FIELDS);
        putInt(BIGINT_BYTES);
        putInt((int) (recordNumber >>> 32));
        putInt((int) recordNumber);
        count++;
    }

    /** After {@link #beginRow} made room. */
    private void putText(byte[] source, int from, int length) {
        putInt(length);
        System.arraycopy(source, from, bytes, size, length);
        size += length;
    }

    /** Big-endian, as COPY's binary format wants. */
    private void putShort(int v) {
        bytes[size++] = (byte) (v >>> 8);
        bytes[size++] = (byte) v;
    }

    private void putInt(int v) {
        putShort(v >>> 16);
        putShort(v);
    }
}
