package io.lfp.upload.service;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.ChunkReady;
import io.lfp.events.FileUploaded;
import io.lfp.upload.domain.ChunkPlan;
import io.lfp.upload.domain.FilePlan;
import io.lfp.upload.domain.Upload;
import io.lfp.upload.messaging.UploadEventPublisher;

/**
 * Turns a recorded upload into its ChunkReady events and then its FileUploaded event: all at once for a
 * planned S3 object (Kafka-requested), or while it streams in for an HTTP upload ({@link #stream}).
 */
@ApplicationScoped
public class UploadEventService {

    private final UploadEventPublisher publisher;

    public UploadEventService(UploadEventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Blocks until Kafka acknowledged every event; throws when one was not. */
    public void announce(Upload upload, FilePlan plan) {
        String id = upload.id().toString();
        int total = plan.chunks().size();
        FileUploaded uploaded = FileUploaded.of(id, upload.seq(), upload.bucket(), upload.objectKey(),
                upload.filename(), plan.sizeBytes(), upload.createdAt(), total, plan.recordsTotal());
        publisher.announceAndAwait(uploaded, chunkEvents(upload, plan));
    }

    static List<ChunkReady> chunkEvents(Upload upload, FilePlan plan) {
        int total = plan.chunks().size();
        String id = upload.id().toString();
        return plan.chunks().stream().map((ChunkPlan c) -> new ChunkReady(ChunkReady.VERSION, id, upload.seq(),
                c.index(), total, upload.bucket(), upload.objectKey(), c.rangeStart(), c.rangeEnd(), c.firstRecord(),
                c.firstLine(), c.records(), plan.sizeBytes(), plan.recordsTotal(), 0)).toList();
    }

    /** Starts announcing an HTTP upload stored in parts of {@code partSize} bytes while it streams in. */
    public ChunkStream stream(Upload upload, int partSize) {
        return new ChunkStream(upload, partSize);
    }

    /**
     * The chunks of one upload, announced as soon as the parts holding them are stored: the workers start
     * before the file is all in. Their number is not known yet (chunksTotal 0); FileUploaded gives it at
     * the end. Used from the one thread that streams the upload.
     */
    public final class ChunkStream {

        private final Upload upload;
        private final int partSize;
        private final List<CompletableFuture<Void>> sends = new ArrayList<>();

        private ChunkStream(Upload upload, int partSize) {
            this.upload = upload;
            this.partSize = partSize;
        }

        /** Announces every chunk planned so far whose bytes are all stored. */
        public void storedUpTo(List<ChunkPlan> planned, long storedBytes) {
            while (sends.size() < planned.size() && planned.get(sends.size()).rangeEnd() <= storedBytes) {
                ChunkPlan c = planned.get(sends.size());
                sends.add(publisher.chunk(new ChunkReady(ChunkReady.VERSION, upload.id().toString(), upload.seq(),
                        c.index(), 0, upload.bucket(), upload.objectKey(), c.rangeStart(), c.rangeEnd(),
                        c.firstRecord(), c.firstLine(), c.records(), 0, 0, partSize)));
            }
        }

        /** The file is all stored: announces the last chunks, waits for every ack, then sends FileUploaded. */
        public void finish(FilePlan plan) {
            storedUpTo(plan.chunks(), Long.MAX_VALUE);
            publisher.awaitAll(sends);
            publisher.uploadedAndWait(FileUploaded.of(upload.id().toString(), upload.seq(), upload.bucket(),
                    upload.objectKey(), upload.filename(), plan.sizeBytes(), upload.createdAt(), plan.chunks().size(),
                    plan.recordsTotal()));
        }

        /** Chunks announced so far. */
        public int announced() {
            return sends.size();
        }
    }
}
