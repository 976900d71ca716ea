package io.lfp.ingest.repository;

import java.sql.SQLException;

/** Where encoded COPY data goes: pgjdbc's {@code CopyIn.writeToCopy} in production, a byte array in tests. */
@FunctionalInterface
public interface CopySink {

    void write(byte[] bytes, int offset, int length) throws SQLException;
}
