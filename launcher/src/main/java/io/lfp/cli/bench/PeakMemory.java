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
     * The largest VmHWM among the PostgreSQL server listening on {@code port} (its postmaster,
     * found by {@code -p PORT} on its command line) and that server's backends. Shared buffers a
     * process touched count in its VmHWM, so this is an upper bound per process; 0 when not found.
     */
    static long largestPostgresProcess(int port) {
        String portArgument = Integer.toString(port);
        return ProcessHandle.allProcesses()
                .filter(p -> command(p.pid()).startsWith("postgres") && isServerOnPort(p.pid(), portArgument))
                .findFirst()
                .map(postmaster -> java.util.stream.Stream.concat(java.util.stream.Stream.of(postmaster), postmaster.descendants())
                        .mapToLong(p -> of(p.pid()).orElse(0)).max().orElse(0))
                .orElse(0L);
    }

    private static boolean isServerOnPort(long pid, String port) {
        try {
            List<String> args = List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).split("\0"));
            int p = args.indexOf("-p");
            return p >= 0 && p + 1 < args.size() && args.get(p + 1).equals(port);
        } catch (IOException | RuntimeException e) {
            return false;
        }
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
