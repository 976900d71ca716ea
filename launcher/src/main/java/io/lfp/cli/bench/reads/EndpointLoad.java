package io.lfp.cli.bench.reads;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;

/**
 * Loads one {@link ReadEndpoint} with a number of closed-loop clients (each sends its next request when its last
 * one is answered): first a warm-up that is not counted, then the measured time. A request counts when it was sent
 * within the measured time; its latency is from sending to the whole body read. req/s = counted requests / the time
 * from the start of the measurement until the last counted answer.
 */
final class EndpointLoad {

    private EndpointLoad() {
    }

    static ReadPhaseReport.Row run(DashboardClient client, ReadEndpoint endpoint, String pass, ReadPhaseOptions options)
            throws InterruptedException {
        int clients = options.clients();
        List<Client> loops = new ArrayList<>(clients);
        long start = System.nanoTime();
        long measureFrom = start + options.warmUp().toNanos();
        long measureUntil = measureFrom + options.measured().toNanos();
        CountDownLatch done = new CountDownLatch(clients);
        List<Thread> threads = new ArrayList<>(clients);
        for (int i = 0; i < clients; i++) {
            Client loop = new Client(client, endpoint, measureFrom, measureUntil, done);
            loops.add(loop);
            Thread thread = new Thread(loop, "read-load-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        try {
            done.await();
        } catch (InterruptedException e) {
            threads.forEach(Thread::interrupt);
            throw e;
        }
        return merge(endpoint, pass, options, loops, measureFrom);
    }

    private static ReadPhaseReport.Row merge(ReadEndpoint endpoint, String pass, ReadPhaseOptions options,
            List<Client> loops, long measureFrom) {
        LatencyHistogram latencies = new LatencyHistogram();
        Map<String, Long> errorsByKind = new TreeMap<>();
        Map<String, Long> cache = new TreeMap<>();
        long errors = 0;
        long lastAnswer = measureFrom;
        long firstErrorAt = Long.MAX_VALUE;
        String firstError = null;
        boolean exhausted = false;
        for (Client loop : loops) {
            latencies.add(loop.latencies);
            loop.errorsByKind.forEach((kind, n) -> errorsByKind.merge(kind, n, Long::sum));
            loop.cache.forEach((value, n) -> cache.merge(value, n, Long::sum));
            errors += loop.errors;
            lastAnswer = Math.max(lastAnswer, loop.lastAnswer);
            if (loop.firstError != null && loop.firstErrorAt < firstErrorAt) {
                firstErrorAt = loop.firstErrorAt;
                firstError = loop.firstError;
            }
            exhausted |= loop.exhausted;
        }
        double seconds = (lastAnswer - measureFrom) / 1e9;
        String note = endpoint.note();
        if (exhausted) {
            String ranOut = String.format("fresh keys ran out after %.1f of %d s: only %,d distinct keys sampled",
                    Math.max(0, seconds), options.measured().toSeconds(), endpoint.keys().size());
            note = note == null ? ranOut : note + "; " + ranOut;
        }
        return new ReadPhaseReport.Row(pass, endpoint.name(), endpoint.kind(), endpoint.request(), latencies.count(),
                seconds, latencies.percentileMicros(50), latencies.percentileMicros(99), latencies.maxMicros(), errors,
                errorsByKind, firstError, cache, note);
    }

    /** One client: its own counters, read only after it has finished. */
    private static final class Client implements Runnable {
        private final DashboardClient client;
        private final ReadEndpoint endpoint;
        private final long measureFrom;
        private final long measureUntil;
        private final CountDownLatch done;
        final LatencyHistogram latencies = new LatencyHistogram();
        final Map<String, Long> errorsByKind = new TreeMap<>();
        final Map<String, Long> cache = new TreeMap<>();
        long errors;
        long lastAnswer;
        long firstErrorAt;
        String firstError;
        boolean exhausted;

        Client(DashboardClient client, ReadEndpoint endpoint, long measureFrom, long measureUntil, CountDownLatch done) {
            this.client = client;
            this.endpoint = endpoint;
            this.measureFrom = measureFrom;
            this.measureUntil = measureUntil;
            this.done = done;
        }

        @Override
        public void run() {
            try {
                loop();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                done.countDown();
            }
        }

        private void loop() throws InterruptedException {
            while (true) {
                long sentAt = System.nanoTime();
                if (sentAt >= measureUntil) {
                    return;
                }
                String path = endpoint.next().get();
                if (path == null) {
                    exhausted = true;
                    return;
                }
                DashboardClient.Answer answer = client.get(path);
                long answeredAt = System.nanoTime();
                if (sentAt >= measureFrom) {
                    count(answer, sentAt, answeredAt);
                }
            }
        }

        private void count(DashboardClient.Answer answer, long sentAt, long answeredAt) {
            latencies.recordNanos(answeredAt - sentAt);
            lastAnswer = answeredAt;
            if (answer.cache() != null) {
                cache.merge(answer.cache(), 1L, Long::sum);
            }
            if (!answer.ok()) {
                errors++;
                errorsByKind.merge(answer.errorKind(), 1L, Long::sum);
                if (firstError == null) {
                    firstError = answer.error();
                    firstErrorAt = sentAt;
                }
            }
        }
    }
}
