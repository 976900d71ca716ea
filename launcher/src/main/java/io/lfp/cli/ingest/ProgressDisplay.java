package io.lfp.cli.ingest;

import java.io.PrintStream;

/**
 * Shows progress lines: on a terminal one line redrawn in place with {@code \r}; otherwise (a
 * pipe, a CI log) a new line at most every two seconds, so a log is not flooded.
 */
final class ProgressDisplay {
    private static final long PLAIN_INTERVAL_MILLIS = 2000;

    private final PrintStream out;
    private final boolean terminal;
    private int lastLength;
    private long lastPrintedMillis;

    ProgressDisplay(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    void show(String line) {
        if (terminal) {
            // pad with blanks so a shorter line wipes the end of the longer one before it
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            out.flush();
            lastLength = line.length();
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastPrintedMillis >= PLAIN_INTERVAL_MILLIS) {
            out.println(line);
            lastPrintedMillis = now;
        }
    }

    /** The final state of the line, always shown, followed by a newline. */
    void finish(String line) {
        if (terminal) {
            show(line);
            out.println();
        } else {
            out.println(line);
        }
        lastLength = 0;
        lastPrintedMillis = 0;
    }
}
