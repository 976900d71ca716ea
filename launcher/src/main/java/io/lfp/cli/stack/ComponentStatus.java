package io.lfp.cli.stack;

/**
 * One row of {@code ./lfp status}.
 *
 * @param pid 0 when nothing runs for this row
 * @param health {@code UP}, {@code DOWN}, {@code not running}, or {@code DEAD (pid N not running)} for a
 *        process the stack started that has died ({@code ./lfp up} starts it again)
 */
public record ComponentStatus(String name, int port, long pid, String health) {
    public static final String UP = "UP";
    public static final String DOWN = "DOWN";
    public static final String NOT_RUNNING = "not running";

    /** A process of a running stack that is gone: killed, crashed, or exited. */
    public static ComponentStatus dead(String name, int port, long pid) {
        return new ComponentStatus(name, port, pid, "DEAD (pid " + pid + " not running)");
    }

    public boolean dead() {
        return health.startsWith("DEAD");
    }

    public boolean up() {
        return UP.equals(health);
    }
}
