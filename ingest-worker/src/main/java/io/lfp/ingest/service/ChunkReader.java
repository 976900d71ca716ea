package io.lfp.ingest.service;

import io.lfp.events.ChunkReady;
import io.lfp.ingest.domain.ChunkContent;
import io.lfp.ingest.domain.ChunkFailedException;
import io.lfp.ingest.domain.CsvRecord;
import io.lfp.ingest.domain.MalformedFileException;
import io.lfp.ingest.domain.ProductRow;
import io.lfp.ingest.domain.RejectedRow;
import jakarta.enterprise.context.ApplicationScoped;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads one chunk with a ranged GET and parses it, streaming; blocking. */
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
            return new ChunkContent(List.of(), List.of(), 0, null);
        }
        String range = "bytes=" + chunk.rangeStart() + "-" + (chunk.rangeEnd() - 1);
        try (ResponseInputStream<GetObjectResponse> object = s3
                .getObject(b -> b.bucket(chunk.bucket()).key(chunk.key()).range(range))) {
            ChunkContent content = parse(object, chunk.firstRecord(), chunk.firstLine(), chunk.records());
            if (content.malformed() != null) {
                object.abort(); // stop the download: the rest cannot be read anyway
            }
            return content;
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new ChunkFailedException("Object not found: s3://" + chunk.bucket() + "/" + chunk.key());
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + range + " of s3://" + chunk.bucket() + "/" + chunk.key()
                    + " failed", e);
        }
    }

    /**
     * Parses and validates a chunk's bytes: its valid rows and rejected records. A malformed file stops the
     * parse (deterministic: reading again gives the same) and keeps what came before. The caller owns
     * and closes {@code in}.
     */
    static ChunkContent parse(InputStream in, long firstRecord, long firstLine, long expectedRecords)
            throws IOException {
        List<ProductRow> rows = new ArrayList<>((int) Math.min(Math.max(expectedRecords, 16), 1 << 20));
        List<RejectedRow> rejected = new ArrayList<>();
        long rowsRead = 0;
        ProductCsvReader reader = ProductCsvReader.forChunk(in, firstRecord, firstLine);
        try {
            CsvRecord record;
            while ((record = reader.next()) != null) {
                rowsRead++;
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
}
