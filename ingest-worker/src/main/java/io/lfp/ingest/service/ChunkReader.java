package io.lfp.ingest.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.util.Enumeration;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.ChunkReady;
import io.lfp.ingest.config.IngestConfig;
import io.lfp.ingest.csv.ChunkContent;
import io.lfp.ingest.csv.ChunkParser;
import io.lfp.ingest.domain.ChunkFailedException;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Reads one chunk with ranged GETs and parses it, streaming; blocking. */
@ApplicationScoped
public class ChunkReader {

    private final S3Client s3;
    private final IngestConfig config;

    public ChunkReader(S3Client s3, IngestConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    /**
     * The chunk's valid rows and rejected records. A missing object fails with
     * {@code Object not found: s3://<bucket>/<key>}; other S3 and stream errors pass through (both are retried).
     */
    public ChunkContent read(ChunkReady chunk) {
        if (chunk.rangeEnd() <= chunk.rangeStart()) {
            return ChunkContent.empty();
        }
        if (bytesOf(chunk) > config.maxChunkBytes()) {
            return ChunkContent.failed("it is " + bytesOf(chunk) + " bytes long, more than the "
                    + config.maxChunkBytes() + " a worker reads (lfp.ingest.max-chunk-bytes)");
        }
        ChunkContent content = chunk.partSize() > 0 ? readParts(chunk) : readObject(chunk);
        if (chunk.records() > 0 && content.rowsRead() != chunk.records()) {
            // both sides cut records by one grammar; only different record limits make them disagree
            return ChunkContent.failed("read " + content.rowsRead() + " records where upload-service planned "
                    + chunk.records() + " (are lfp.upload.max-record-bytes and lfp.ingest.max-record-bytes equal?)");
        }
        return content;
    }

    private ChunkContent readObject(ChunkReady chunk) {
        String range = "bytes=" + chunk.rangeStart() + "-" + (chunk.rangeEnd() - 1);
        try (ResponseInputStream<GetObjectResponse> object = get(chunk.bucket(), chunk.key(), range)) {
            return ChunkParser.parse(object, chunk.firstRecord(), chunk.firstLine(), bytesOf(chunk), config.maxRecordBytes());
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
            return ChunkParser.parse(in, chunk.firstRecord(), chunk.firstLine(), bytesOf(chunk), config.maxRecordBytes());
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

    private static long bytesOf(ChunkReady chunk) {
        return chunk.rangeEnd() - chunk.rangeStart();
    }
}
