package io.lfp.upload.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.events.IngestRequested;
import io.lfp.events.Topics;
import io.lfp.messaging.EventGuard;
import io.lfp.upload.service.IngestRequestValidator;
import io.lfp.upload.service.RequestedIngestService;
import io.smallrye.common.annotation.Blocking;

/**
 * Objects other systems put in S3 and ask us to ingest ({@value Topics#INGEST_REQUESTED}).
 * <p>
 * Idempotence: the upload row stores the request's Kafka coordinates (topic/partition/offset) under a
 * unique key. Kafka delivers a record again after a crash or a rebalance before its offset was
 * committed; that redelivery finds the same upload instead of creating a second one. Coordinates,
 * not bucket/key: asking twice for the same object is two requests (as uploading the same file twice
 * is two uploads), while one request must never become two uploads.
 */
@ApplicationScoped
public class IngestRequestConsumer {

    private final RequestedIngestService service;
    private final IngestRequestValidator validator;
    private final EventGuard guard;

    public IngestRequestConsumer(RequestedIngestService service, IngestRequestValidator validator, EventGuard guard) {
        this.service = service;
        this.validator = validator;
        this.guard = guard;
    }

    /**
     * Blocking on purpose: the object is streamed from S3 once (possibly gigabytes), then the database
     * and Kafka acks are awaited, all on a worker thread; requests are handled one at a time, in order,
     * and the offset is committed only after this returns. A request naming what it may not (another bucket,
     * a key outside the allowed prefixes, a too large object) or unreadable is dead-lettered
     * ({@link EventGuard}) before anything is recorded; a database or S3 outage is waited out.
     */
    @Incoming(Topics.INGEST_REQUESTED)
    @Blocking
    public void onRequest(ConsumerRecord<String, IngestRequested> record) {
        guard.run(Topics.INGEST_REQUESTED, () -> service.ingest(validator.check(record.value()),
                requestKey(record.topic(), record.partition(), record.offset())));
    }

    public static String requestKey(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }
}
