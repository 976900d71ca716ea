package io.lfp.cli.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One child process of the stack: started with its own environment, stdout and stderr in a log
 * file, its PID in a PID file. It is only ever addressed by PID — never by name — and a PID is
 * trusted only while the process behind it still has the start time recorded when we started it
 * (so a recycled PID is never signalled).
 */
public final class ManagedProcess {
    /** Matches /proc start-time granularity (clock ticks) with room to spare. */
    private static final Duration START_TIME_TOLERANCE = Duration.ofSeconds(1);
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    public enum StopOutcome {
        STOPPED,
        KILLED,
        NOT_RUNNING
    }

    private final String name;
    private final ProcessHandle handle;
    private final Instant startedAt;
    private final Path logFile;

    private ManagedProcess(String name, ProcessHandle handle, Instant startedAt, Path logFile) {
        this.name = name;
        this.handle = handle;
        this.startedAt = startedAt;
        this.logFile = logFile;
    }

    /**
     * Starts {@code command} in its own session ({@code setsid}, where present), so the children
     * outlive the launcher and a Ctrl-C in the terminal that ran {@code ./lfp up} does not reach
     * them. The log file is truncated: it holds this run only.
     */
    public static ManagedProcess start(String name, List<String> command, Map<String, String> env,
            Path workDir, Path logFile, Path pidFile) {
        List<String> fullCommand = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // setsid execs in place (a ProcessBuilder child is no group leader), so the PID stays the java's
            fullCommand.add(SETSID.toString());
        }
        fullCommand.addAll(command);
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Files.createDirectories(pidFile.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(fullCommand)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                    // no pipe to the launcher: nothing breaks when the launcher exits
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().putAll(env);
            Process process = builder.start();
            ProcessHandle handle = process.toHandle();
            Instant startedAt = handle.info().startInstant().orElse(Instant.now());
            Files.writeString(pidFile, handle.pid() + "\n");
            return new ManagedProcess(name, handle, startedAt, logFile);
        } catch (IOException e) {
            throw new StackException("Could not start " + name + " (" + String.join(" ", command) + "): "
                    + e.getMessage(), e);
        }
    }

    /** The process recorded as {@code pid}, if it is still that process and still alive. */
    public static Optional<ManagedProcess> attach(String name, long pid, Instant startedAt, Path logFile) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(handle -> sameStart(handle, startedAt))
                .map(handle -> new ManagedProcess(name, handle, startedAt, logFile));
    }

    private static boolean sameStart(ProcessHandle handle, Instant recorded) {
        return handle.info().startInstant()
                .map(actual -> Duration.between(recorded, actual).abs().compareTo(START_TIME_TOLERANCE) <= 0)
                .orElse(true); // no start time on this OS: the PID is all there is
    }

    public String name() {
        return name;
    }

    public long pid() {
        return handle.pid();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    /**
     * SIGTERM, wait up to {@code grace} for a clean exit, then SIGKILL — the process and whatever
     * it had started (PostgreSQL, redis-server, s3proxy under local-infra), so nothing is orphaned.
     */
    public StopOutcome stop(Duration grace) {
        if (!handle.isAlive()) {
            return StopOutcome.NOT_RUNNING;
        }
        List<ProcessHandle> descendants = handle.descendants().toList();
        handle.destroy();
        if (awaitExit(handle, grace)) {
            return StopOutcome.STOPPED;
        }
        handle.destroyForcibly();
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        awaitExit(handle, Duration.ofSeconds(5));
        return StopOutcome.KILLED;
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        }
    }
}
