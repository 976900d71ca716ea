package io.lfp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsCommandTest {
    @TempDir
    Path logDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private LogsCommand logs() throws IOException {
        for (String name : List.of("local-infra", "upload-service", "ingest-worker-1", "ingest-worker-2")) {
            Files.writeString(logDir.resolve(name + ".log"), name + " line\n");
        }
        return new LogsCommand(logDir, new PrintStream(out, true, StandardCharsets.UTF_8));
    }

    @Test
    void aPrefixSelectsEveryWorker() throws Exception {
        List<Path> selected = logs().select("ingest-worker");
        assertEquals(List.of(logDir.resolve("ingest-worker-1.log"), logDir.resolve("ingest-worker-2.log")), selected);
    }

    @Test
    void anUnknownServiceNamesTheLogsThatExist() throws Exception {
        LogsCommand logs = logs();
        UsageException e = assertThrows(UsageException.class, () -> logs.select("dashboard"));
        assertTrue(e.getMessage().contains("upload-service"), e.getMessage());
    }

    @Test
    void severalLogsGetAHeaderEach() throws Exception {
        LogsCommand logs = logs();
        logs.print(logs.select(null));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.contains("==> " + logDir.resolve("upload-service.log") + " <==\nupload-service line\n"), printed);
    }

    @Test
    void oneLogShowsItsLastHundredLines() throws Exception {
        LogsCommand logs = logs();
        Files.writeString(logDir.resolve("upload-service.log"),
                IntStream.rangeClosed(1, 250).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining()));
        logs.print(logs.select("upload-service"));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(100, lines.size());
        assertEquals("line 151", lines.get(0));
        assertEquals("line 250", lines.get(99));
    }
}
