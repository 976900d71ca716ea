package io.lfp.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.lfp.events.DeadLetterException;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;

/** The handler boundary: what is retried, what is dead-lettered, and that each dead letter is counted once. */
class EventGuardTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventGuard guard = new EventGuard(registry);

    @Test
    void anOutageIsWaitedOutAndNothingIsDeadLettered() {
        AtomicInteger tries = new AtomicInteger();
        guard.run("upload-aborted", () -> {
            if (tries.incrementAndGet() < 5) {
                throw new UncheckedIOException(new ConnectException("Connection refused"));
            }
        });
        assertEquals(5, tries.get(), "more tries than a deterministic failure gets");
        assertEquals(0, registry.find(EventGuard.DEAD_LETTERED).counters().size());
    }

    @Test
    void anErrorIsCaughtAtTheBoundaryAndDeadLetteredAtOnce() {
        AtomicInteger tries = new AtomicInteger();
        DeadLetterException dead = assertThrows(DeadLetterException.class, () -> guard.run("ingest-chunks", () -> {
            tries.incrementAndGet();
            throw new OutOfMemoryError("Java heap space");
        }));
        assertEquals(1, tries.get());
        assertEquals(DeadLetterException.HANDLER_ERROR, dead.reason());
        assertEquals("The handler failed with java.lang.OutOfMemoryError", dead.getMessage());
        assertEquals(1.0, count("ingest-chunks", DeadLetterException.HANDLER_ERROR));
    }

    @Test
    void aFailureThatRepeatsIsTriedThreeTimesThenDeadLettered() {
        AtomicInteger tries = new AtomicInteger();
        DeadLetterException dead = assertThrows(DeadLetterException.class, () -> guard.run("file-uploaded", () -> {
            tries.incrementAndGet();
            throw new IllegalStateException("duplicate key value violates unique constraint (sku)=(secret)");
        }));
        assertEquals(EventGuard.ATTEMPTS, tries.get());
        assertEquals(DeadLetterException.GAVE_UP, dead.reason());
        assertEquals("The handler failed 3 times: java.lang.IllegalStateException", dead.getMessage(),
                "the failure's message (which may quote data) is not the reason");
        assertEquals(1.0, count("file-uploaded", DeadLetterException.GAVE_UP));
    }

    @Test
    void aRefusedRecordIsNotRetriedAndTheReactiveFormBehavesTheSame() {
        AtomicInteger tries = new AtomicInteger();
        Uni<Void> handled = guard.guard("aggregates-changed", () -> {
            tries.incrementAndGet();
            throw new DeadLetterException(DeadLetterException.INVALID, "aggregates-changed: expected x");
        });
        DeadLetterException dead = assertThrows(DeadLetterException.class, () -> handled.await().indefinitely());
        assertEquals("aggregates-changed: expected x", dead.getMessage());
        assertEquals(1, tries.get());
        assertEquals(1.0, count("aggregates-changed", DeadLetterException.INVALID));

        AtomicInteger outages = new AtomicInteger();
        guard.guard("aggregates-changed", () -> outages.incrementAndGet() < 3
                ? Uni.createFrom().failure(new ConnectException("refused"))
                : Uni.createFrom().voidItem()).await().indefinitely();
        assertEquals(3, outages.get());
        AtomicInteger errors = new AtomicInteger();
        DeadLetterException error = assertThrows(DeadLetterException.class, () -> guard.guard("aggregates-changed",
                () -> Uni.createFrom().item(1).map(i -> {
                    errors.incrementAndGet();
                    throw new StackOverflowError();
                }).replaceWithVoid()).await().indefinitely());
        assertEquals(DeadLetterException.HANDLER_ERROR, error.reason());
        assertEquals(1, errors.get());
    }

    private double count(String channel, String reason) {
        return registry.get(EventGuard.DEAD_LETTERED).tag("channel", channel).tag("reason", reason).counter().count();
    }
}
