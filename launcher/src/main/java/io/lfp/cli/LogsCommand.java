package io.lfp.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.lfp.cli.stack.LogTail;

/** {@code ./lfp logs [-f] [SERVICE]}: the tail of the stack's log files in {@code .lfp/logs}. */
final class LogsCommand {
    static final int LINES = 100;
    private static final long FOLLOW_POLL_MILLIS = 250;

    private final Path logDir;
    private final PrintStream out;

    LogsCommand(Path logDir, PrintStream out) {
        this.logDir = logDir;
        this.out = out;
    }

    /**
     * The logs named by {@code service}: an exact name ({@code ingest-worker-2}) or a prefix
     * ({@code ingest-worker} = every worker); every log when null.
     */
    List<Path> select(String service) throws UsageException {
        List<Path> all = logFiles();
        if (service == null) {
            return all;
        }
        List<Path> exact = all.stream().filter(p -> baseName(p).equals(service)).toList();
        if (!exact.isEmpty()) {
            return exact;
        }
        List<Path> prefixed = all.stream().filter(p -> baseName(p).startsWith(service)).toList();
        if (prefixed.isEmpty()) {
            throw new UsageException("No log for '" + service + "'. Logs in " + logDir + ": "
                    + (all.isEmpty() ? "none yet (run ./lfp up)"
                            : String.join(", ", all.stream().map(LogsCommand::baseName).toList())));
        }
        return prefixed;
    }

    void print(List<Path> logs) {
        if (logs.isEmpty()) {
            out.println("No logs yet in " + logDir + " (run ./lfp up).");
            return;
        }
        boolean headers = logs.size() > 1;
        for (Path log : logs) {
            if (headers) {
                out.println("==> " + log + " <==");
            }
            LogTail.lastLines(log, LINES).forEach(out::println);
            if (headers) {
                out.println();
            }
        }
    }

    /** Prints the tail, then every new byte as it is written, until the launcher is interrupted (Ctrl-C). */
    void follow(Path log) throws InterruptedException {
        LogTail.lastLines(log, LINES).forEach(out::println);
        out.flush();
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long position = file.length();
            byte[] buffer = new byte[64 * 1024];
            while (true) {
                long length = file.length();
                if (length < position) {
                    position = 0; // truncated: the service was restarted by `up`
                }
                if (length > position) {
                    file.seek(position);
                    int read = file.read(buffer, 0, (int) Math.min(buffer.length, length - position));
                    out.write(buffer, 0, read);
                    out.flush();
                    position += read;
                    continue;
                }
                Thread.sleep(FOLLOW_POLL_MILLIS);
            }
        } catch (IOException e) {
            out.println("(stopped following " + log + ": " + e.getMessage() + ")");
        }
    }

    private List<Path> logFiles() {
        if (!Files.isDirectory(logDir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(logDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".log")).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private static String baseName(Path log) {
        String name = log.getFileName().toString();
        return name.substring(0, name.length() - ".log".length());
    }
}
