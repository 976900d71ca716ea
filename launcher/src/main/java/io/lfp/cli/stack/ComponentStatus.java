package io.lfp.cli.stack;

/**
 * One row of {@code ./lfp status}.
 *
 * @param pid    0 when nothing runs for this row
 * @param health {@code UP}, {@code DOWN} or {@code not running}
 */
public record ComponentStatus(String name, int port, long pid, String health) {
    public static final String UP = "UP";
    public static final String DOWN = "DOWN";
    public static final String NOT_RUNNING = "not running";

    public boolean up() {
        return UP.equals(health);
    }
}
