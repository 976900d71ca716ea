package io.lfp.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.lfp.cli.Invocation.Command;

class InvocationTest {

    @Test
    void noArgumentsMeansHelp() throws UsageException {
        assertEquals(Command.HELP, Invocation.parse().command());
    }

    @Test
    void upDefaultsToTwoWorkers() throws UsageException {
        Invocation up = Invocation.parse("up");
        assertEquals(Command.UP, up.command());
        assertEquals(2, up.workers());
        assertFalse(up.workersGiven());
    }

    @Test
    void workersTakeASeparateOrAnInlineValue() throws UsageException {
        assertEquals(3, Invocation.parse("up", "--workers", "3").workers());
        assertEquals(4, Invocation.parse("up", "--workers=4").workers());
        assertTrue(Invocation.parse("up", "--workers=4").workersGiven());
    }

    @Test
    void ingestTakesAFileAndWorkersInAnyOrder() throws UsageException {
        Invocation ingest = Invocation.parse("ingest", "--workers", "1", "data/products.csv");
        assertEquals(Command.INGEST, ingest.command());
        assertEquals("data/products.csv", ingest.argument());
        assertEquals(1, ingest.workers());
    }

    @Test
    void retryTakesAnUploadIdAndNoWorkers() throws UsageException {
        Invocation retry = Invocation.parse("retry", "5b0b7f5e-3c1e-4a57-9a43-0f1f2b4c9d11");
        assertEquals(Command.RETRY, retry.command());
        assertEquals("5b0b7f5e-3c1e-4a57-9a43-0f1f2b4c9d11", retry.argument());
        assertEquals("retry needs an upload ID: ./lfp retry ID",
                assertThrows(UsageException.class, () -> Invocation.parse("retry")).getMessage());
        assertThrows(UsageException.class, () -> Invocation.parse("retry", "--workers", "2", "id"));
    }

    @Test
    void ingestWithoutFileIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> Invocation.parse("ingest"));
        assertTrue(e.getMessage().contains("FILE"), e.getMessage());
    }

    @Test
    void workerCountMustBeAPositiveNumber() {
        assertThrows(UsageException.class, () -> Invocation.parse("up", "--workers", "0"));
        assertThrows(UsageException.class, () -> Invocation.parse("up", "--workers", "two"));
        assertThrows(UsageException.class, () -> Invocation.parse("up", "--workers"));
        assertThrows(UsageException.class, () -> Invocation.parse("up", "--workers", "99"));
    }

    @Test
    void logsTakesAnOptionalServiceAndFollow() throws UsageException {
        assertNull(Invocation.parse("logs").argument());
        Invocation follow = Invocation.parse("logs", "-f", "upload-service");
        assertTrue(follow.follow());
        assertEquals("upload-service", follow.argument());
        assertThrows(UsageException.class, () -> Invocation.parse("logs", "-f"));
    }

    @Test
    void optionsOfOtherCommandsAreRefused() {
        assertThrows(UsageException.class, () -> Invocation.parse("status", "--workers", "2"));
        assertThrows(UsageException.class, () -> Invocation.parse("up", "-f"));
        assertThrows(UsageException.class, () -> Invocation.parse("down", "extra"));
    }

    @Test
    void unknownCommandIsAUsageError() {
        UsageException e = assertThrows(UsageException.class, () -> Invocation.parse("start"));
        assertEquals("Unknown command: start", e.getMessage());
    }
}
