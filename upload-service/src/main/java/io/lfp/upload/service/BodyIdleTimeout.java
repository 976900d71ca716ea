package io.lfp.upload.service;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.upload.config.UploadConfig;
import io.quarkus.logging.Log;

/**
 * Ends uploads whose client stalls mid-body (lfp.upload.idle-timeout): a read that has waited that long for
 * the client's next bytes closes the connection, and the read fails as if the client went away, so the
 * upload is cleaned up the same way. Only time spent waiting for the client counts: while the service itself
 * is busy (a part going to S3), the client is held back on purpose.
 */
@ApplicationScoped
public class BodyIdleTimeout {

    private final long timeoutNanos;
    private final Duration timeout;
    private final Set<WatchedBody> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "upload-idle-timeout");
        t.setDaemon(true);
        return t;
    });

    public BodyIdleTimeout(UploadConfig config) {
        this.timeout = config.idleTimeout();
        this.timeoutNanos = config.idleTimeout().toNanos();
        long checkMillis = Math.max(50, config.idleTimeout().toMillis() / 4);
        timer.scheduleWithFixedDelay(this::expireStalled, checkMillis, checkMillis, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }

    /**
     * @param body the request body
     * @param closeConnection drops the client's connection, which wakes up a read blocked on it
     * @return the body, watched until it is closed (closing it does not close {@code body})
     */
    public WatchedBody watch(InputStream body, Runnable closeConnection) {
        WatchedBody w = new WatchedBody(body, closeConnection);
        watched.add(w);
        return w;
    }

    private void expireStalled() {
        long now = System.nanoTime();
        for (WatchedBody w : watched) {
            long since = w.waitingSince;
            if (since != 0 && now - since > timeoutNanos && !w.expired) {
                w.expired = true;
                Log.infof("An upload's client sent nothing for %d s: closing its connection", timeout.toSeconds());
                try {
                    w.closeConnection.run();
                } catch (RuntimeException e) {
                    Log.warnf("Could not close a stalled upload's connection: %s", e.toString());
                }
            }
        }
    }

    /** A request body whose reads are timed. */
    public final class WatchedBody extends FilterInputStream {
        private final Runnable closeConnection;
        private volatile long waitingSince;
        private volatile boolean expired;

        WatchedBody(InputStream in, Runnable closeConnection) {
            super(in);
            this.closeConnection = closeConnection;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            checkExpired();
            waitingSince = Math.max(1, System.nanoTime());
            try {
                int n = in.read(b, off, len);
                // whatever the closed connection made the read return, the body is incomplete
                checkExpired();
                return n;
            } catch (IOException e) {
                checkExpired();
                throw e;
            } finally {
                waitingSince = 0;
            }
        }

        private void checkExpired() throws IOException {
            if (expired) {
                throw new IOException("the client sent nothing for " + timeout.toSeconds() + " s");
            }
        }

        /** Stops watching; the request body itself is left to the framework. */
        @Override
        public void close() {
            watched.remove(this);
        }
    }
}
