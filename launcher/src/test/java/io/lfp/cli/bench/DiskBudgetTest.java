package io.lfp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class DiskBudgetTest {
    private static final long GB = 1_000_000_000L;

    @Test
    void fiftyMillionRowsWithoutReuploadAndWarmNeedAboutSixTimesTheFile() {
        BenchOptions options = BenchOptions.parse(List.of("50000000", "--no-reupload", "--no-warm"));
        long file = DiskBudget.fileBytes(50_000_000);
        assertEquals(9_750_000_000L, file);
        // baseline phase: S3 F + products 1.5 F + staging F + sort F + by-hand products 1.5 F + WAL
        assertEquals((long) (6 * file + DiskBudget.WAL_BYTES), DiskBudget.required(options));
    }

    @Test
    void aRunThatCannotFitIsRefusedWithTheNumbersAndWhatHelps() {
        BenchOptions options = BenchOptions.parse(List.of("50000000", "--no-reupload", "--no-warm"));
        String refusal = DiskBudget.refusal(options, Path.of("/work/bench/work"), 40 * GB);
        assertTrue(refusal.startsWith("this run needs about 61.7 GB of free disk under /work/bench/work"), refusal);
        assertTrue(refusal.contains("but only 40.0 GB are free"), refusal);
        assertTrue(refusal.contains("--no-warm and --no-reupload need less"), refusal);
        assertNull(DiskBudget.refusal(options, Path.of("/work"), 62 * GB));
    }

    @Test
    void readsOnlyUploadsOneFileAndRunsNoBaseline() {
        long file = DiskBudget.fileBytes(5_000_000);
        // the file, its S3 parts, products 1.5 F, one staging table, the WAL
        assertEquals((long) (4.5 * file + DiskBudget.WAL_BYTES),
                DiskBudget.required(BenchOptions.parse(List.of("--reads-only"))));
    }

    @Test
    void theWarmFileAndTheReuploadAddTheirShare() {
        long small = DiskBudget.required(BenchOptions.parse(List.of("1000000", "--no-reupload", "--no-warm")));
        long all = DiskBudget.required(BenchOptions.parse(List.of("1000000")));
        assertTrue(all > small + 3 * DiskBudget.fileBytes(1_000_000), all + " vs " + small);
    }
}
