package io.lfp.ingest.repository;

import java.sql.SQLException;

/**
 * A bounded byte buffer in front of a COPY stream: rows are encoded into it and it is sent whenever it
 * fills, so a chunk (~8 MiB) is never held as one big string or array.
 */
final class CopyBuffer {

    private final CopySink sink;
    private final byte[] buffer;
    private int position;

    CopyBuffer(CopySink sink, int size) {
        this.sink = sink;
        this.buffer = new byte[size];
    }

    /** Makes room for {@code n} bytes (at most the buffer's size) written with the put methods below. */
    void reserve(int n) throws SQLException {
        if (buffer.length - position < n) {
            flush();
        }
    }

    /** After {@link #reserve}. */
    void put(byte b) {
        buffer[position++] = b;
    }

    /** After {@link #reserve}: big-endian, as COPY's binary format wants. */
    void putShort(int v) {
        buffer[position++] = (byte) (v >>> 8);
        buffer[position++] = (byte) v;
    }

    /** After {@link #reserve}: big-endian. */
    void putInt(int v) {
        putShort(v >>> 16);
        putShort(v);
    }

    /** After {@link #reserve}: big-endian. */
    void putLong(long v) {
        putInt((int) (v >>> 32));
        putInt((int) v);
    }

    /** Any length: a run longer than the buffer goes to the sink directly. */
    void putBytes(byte[] bytes, int offset, int length) throws SQLException {
        if (length > buffer.length - position) {
            flush();
            if (length > buffer.length) {
                sink.write(bytes, offset, length);
                return;
            }
        }
        System.arraycopy(bytes, offset, buffer, position, length);
        position += length;
    }

    void flush() throws SQLException {
        if (position > 0) {
            sink.write(buffer, 0, position);
            position = 0;
        }
    }
}
