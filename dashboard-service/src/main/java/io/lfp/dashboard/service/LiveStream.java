package io.lfp.dashboard.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.lfp.dashboard.config.DashboardConfig;
import io.lfp.dashboard.domain.LiveEvent;
import io.lfp.dashboard.domain.TooManyLiveClientsException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.core.Vertx;

/**
 * The clients of the live stream and what is pushed to them. Each client first gets a snapshot,
 * then every event published after it connected, in order: events that arrive while its snapshot
 * is still being read are held and sent right after it, so none is lost and none overtakes it.
 * A client that reads slower than events come (past lfp.dashboard.stream-buffer) is disconnected
 * rather than buffered without bound; EventSource reconnects and gets a fresh snapshot.
 */
@ApplicationScoped
public class LiveStream {

    /** What a client refused for the cap is told to wait; the page's own reconnect delay is similar. */
    static final int RETRY_AFTER_SECONDS = 10;

    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    /** Clients let in, counted before their stream is subscribed so that a burst cannot pass the cap. */
    private final AtomicInteger admitted = new AtomicInteger();
    private final Vertx vertx;
    private final DashboardConfig config;
    private long timerId = -1;

    public LiveStream(Vertx vertx, DashboardConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        Gauge.builder("dashboard.stream.clients", clients, Set::size)
                .description("Browsers connected to the live stream")
                .register(registry);
    }

    void start(@Observes StartupEvent event) {
        timerId = vertx.setPeriodic(config.streamKeepAlive().toMillis(), id -> publish(LiveEvent.keepAlive()));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
        }
        clients.forEach(Client::complete);
    }

    /**
     * A new client: {@code snapshot} first, then everything published from now on.
     *
     * @throws TooManyLiveClientsException when lfp.dashboard.stream-max-clients are connected already: each
     *         client can hold stream-buffer events, so their number is bounded
     */
    public Multi<LiveEvent> subscribe(Uni<LiveEvent> snapshot) {
        if (admitted.incrementAndGet() > config.streamMaxClients()) {
            admitted.decrementAndGet();
            throw new TooManyLiveClientsException(config.streamMaxClients(), RETRY_AFTER_SECONDS);
        }
        return Multi.createFrom().<LiveEvent> emitter(emitter -> {
            Client client = new Client(emitter);
            clients.add(client);
            emitter.onTermination(() -> {
                clients.remove(client);
                admitted.decrementAndGet();
            });
            snapshot.subscribe().with(client::start, emitter::fail);
        }, config.streamBuffer());
    }

    public void publish(LiveEvent event) {
        clients.forEach(client -> client.send(event));
    }

    /** Whether anyone listens: events are only worth reading data for then. */
    public boolean hasClients() {
        return !clients.isEmpty();
    }

    private static final class Client {

        private final MultiEmitter<? super LiveEvent> emitter;
        /** Events published before the snapshot went out; null once it did. */
        private List<LiveEvent> held = new ArrayList<>();

        Client(MultiEmitter<? super LiveEvent> emitter) {
            this.emitter = emitter;
        }

        synchronized void start(LiveEvent snapshot) {
            emitter.emit(snapshot);
            held.forEach(emitter::emit);
            held = null;
        }

        synchronized void send(LiveEvent event) {
            if (held == null) {
                emitter.emit(event);
            } else if (!event.isKeepAlive()) {
                held.add(event);
            }
        }

        void complete() {
            emitter.complete();
        }
    }
}
