package io.lfp.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the numbers were measured on: cores, memory, CPU model, Java, PostgreSQL. */
final class Machine {
    private Machine() {
    }

    /** @param db null when PostgreSQL is not reachable (its version is then left out) */
    static Map<String, Object> describe(Connection db) {
        Map<String, Object> machine = new LinkedHashMap<>();
        machine.put("nproc", Runtime.getRuntime().availableProcessors());
        machine.put("memTotalMB", memTotalKb(lines("/proc/meminfo")) / 1024);
        machine.put("cpuModel", cpuModel(lines("/proc/cpuinfo")));
        machine.put("java", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
        if (db != null) {
            try {
                machine.put("postgresql", Exactness.text(db, "SHOW server_version"));
            } catch (SQLException e) {
                machine.put("postgresql", null);
            }
        }
        return machine;
    }

    /** The 1-minute load average ({@code /proc/loadavg}); -1 when unknown. Other work on the machine skews the numbers. */
    static double loadAverage() {
        List<String> lines = lines("/proc/loadavg");
        try {
            return lines.isEmpty() ? -1 : Double.parseDouble(lines.get(0).split("\\s+")[0]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    static long memTotalKb(List<String> meminfo) {
        return meminfo.stream().filter(l -> l.startsWith("MemTotal:"))
                .map(l -> Long.parseLong(l.replaceAll("\\D+", ""))).findFirst().orElse(0L);
    }

    static String cpuModel(List<String> cpuinfo) {
        return cpuinfo.stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown");
    }

    private static List<String> lines(String path) {
        try {
            return Files.readAllLines(Path.of(path));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
