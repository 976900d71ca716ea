package io.lfp.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real redis-server (the binary bundled in embedded-redis) as a child process, requiring the stack's password.
 * A cache: nothing persisted.
 */
final class RedisServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisServer.class);

    private final int port;
    private final String password;
    private redis.embedded.RedisServer server;

    RedisServer(int port, String password) {
        this.port = port;
        this.password = password;
    }

    int port() {
        return port;
    }

    synchronized void start() {
        if (server != null && server.isActive()) {
            return;
        }
        Net.requireFree(port, "Redis");
        try {
            server = redis.embedded.RedisServer.newRedisServer()
                    .bind(Net.HOST)
                    .port(port)
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .setting("daemonize no")
                    // the stack's secret (URL-safe characters only, so no quoting is needed in the config line)
                    .setting("requirepass " + password)
                    .build();
            server.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Redis on port " + port, e);
        }
        // start() returns on the "Ready to accept connections" line (so no "loglevel warning": it hides that line)
        Net.await("Redis", Duration.ofSeconds(10), () -> Net.answers(port), () -> true);
    }

    synchronized void stop() {
        if (server == null) {
            return;
        }
        try {
            server.stop();
        } catch (IOException e) {
            LOG.warn("Redis did not stop cleanly: {}", e.toString());
        } finally {
            server = null;
        }
        Net.await("Redis to release its port", Duration.ofSeconds(10), () -> !Net.answers(port), () -> true);
    }

    @Override
    public void close() {
        stop();
    }
}
