package io.lfp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit statuses and messages, without starting anything. */
class LfpTest {
    @TempDir
    Path repo;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new Lfp(repo, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false).run(args);
    }

    @Test
    void unknownCommandPrintsUsageAndExitsTwo() {
        assertEquals(Lfp.EXIT_USAGE, run("frobnicate"));
        String error = err.toString(StandardCharsets.UTF_8);
        assertTrue(error.startsWith("Unknown command: frobnicate"), error);
        assertTrue(error.contains("Usage: ./lfp COMMAND"), error);
    }

    @Test
    void helpListsEveryCommand() {
        assertEquals(Lfp.EXIT_OK, run("help"));
        String usage = out.toString(StandardCharsets.UTF_8);
        for (String command : new String[] { "up [--workers N]", "status", "down", "logs [-f] [SERVICE]", "ingest FILE" }) {
            assertTrue(usage.contains(command), command + " missing from:\n" + usage);
        }
    }

    @Test
    void ingestOfAMissingFileIsAClearUsageError() {
        assertEquals(Lfp.EXIT_USAGE, run("ingest", repo.resolve("nope.csv").toString()));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("No such file: "), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void statusOfAStackNeverStartedSaysNotRunning() {
        assertEquals(Lfp.EXIT_OK, run("status"));
        String table = out.toString(StandardCharsets.UTF_8);
        assertTrue(table.startsWith("NAME"), table);
        assertTrue(table.contains("upload-service"), table);
        assertTrue(table.lines().skip(1).allMatch(line -> line.endsWith("not running")), table);
    }

    @Test
    void downWhenNothingRunsIsANoOp() {
        assertEquals(Lfp.EXIT_OK, run("down"));
        assertEquals("Nothing to stop: the stack is not running.\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void generateWritesTheFileAndSaysWhatItWrote() throws Exception {
        Path file = repo.resolve("gen/products.csv");
        assertEquals(Lfp.EXIT_OK, run("generate", "1000", file.toString(), "--seed", "5"));
        String said = out.toString(StandardCharsets.UTF_8);
        assertTrue(said.startsWith("Wrote " + file + ": 1,000 rows, "), said);
        assertTrue(said.contains("distinct skus (seed 5)"), said);
        assertTrue(java.nio.file.Files.readString(file).startsWith("name,sku,description\r\n"));
    }

    @Test
    void generateWithoutAFileOrWithABadSeedIsAUsageError() {
        assertEquals(Lfp.EXIT_USAGE, run("generate", "1000"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("generate needs ROWS and FILE"),
                err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(Lfp.EXIT_USAGE, run("generate", "10", repo.resolve("x.csv").toString(), "--seed", "x"));
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("--seed must be a whole number, was: x"),
                err.toString(StandardCharsets.UTF_8));
    }
}
