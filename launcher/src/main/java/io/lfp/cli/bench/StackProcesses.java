package io.lfp.cli.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.lfp.cli.stack.ComponentStatus;
import io.lfp.cli.stack.Infrastructure;
import io.lfp.cli.stack.Stack;

/**
 * The processes of a running stack by label: every service, the local-infra JVM (Kafka) and its
 * children (s3proxy, redis-server), and the PostgreSQL server (its postmaster: pg_ctl detaches it
 * from local-infra, so it is found by its port). Linux /proc only.
 */
final class StackProcesses {
    static final String POSTGRES = "postgres";

    private StackProcesses() {
    }

    static Map<String, Long> of(Stack stack) {
        Map<String, Long> processes = new LinkedHashMap<>();
        Set<Long> seen = new LinkedHashSet<>();
        long infraPid = 0;
        for (ComponentStatus component : stack.status()) {
            if (component.pid() == 0 || !seen.add(component.pid())) {
                continue;
            }
            boolean infra = List.of("postgresql", "kafka", "redis", "s3").contains(component.name());
            processes.put(infra ? Infrastructure.NAME + " (JVM: Kafka)" : component.name(), component.pid());
            if (infra) {
                infraPid = component.pid();
            }
        }
        if (infraPid != 0) {
            for (ProcessHandle child : ProcessHandle.of(infraPid).map(p -> p.descendants().toList()).orElse(List.of())) {
                String command = PeakMemory.command(child.pid());
                String label = command.equals("java") ? "s3proxy" : command.startsWith("redis") ? "redis-server" : null;
                if (label != null) {
                    processes.putIfAbsent(label + " (child of local-infra)", child.pid());
                }
            }
        }
        long postmaster = postmaster(stack.settings().pgPort());
        if (postmaster != 0) {
            processes.put(POSTGRES, postmaster);
        }
        return processes;
    }

    /** The postmaster of the PostgreSQL server listening on {@code port} (by {@code -p PORT}); 0 when not found. */
    static long postmaster(int port) {
        String portArgument = Integer.toString(port);
        return ProcessHandle.allProcesses()
                .filter(p -> PeakMemory.command(p.pid()).startsWith("postgres") && isServerOnPort(p.pid(), portArgument))
                .mapToLong(ProcessHandle::pid).findFirst().orElse(0);
    }

    /**
     * CPU seconds (user + system) each process used so far. For PostgreSQL: the postmaster, its
     * exited backends (reaped, so in its children's times) and its live backends.
     */
    static Map<String, Double> cpuSeconds(Map<String, Long> processes) {
        Map<String, Double> cpu = new LinkedHashMap<>();
        processes.forEach((label, pid) -> {
            double seconds = cpuOf(pid, true);
            if (label.equals(POSTGRES)) {
                seconds += ProcessHandle.of(pid).map(p -> p.children().mapToDouble(c -> cpuOf(c.pid(), false)).sum())
                        .orElse(0.0);
            }
            cpu.put(label, seconds);
        });
        return cpu;
    }

    /** utime + stime (+ cutime + cstime: reaped children) of /proc/PID/stat, in seconds; 0 when gone. */
    static double cpuOf(long pid, boolean withReapedChildren) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // fields after the command name, which is in parentheses and may hold spaces
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // f[0] is field 3 (state): utime is field 14 -> f[11], stime f[12], cutime f[13], cstime f[14]
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12])
                    + (withReapedChildren ? Long.parseLong(f[13]) + Long.parseLong(f[14]) : 0);
            return ticks / 100.0; // USER_HZ is 100 on Linux
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static boolean isServerOnPort(long pid, String port) {
        try {
            List<String> args = List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")),
                    StandardCharsets.UTF_8).split("\0"));
            int p = args.indexOf("-p");
            return p >= 0 && p + 1 < args.size() && args.get(p + 1).equals(port);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
