package io.lfp.upload.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.events.IngestRequested;
import io.lfp.events.Topics;
import io.lfp.upload.service.RequestedIngestService;
import io.quarkus.logging.Log;
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

    public IngestRequestConsumer(RequestedIngestService service) {
        this.service = service;
    }

    /**
     * Blocking on purpose: the object is streamed from S3 once (possibly gigabytes), then the database
     * and Kafka acks are awaited, all on a worker thread; requests are handled one at a time, in order,
     * and the offset is committed only after this returns.
     */
    @Incoming(Topics.INGEST_REQUESTED)
    @Blocking
    public void onRequest(ConsumerRecord<String, IngestRequested> record) {
        IngestRequested request = record.value();
        if (request == null || request.bucket() == null || request.key() == null || request.bucket().isBlank()
                || request.key().isBlank()) {
            Log.warnf("Ignoring malformed %s record at %s-%d@%d", Topics.INGEST_REQUESTED, record.topic(),
                    record.partition(), record.offset());
            return;
        }
        service.ingest(request, requestKey(record.topic(), record.partition(), record.offset()));
    }

    public static String requestKey(String topic, int partition, long offset) {
        return topic + "/" + partition + "/" + offset;
    }
}
