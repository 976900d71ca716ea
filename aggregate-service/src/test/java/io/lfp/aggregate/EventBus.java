package io.lfp.aggregate;

import java.time.Duration;
import java.time.Instant;

import io.lfp.events.AggregatesChanged;
import io.lfp.events.IngestFinished;
import io.lfp.events.IngestState;
import io.lfp.events.ProductChanged;
import io.lfp.events.Topics;
import io.lfp.testing.TestKafka;
import io.lfp.testing.TestKafka.TopicReader;

/**
 * The events around this service, as the other services send and read them: publishes IngestFinished and
 * ProductChanged as JSON and collects every AggregatesChanged from the beginning of the topic.
 */
public final class EventBus implements AutoCloseable {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestKafka kafka = new TestKafka();
    private final TopicReader aggregatesChanged = kafka.reader(Topics.AGGREGATES_CHANGED);

    public static IngestFinished finished(String uploadId, IngestState state) {
        Instant now = Instant.now();
        return new IngestFinished(IngestFinished.VERSION, uploadId, state, 10, 9, 1, 9, now.minusSeconds(5), now,
                state == IngestState.FAILED ? "S3 read failed" : null);
    }

    public void publish(IngestFinished event) {
        kafka.send(Topics.INGEST_FINISHED, event.uploadId(), event);
    }

    public void publishRaw(String key, byte[] value) {
        kafka.sendBytes(Topics.INGEST_FINISHED, key, value);
    }

    /** Waits for the n-th (1-based) AggregatesChanged keyed {@code uploadId}. */
    public AggregatesChanged awaitAggregatesChanged(String uploadId, int nth) {
        return aggregatesChanged.awaitNth(r -> uploadId.equals(r.key()), nth, AggregatesChanged.class, WAIT,
                "AggregatesChanged for upload " + uploadId);
    }

    public void publish(ProductChanged event) {
        kafka.send(Topics.PRODUCT_CHANGED, event.sku(), event);
    }

    public void publishRawProductChanged(String key, byte[] value) {
        kafka.sendBytes(Topics.PRODUCT_CHANGED, key, value);
    }

    /** Number of AggregatesChanged without a key (caused by single-product edits) on the topic right now. */
    public int countUnkeyed() {
        return (int) aggregatesChanged.readToEnd().stream().filter(r -> r.key() == null).count();
    }

    /** Waits for the n-th (1-based) AggregatesChanged without a key, i.e. caused by a single-product edit. */
    public AggregatesChanged awaitUnkeyed(int nth) {
        return aggregatesChanged.awaitNth(r -> r.key() == null, nth, AggregatesChanged.class, WAIT,
                "unkeyed AggregatesChanged");
    }

    /** Number of AggregatesChanged keyed {@code uploadId} seen so far, after polling what is there. */
    public long countAggregatesChanged(String uploadId) {
        return aggregatesChanged.poll(Duration.ofMillis(500)).stream().filter(r -> uploadId.equals(r.key())).count();
    }

    @Override
    public void close() {
        aggregatesChanged.close();
    }
}
