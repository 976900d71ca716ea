package io.lfp.ingest.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import io.lfp.events.IngestFinished;
import io.lfp.events.IngestProgressed;
import io.lfp.events.Topics;
import io.lfp.ingest.config.IngestConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/** Publishes a job's progress and result, keyed by upload id so one upload's events stay in order. */
@ApplicationScoped
public class IngestEventPublisher {

    private final MutinyEmitter<Record<String, IngestProgressed>> progress;
    private final MutinyEmitter<Record<String, IngestFinished>> finished;
    private final IngestConfig config;

    public IngestEventPublisher(@Channel(Topics.INGEST_PROGRESS) MutinyEmitter<Record<String, IngestProgressed>> progress,
            @Channel(Topics.INGEST_FINISHED) MutinyEmitter<Record<String, IngestFinished>> finished,
            IngestConfig config) {
        this.progress = progress;
        this.finished = finished;
        this.config = config;
    }

    /** Fire and forget: a lost progress event is superseded by the next one or by the result. */
    public void progress(IngestProgressed event) {
        progress.sendAndForget(Record.of(event.uploadId(), event));
    }

    /**
     * Blocks until Kafka acknowledged the event: the caller acks the chunk event only afterwards,
     * so a crash in between means redelivery and re-announcement, never a lost result.
     */
    public void finishedAndWait(IngestFinished event) {
        finished.send(Record.of(event.uploadId(), event)).await().atMost(config.publishTimeout());
    }
}
