package io.lfp.ingest.service;

import io.lfp.events.ChunkReady;
import io.lfp.ingest.domain.ChunkFailedException;
import io.lfp.ingest.domain.CsvRecord;
import io.lfp.ingest.domain.MalformedFileException;
import io.lfp.ingest.domain.RejectedRow;
import io.lfp.ingest.repository.StagedRows;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

/** Reads one chunk with ranged GETs and parses it, streaming; blocking. */
@ApplicationScoped
public class ChunkReader {

    private final S3Client s3;

    public ChunkReader(S3Client s3) {
        this.s3 = s3;
    }

    /**
     * The chunk's valid rows and rejected records. A missing object fails with
     * {@code Object not found: s3://<bucket>/<key>}; other S3 and stream errors pass through (both are retried).
     */
    public ChunkContent read(ChunkReady chunk) {
        if (chunk.rangeEnd() <= chunk.rangeStart()) {
            return ChunkContent.empty();
        }
        if (chunk.partSize() > 0) {
            return readParts(chunk);
        }
        String range = "bytes=" + chunk.rangeStart() + "-" + (chunk.rangeEnd() - 1);
        try (ResponseInputStream<GetObjectResponse> object = get(chunk.bucket(), chunk.key(), range)) {
            ChunkContent content = parse(object, chunk.firstRecord(), chunk.firstLine(), bytesOf(chunk));
            if (content.malformed() != null) {
                object.abort(); // stop the download: the rest cannot be read anyway
            }
            return content;
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + range + " of s3://" + chunk.bucket() + "/" + chunk.key()
                    + " failed", e);
        }
    }

    /**
     * A file stored in parts: the chunk's range is read part by part (a chunk spans one part or a few),
     * one ranged GET each, opened only when the parser gets there.
     */
    private ChunkContent readParts(ChunkReady chunk) {
        long size = chunk.partSize();
        long firstPart = chunk.rangeStart() / size;
        long lastPart = (chunk.rangeEnd() - 1) / size;
        Enumeration<InputStream> pieces = new Enumeration<>() {
            long part = firstPart;

            @Override
            public boolean hasMoreElements() {
                return part <= lastPart;
            }

            @Override
            public InputStream nextElement() {
                long partStart = part * size;
                long from = Math.max(chunk.rangeStart(), partStart) - partStart;
                long to = Math.min(chunk.rangeEnd(), partStart + size) - partStart;
                String key = ChunkReady.partKey(chunk.key(), part + 1);
                part++;
                return get(chunk.bucket(), key, "bytes=" + from + "-" + (to - 1));
            }
        };
        try (InputStream in = new SequenceInputStream(pieces)) {
            return parse(in, chunk.firstRecord(), chunk.firstLine(), bytesOf(chunk));
        } catch (IOException e) {
            throw new UncheckedIOException("Reading bytes " + chunk.rangeStart() + "-" + (chunk.rangeEnd() - 1)
                    + " of the parts of s3://" + chunk.bucket() + "/" + chunk.key() + " failed", e);
        }
    }

    private ResponseInputStream<GetObjectResponse> get(String bucket, String key, String range) {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(key).range(range));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new ChunkFailedException("Object not found: s3://" + bucket + "/" + key);
        }
    }

    /**
     * Parses and validates a chunk's bytes: its valid rows and rejected records. A malformed file stops the
     * parse (deterministic: reading again gives the same) and keeps what came before. Plain records are
     * staged from their bytes ({@link PlainRecords}); the others are decoded and split as fields. The caller
     * owns and closes {@code in}.
     */
    static ChunkContent parse(InputStream in, long firstRecord, long firstLine, long chunkBytes)
            throws IOException {
        // COPY rows take a little more than their CSV text: one growth at most for a usual chunk
        StagedRows rows = new StagedRows((int) Math.min(chunkBytes + chunkBytes / 4, 1 << 30));
        List<RejectedRow> rejected = new ArrayList<>();
        PlainRecords plain = new PlainRecords();
        long rowsRead = 0;
        ProductCsvReader reader = ProductCsvReader.forChunk(in, firstRecord, firstLine);
        try {
            while (reader.advance()) {
                rowsRead++;
                if (!reader.isUnterminated()
                        && plain.stage(reader.recordBytes(), reader.recordLength(), reader.recordNumber(), rows)) {
                    continue;
                }
                CsvRecord record = reader.record();
                String reason = RecordValidator.rejectReason(record);
                if (reason == null) {
                    rows.add(RecordValidator.toProduct(record));
                } else {
                    rejected.add(RecordValidator.toRejected(record, reason));
                }
            }
        } catch (MalformedFileException e) {
            return new ChunkContent(rows, rejected, rowsRead, e.getMessage());
        }
        return new ChunkContent(rows, rejected, rowsRead, null);
    }

    private static long bytesOf(ChunkReady chunk) {
        return chunk.rangeEnd() - chunk.rangeStart();
    }
}
