package io.lfp.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.lfp.csv.RecordScanner;
import io.lfp.events.ChunkReady;
import io.lfp.events.Topics;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.testing.TestKafka;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The tests' own chunk planner: cuts a CSV file's bytes into record-aligned ranges like upload-service does,
 * by the same record grammar.
 */
final class TestChunks {

    private TestChunks() {
    }

    /** Puts the file into the test bucket as one object of a new upload and plans its chunks. */
    static List<ChunkReady> stored(S3Client s3, long seq, byte[] file, int size) {
        String id = UUID.randomUUID().toString();
        String bucket = LocalInfraTestResource.infra().bucket();
        String key = "uploads/" + id + "/products.csv";
        put(s3, bucket, key, file);
        return plan(id, seq, bucket, key, file, size);
    }

    /** Publishes chunks on ingest-chunks, keyed as upload-service keys them, in this order. */
    static void publish(TestKafka kafka, List<ChunkReady> chunks) {
        List<Map.Entry<String, Object>> keyed = new ArrayList<>();
        for (ChunkReady c : chunks) {
            keyed.add(Map.entry(c.kafkaKey(), c));
        }
        kafka.sendAll(Topics.INGEST_CHUNKS, keyed);
    }

    /**
     * PUTs an object, retrying twice: the URL-connection client sometimes reuses a connection s3proxy
     * closed while idle and fails with "Unexpected end of file from server" (seen once in CI).
     */
    static void put(S3Client s3, String bucket, String key, byte[] bytes) {
        for (int attempt = 1;; attempt++) {
            try {
                s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(bytes));
                return;
            } catch (RuntimeException e) {
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    /**
     * The file's chunks: the header is skipped; each chunk ends at the first record end after {@code size}
     * bytes. Records are found by the grammar upload-service plans with ({@link RecordScanner}, default limit).
     */
    static List<ChunkReady> plan(String uploadId, long seq, String bucket, String key, byte[] file, int size) {
        record Range(long start, long end, long firstRecord, long firstLine, long records) {
        }
        List<Range> ranges = new ArrayList<>();
        RecordScanner scanner = new RecordScanner(262_144);
        int n = file.length;
        int start = scanner.nextRecordEnd(file, 0, n); // the header's end
        if (start < 0) {
            return List.of(); // a header alone
        }
        long record = 1;
        long startLine = scanner.lineBreaks() + 1;
        long startRecord = record;
        int at = start;
        while (true) {
            int end = scanner.nextRecordEnd(file, at, n);
            if (end < 0) {
                break;
            }
            record++;
            at = end;
            if (end - start >= size) {
                ranges.add(new Range(start, end, startRecord, startLine, record - startRecord));
                start = end;
                startLine = scanner.lineBreaks() + 1;
                startRecord = record;
            }
        }
        if (scanner.finish()) {
            record++;
        }
        if (start < n) {
            ranges.add(new Range(start, n, startRecord, startLine, record - startRecord));
        }
        long recordsTotal = record - 1;
        List<ChunkReady> chunks = new ArrayList<>();
        for (int c = 0; c < ranges.size(); c++) {
            Range r = ranges.get(c);
            chunks.add(new ChunkReady(ChunkReady.VERSION, uploadId, seq, c, ranges.size(), bucket, key, r.start(),
                    r.end(), r.firstRecord(), r.firstLine(), r.records(), n, recordsTotal, 0));
        }
        return chunks;
    }
}
