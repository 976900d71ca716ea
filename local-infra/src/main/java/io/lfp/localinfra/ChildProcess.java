package io.lfp.localinfra;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server running as a child process, stopped by {@link #close()} or, should that never be called, by a shutdown
 * hook: the child must not outlive the JVM that started it.
 */
final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final Duration grace;
    private final Thread shutdownHook;
    private boolean stopped;

    /** Watches {@code process}: on stop it gets SIGTERM and {@code grace} to exit before SIGKILL. */
    ChildProcess(Process process, String hookName, Duration grace) {
        this.process = process;
        this.grace = grace;
        this.shutdownHook = new Thread(this::stop, hookName);
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, SIGKILL after the grace period, then any descendant still alive (a script's JVM, say). */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running or has run
        }
    }
}
