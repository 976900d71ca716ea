package io.lfp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.lfp.cli.bench.BenchOptions.Reads;

class BenchOptionsTest {
    @Test
    void defaultsAreHalfAMillionRowsDurableWithReuploadAndWarmUploadTwoWorkersNoReads() {
        BenchOptions defaults = BenchOptions.parse(List.of());
        assertEquals(new BenchOptions(500_000, false, true, true, 2, null, 1, false, false, null, Reads.NONE, 64, 10),
                defaults);
        assertEquals("durable", defaults.configuration());
    }

    @Test
    void everyOptionInBothSpellings() {
        assertEquals(
                new BenchOptions(100_000, true, false, false, 4, 8_388_608L, 9, true, true, "foundation jars", Reads.AFTER, 8,
                        3),
                BenchOptions.parse(List.of("100_000", "--throwaway", "--no-reupload", "--no-warm", "--workers", "4",
                        "--chunk-size=8388608", "--seed", "9", "--keep-file", "--keep", "--note", "foundation jars",
                        "--reads", "--read-clients=8", "--read-seconds", "3")));
        assertEquals("throwaway", BenchOptions.parse(List.of("--throwaway")).configuration());
    }

    @Test
    void readsOnlyTakesItsRowsOrFiveMillion() {
        BenchOptions alone = BenchOptions.parse(List.of("--reads-only"));
        assertEquals(Reads.ONLY, alone.reads());
        assertEquals(5_000_000, alone.rows());
        assertEquals(200_000, BenchOptions.parse(List.of("--reads-only", "200000")).rows());
        assertEquals(300_000, BenchOptions.parse(List.of("300000", "--reads-only")).rows());
        assertEquals(400_000, BenchOptions.parse(List.of("--reads-only", "--throwaway", "400000")).rows());
        assertEquals(500_000, BenchOptions.parse(List.of("--reads")).rows(), "--reads keeps the default row count");
    }

    @Test
    void uploadTimeoutIsHalfAnHourOrOneSecondPerTwentyThousandRows() {
        assertEquals(Duration.ofMinutes(30), BenchOptions.parse(List.of("500000")).uploadTimeout());
        assertEquals(Duration.ofMinutes(30), BenchOptions.parse(List.of("5000000")).uploadTimeout());
        assertEquals(Duration.ofSeconds(2_500), BenchOptions.parse(List.of("50000000")).uploadTimeout());
    }

    @Test
    void resultsAreWrittenWhereGitIgnoresThemUnlessKept() {
        assertEquals(Path.of("bench/results"), BenchOptions.parse(List.of()).resultsDirectory());
        assertEquals(Path.of("bench/results/kept"), BenchOptions.parse(List.of("--keep")).resultsDirectory());
        assertEquals(Path.of("bench/results/kept"), BenchOptions.parse(List.of("--keep-file", "--keep")).resultsDirectory());
        assertFalse(BenchOptions.parse(List.of("--keep-file")).keep(), "--keep-file keeps the CSV, not the JSON");
    }

    @Test
    void wrongInputIsRefusedWithTheReason() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--workers", "0")))
                .getMessage().startsWith("--workers must be from 1 to 16"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--chunk-size")))
                .getMessage().startsWith("--chunk-size needs a number"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--chunk-size", "0")))
                .getMessage().startsWith("--chunk-size must be a positive number of bytes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--read-clients", "0")))
                .getMessage().startsWith("--read-clients must be from 1 to 1024"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--warm-up", "0")))
                .getMessage().startsWith("--warm-up is gone"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--reads", "--reads-only")))
                .getMessage().startsWith("give either --reads or --reads-only"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("10", "20")))
                .getMessage().startsWith("Unexpected argument: 20"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("--reads-only", "10", "20")))
                .getMessage().startsWith("Unexpected argument: 20"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("many")))
                .getMessage().startsWith("ROWS must be a whole number, was: many"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse(List.of("0")))
                .getMessage().startsWith("ROWS must be at least 1"));
    }
}
