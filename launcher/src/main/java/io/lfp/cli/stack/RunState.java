package io.lfp.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * What runs where: {@code <state>/run/stack.json}, written by {@code up}, read by {@code status},
 * {@code down} and {@code ingest} in later launcher runs. Next to it one {@code <name>.pid} per
 * process, for people and shell scripts.
 *
 * @param settings the ports and directories the stack was started with
 * @param processes every process started, infrastructure first
 */
public record RunState(Settings settings, List<RunningProcess> processes) {
    static final String FILE_NAME = "stack.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * @param startedAt ISO-8601 start time as the OS reports it, to recognise a recycled PID
     * @param port the HTTP port, or PostgreSQL's for the infrastructure
     * @param healthUrl null for the infrastructure (it has no HTTP health endpoint)
     */
    public record RunningProcess(String name, int port, long pid, String startedAt, String log, String healthUrl) {
    }

    /** The subset of {@link StackSettings} a later launcher run needs. */
    public record Settings(String dataDir, int pgPort, int kafkaPort, int redisPort, int s3Port,
            int dashboardPort, int uploadPort, int aggregatePort, List<Integer> workerPorts) {
        static Settings of(StackSettings s) {
            return new Settings(s.ephemeral() ? null : s.dataDir().toAbsolutePath().toString(),
                    s.pgPort(), s.kafkaPort(), s.redisPort(), s.s3Port(),
                    s.dashboardPort(), s.uploadPort(), s.aggregatePort(), s.workerPorts());
        }
    }

    public RunState {
        processes = List.copyOf(processes);
    }

    static RunState empty(StackSettings settings) {
        return new RunState(Settings.of(settings), List.of());
    }

    RunState with(ManagedProcess process, int port, String healthUrl) {
        List<RunningProcess> all = new ArrayList<>(processes);
        all.add(new RunningProcess(process.name(), port, process.pid(), process.startedAt().toString(),
                process.logFile().toString(), healthUrl));
        return new RunState(settings, all);
    }

    /** The same state with the process of {@code process.name()} replaced by {@code process} (started again). */
    RunState replacing(ManagedProcess process, int port, String healthUrl) {
        List<RunningProcess> all = new ArrayList<>();
        for (RunningProcess p : processes) {
            all.add(!p.name().equals(process.name()) ? p
                    : new RunningProcess(process.name(), port, process.pid(),
                            process.startedAt().toString(), process.logFile().toString(), healthUrl));
        }
        return new RunState(settings, all);
    }

    static Optional<RunState> read(Path runDir) {
        Path file = runDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), RunState.class));
        } catch (IOException e) {
            throw new StackException("Unreadable run state " + file + " (" + e.getMessage()
                    + "); stop the processes listed in " + runDir + "/*.pid by hand and delete it", e);
        }
    }

    void write(Path runDir) {
        try {
            Files.createDirectories(runDir);
            Path tmp = runDir.resolve(FILE_NAME + ".tmp");
            JSON.writeValue(tmp.toFile(), this);
            Files.move(tmp, runDir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + runDir.resolve(FILE_NAME), e);
        }
    }

    static void delete(Path runDir) {
        try (var files = Files.list(runDir)) {
            for (Path file : files.toList()) {
                String name = file.getFileName().toString();
                if (name.equals(FILE_NAME) || name.endsWith(".pid")) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            // nothing was ever started here
        } catch (IOException e) {
            throw new UncheckedIOException("could not clear " + runDir, e);
        }
    }
}
