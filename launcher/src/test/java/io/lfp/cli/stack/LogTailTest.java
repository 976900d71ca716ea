package io.lfp.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {
    @TempDir
    Path dir;

    @Test
    void returnsTheLastLinesOfAFileLargerThanOneBlock() throws Exception {
        Path log = dir.resolve("big.log");
        Files.writeString(log, IntStream.rangeClosed(1, 5000).mapToObj(i -> "line " + i)
                .collect(Collectors.joining("\n", "", "\n")));
        assertEquals(List.of("line 4998", "line 4999", "line 5000"), LogTail.lastLines(log, 3));
    }

    @Test
    void aShortFileIsReturnedWholeAndAMissingOneIsEmpty() throws Exception {
        Path log = dir.resolve("short.log");
        Files.writeString(log, "a\r\nb\nc"); // no final newline, a CRLF line
        assertEquals(List.of("a", "b", "c"), LogTail.lastLines(log, 100));
        assertEquals(List.of(), LogTail.lastLines(dir.resolve("absent.log"), 10));
    }

    @Test
    void theReadyLineOfThisRunIsFound() throws Exception {
        Path log = dir.resolve("local-infra.log");
        Files.writeString(log, "starting PostgreSQL\nREADY pg=15432 kafka=19092\n");
        assertEquals(true, Stack.hasReadyLine(log));
        Files.writeString(log, "starting PostgreSQL\nNOT READY\n");
        assertEquals(false, Stack.hasReadyLine(log));
    }
}
