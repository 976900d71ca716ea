package io.lfp.upload.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.ChunkReady;
import io.lfp.events.FileUploaded;
import io.lfp.upload.domain.ChunkPlan;
import io.lfp.upload.domain.FilePlan;
import io.lfp.upload.domain.Upload;
import io.lfp.upload.messaging.UploadEventPublisher;

/** Turns a recorded, planned upload into its FileUploaded and ChunkReady events (both entry points). */
@ApplicationScoped
public class UploadAnnouncer {

    private final UploadEventPublisher publisher;

    public UploadAnnouncer(UploadEventPublisher publisher) {
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
                c.firstLine(), c.records(), plan.sizeBytes(), plan.recordsTotal())).toList();
    }
}
