package io.lfp.cli;

import java.util.List;
import java.util.Locale;

import io.lfp.cli.stack.ComponentStatus;

/** Formats {@code ./lfp status}: NAME | PORT | PID | HEALTH, columns sized to their content. */
final class StatusTable {
    private StatusTable() {
    }

    static String format(List<ComponentStatus> rows) {
        int nameWidth = Math.max("NAME".length(), rows.stream().mapToInt(r -> r.name().length()).max().orElse(0));
        String pattern = "%-" + nameWidth + "s  %-5s  %-7s  %s%n";
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, pattern, "NAME", "PORT", "PID", "HEALTH"));
        for (ComponentStatus row : rows) {
            out.append(String.format(Locale.ROOT, pattern, row.name(), row.port(),
                    row.pid() == 0 ? "-" : Long.toString(row.pid()), row.health()));
        }
        return out.toString();
    }
}
