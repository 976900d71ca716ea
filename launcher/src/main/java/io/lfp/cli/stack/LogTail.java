package io.lfp.cli.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last lines of a log file, read from its end so a log of many MB costs nothing. */
public final class LogTail {
    private static final int BLOCK = 8192;

    private LogTail() {
    }

    public static List<String> lastLines(Path file, int count) {
        if (!Files.isRegularFile(file) || count <= 0) {
            return List.of();
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long end = raf.length();
            long start = end;
            int newlines = 0;
            byte[] block = new byte[BLOCK];
            // Walk back block by block until count+1 line ends are seen (the last may end the file).
            while (start > 0 && newlines <= count) {
                int len = (int) Math.min(BLOCK, start);
                start -= len;
                raf.seek(start);
                raf.readFully(block, 0, len);
                for (int i = 0; i < len; i++) {
                    if (block[i] == '\n') {
                        newlines++;
                    }
                }
            }
            byte[] tail = new byte[(int) (end - start)];
            raf.seek(start);
            raf.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\r?\n", -1);
            Deque<String> kept = new ArrayDeque<>();
            int last = lines.length - 1;
            if (last >= 0 && lines[last].isEmpty()) {
                last--; // the file's final newline does not start another line
            }
            for (int i = last; i >= 0 && kept.size() < count; i--) {
                kept.addFirst(lines[i]);
            }
            return List.copyOf(kept);
        } catch (IOException e) {
            return List.of("(could not read " + file + ": " + e.getMessage() + ")");
        }
    }

    /** The tail as an indented block for an error message. */
    public static String describe(Path file, int count) {
        List<String> lines = lastLines(file, count);
        if (lines.isEmpty()) {
            return "  (" + file + " is empty)";
        }
        StringBuilder out = new StringBuilder("  last lines of " + file + ":");
        for (String line : lines) {
            out.append("\n    ").append(line);
        }
        return out.toString();
    }
}
