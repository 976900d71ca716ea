package io.lfp.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/** Peak resident memory of a process: {@code VmHWM} of {@code /proc/<pid>/status} (Linux). */
final class PeakMemory {
    private PeakMemory() {
    }

    /** Bytes, or empty when the process is gone or this is not Linux. */
    static OptionalLong of(long pid) {
        try {
            return parseVmHwm(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong parseVmHwm(List<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0]) * 1024); // always kB
            }
        }
        return OptionalLong.empty();
    }

    /**
     * The largest VmHWM among a PostgreSQL server's postmaster and its backends. Shared buffers a
     * process touched count in its VmHWM, so this is an upper bound per process; 0 when not found.
     */
    static long largestPostgresProcess(long postmasterPid) {
        return ProcessHandle.of(postmasterPid)
                .map(postmaster -> java.util.stream.Stream
                        .concat(java.util.stream.Stream.of(postmaster), postmaster.descendants())
                        .mapToLong(p -> of(p.pid()).orElse(0)).max().orElse(0))
                .orElse(0L);
    }

    /** The process's command name ({@code /proc/<pid>/comm}), e.g. {@code postgres}, {@code java}. */
    static String command(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm")).strip();
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
