package io.lfp.localinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Child-process pid files in a kept data directory. When the owning JVM was killed (kill -9
 * runs no shutdown hook) its redis-server and s3proxy children keep the fixed ports; the next
 * start stops them, but only if the pid still names the same kind of process.
 */
final class Leftovers {

    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private Leftovers() {
    }

    static void record(Path root, String name, long pid) {
        if (pid <= 0) {
            return;
        }
        try {
            Files.writeString(root.resolve(name + ".pid"), Long.toString(pid));
        } catch (IOException e) {
            LOG.debug("cannot write {}.pid: {}", name, e.toString());
        }
    }

    /** Stops the recorded process if it is still alive and its command line contains {@code marker}. */
    static void stop(Path root, String name, String marker) {
        Path file = root.resolve(name + ".pid");
        if (!Files.exists(file)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(file).trim());
            Optional<ProcessHandle> handle = ProcessHandle.of(pid);
            if (handle.isPresent() && handle.get().isAlive()
                    && handle.get().info().commandLine().orElse("").contains(marker)) {
                LOG.warn("{} (pid {}) from an earlier run still running: stopping it", name, pid);
                handle.get().destroy();
                try {
                    handle.get().onExit().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    handle.get().destroyForcibly();
                }
            }
            Files.deleteIfExists(file);
        } catch (IOException | NumberFormatException e) {
            LOG.debug("ignoring {}: {}", file, e.toString());
        }
    }

    /** Pids of our redis-server children (redis rewrites its title, so the port is not visible to us). */
    static java.util.Set<Long> redisChildren() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().commandLine().orElse("").contains("redis-server"))
                .map(ProcessHandle::pid)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The redis-server child that was not there before (embedded-redis does not expose its pid). */
    static long newRedisChild(java.util.Set<Long> before) {
        return redisChildren().stream().filter(pid -> !before.contains(pid)).findFirst().orElse(-1L);
    }
}
