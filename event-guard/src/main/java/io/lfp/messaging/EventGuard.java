package io.lfp.messaging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import io.lfp.events.DeadLetterException;
import io.lfp.events.EventChecks;
import io.lfp.events.Topics;
import io.lfp.events.TransientFailures;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;

/**
 * The boundary of every incoming-channel handler of every service, so that no record stops a channel.
 * A record the handler may not act on ({@link DeadLetterException}), a failure that repeats
 * {@value #ATTEMPTS} times, and any Error (OutOfMemoryError included) fail the record, which the
 * channel's {@code failure-strategy=dead-letter-queue} sends to {@code <topic>-dlq} with the reason in
 * the {@code dead-letter-reason} header; it is counted ({@code lfp_messages_dead_lettered_total}) and
 * logged once, and the channel goes on. An outage (database, Kafka or S3 unreachable) is waited out
 * with back-off up to {@link #MAX_BACKOFF} between tries, never dead-lettered: handlers are idempotent.
 * A record that is not JSON of the channel's event never reaches the handler: {@link UnreadableRecords}
 * counts it and the connector sends it to the dead-letter topic directly.
 */
@ApplicationScoped
public class EventGuard {

    /** JBoss Logging directly: Quarkus rewrites io.quarkus.logging.Log only in application classes, not in a library. */
    private static final Logger LOG = Logger.getLogger(EventGuard.class);

    static final String DEAD_LETTERED = "lfp.messages.dead.lettered";
    /** Tries of a handler that fails other than by an outage; the same input fails the same way. */
    static final int ATTEMPTS = 3;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

    private final MeterRegistry registry;

    public EventGuard(MeterRegistry registry) {
        this.registry = registry;
    }

    /** For a handler returning Uni: the returned Uni fails only with the DeadLetterException to send on. */
    public Uni<Void> guard(String channel, Supplier<Uni<Void>> handler) {
        AtomicInteger failures = new AtomicInteger();
        return Uni.createFrom().deferred(() -> {
            try {
                return handler.get();
            } catch (Throwable t) {
                return Uni.createFrom().failure(t);
            }
        })
                .onFailure(t -> retry(channel, t, failures.incrementAndGet())).retry()
                .withBackOff(FIRST_BACKOFF, MAX_BACKOFF).indefinitely()
                .onFailure().transform(t -> deadLetter(channel, t));
    }

    /** For a blocking handler (on a worker thread): returns when done, throws the DeadLetterException to send on. */
    public void run(String channel, Runnable handler) {
        long backoffMs = FIRST_BACKOFF.toMillis();
        for (int failures = 1;; failures++) {
            try {
                handler.run();
                return;
            } catch (Throwable t) {
                if (!retry(channel, t, failures)) {
                    throw deadLetter(channel, t);
                }
            }
            try {
                Thread.sleep(backoffMs);
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
                // shutting down: the record is not acked and comes again after the restart
                throw new IllegalStateException("Interrupted while retrying a " + channel + " record", stop);
            }
            backoffMs = Math.min(backoffMs * 2, MAX_BACKOFF.toMillis());
        }
    }

    private static boolean retry(String channel, Throwable t, int failures) {
        if (t instanceof DeadLetterException || t instanceof Error) {
            return false;
        }
        boolean outage = TransientFailures.isTransient(t);
        if (!outage && failures >= ATTEMPTS) {
            return false;
        }
        LOG.warnf("%s: handling a record failed (%s, try %d), trying again: %s", channel,
                outage ? "outage" : "failure", failures, t.toString());
        return true;
    }

    void count(String channel, DeadLetterException dead) {
        registry.counter(DEAD_LETTERED, "channel", channel, "reason", dead.reason()).increment();
    }

    /** Counted and logged here, once per record; the message never quotes an event's or a file's contents. */
    private DeadLetterException deadLetter(String channel, Throwable t) {
        DeadLetterException dead;
        if (t instanceof DeadLetterException d) {
            dead = d;
            LOG.warnf("%s: record sent to %s (%s): %s", channel, Topics.deadLetter(channel), d.reason(),
                    d.getMessage());
        } else if (t instanceof Error) {
            dead = new DeadLetterException(DeadLetterException.HANDLER_ERROR,
                    "The handler failed with " + t.getClass().getName());
            LOG.errorf(t, "%s: record sent to %s: the handler failed with an Error", channel,
                    Topics.deadLetter(channel));
        } else {
            dead = new DeadLetterException(DeadLetterException.GAVE_UP,
                    "The handler failed " + ATTEMPTS + " times: " + t.getClass().getName());
            LOG.errorf(t, "%s: record sent to %s after %d failed tries", channel, Topics.deadLetter(channel),
                    ATTEMPTS);
        }
        count(channel, dead);
        return dead;
    }

    /**
     * The value deserializer's failure handler of every incoming channel
     * ({@code value-deserialization-failure-handler=unreadable-events}): a record that is not JSON of the
     * channel's event (malformed, empty) gets the dead-letter reason, is counted and logged once, and goes
     * to the dead-letter topic without reaching the handler (the connector's dead-letter-queue strategy
     * does that for every record whose deserialization failed). The deserializer's own message is not
     * used: it may quote the record.
     */
    @ApplicationScoped
    @Identifier("unreadable-events")
    public static class UnreadableRecords implements DeserializationFailureHandler<Object> {

        private final EventGuard guard;

        public UnreadableRecords(EventGuard guard) {
            this.guard = guard;
        }

        @Override
        public Object decorateDeserialization(Uni<Object> deserialization, String topic, boolean isKey,
                String deserializer, byte[] data, Headers headers) {
            return deserialization.onFailure().recoverWithItem(failure -> {
                DeadLetterException dead = EventChecks.unreadable(topic);
                DeserializationFailureHandler.addFailureDetailsToHeaders(deserializer, topic, isKey, headers, data,
                        dead);
                LOG.warnf("%s: record sent to %s (%s): %s", topic, Topics.deadLetter(topic), dead.reason(),
                        dead.getMessage());
                guard.count(topic, dead);
                return null;
            }).await().indefinitely();
        }
    }
}
