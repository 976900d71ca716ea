package io.lfp.ingest.csv;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.lfp.ingest.config.IngestConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the parse path (and the COPY writing after it) over generated records once at start-up, in the
 * background. Without it the first chunks an instance gets after a (re)start are parsed by the interpreter
 * before the JIT compiles the hot loops, many times slower (docs/decisions/0007-c1-only-jvms.md).
 */
@ApplicationScoped
public class ParserWarmup {

    private final IngestConfig config;

    public ParserWarmup(IngestConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        int records = config.warmUpRecords();
        if (records <= 0) {
            return;
        }
        Thread thread = new Thread(() -> warmUp(records, config.maxRecordBytes()), "parser-warm-up");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void warmUp(int records, long maxRecordBytes) {
        long start = System.nanoTime();
        byte[] csv = sample(records);
        long[] encoded = new long[1];
        try {
            for (int round = 0; round < 5; round++) {
                ChunkContent content = ChunkParser.parse(new ByteArrayInputStream(csv), 1, 2, csv.length, maxRecordBytes);
                content.rows().writeTo((bytes, off, len) -> encoded[0] += len, 65536); // only counted
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (SQLException e) {
            throw new IllegalStateException(e); // the sink above never throws
        }
        Log.debugf("Parser warmed up: 5 x %d generated records (%d bytes of COPY data) in %d ms", records,
                encoded[0], (System.nanoTime() - start) / 1_000_000);
    }

    /** Records shaped like real ones: CRLF ends, quoted fields with commas, "" and LF inside. */
    static byte[] sample(int records) {
        StringBuilder csv = new StringBuilder(records * 120);
        for (int i = 1; i <= records; i++) {
            csv.append("Dr. Name ").append(i % 977).append(",SKU-").append(i).append(",\"A description, with ")
                    .append("\"\"quotes\"\"").append(i % 2 == 0 ? "\nand a second line" : "").append(" #").append(i)
                    .append("\"\r\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
