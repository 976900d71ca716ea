package io.lfp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class BenchReportTest {
    private static final BenchOptions OPTIONS = new BenchOptions(500_000, 2, null, 1, 50_000, false, false, null);
    private static final ByHandBaseline.Result BASELINE = new ByHandBaseline.Result(0.5, 2.5, 1.0, 500_000, 465_000);

    private static BenchReport.UploadRun run(double seconds, long products, long countDifferences, String fingerprint) {
        return new BenchReport.UploadRun("u-1", "COMPLETED", seconds, seconds + 0.1, 1.0, 500_000, 0, null,
                new Exactness.Check(products, 465_000, countDifferences, fingerprint),
                Map.of("lastChunkStaged", 3.1, "jobEnded", 5.0), Map.of("postgres", 4.2));
    }

    private static BenchReport report(BenchReport.UploadRun first, BenchReport.UploadRun again, long baselineDifferences) {
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put("upload-service", 300L * 1048576);
        return new BenchReport(Instant.parse("2025-01-01T10:00:00Z"), OPTIONS, 97_200_000, 465_000, first, again,
                BASELINE, baselineDifferences, rss, Map.of("nproc", 2), "abc1234");
    }

    @Test
    void anExactRunPrintsSecondsRatesTheBaselineStepsRatiosAndMemory() {
        BenchReport report = report(run(12.0, 465_000, 0, "42"), run(10.0, 465_000, 0, "42"), 0);
        String table = report.table();
        assertTrue(report.exact());
        assertTrue(
                table.contains(
                        "product, first upload (end to end)            12.00       41,667   COMPLETED, 202 after 1.00 s"),
                table);
        assertTrue(table.contains("baseline: total                                4.00      125,000"), table);
        assertTrue(table.contains("ratio product ÷ baseline (first upload)       3.00×"), table);
        assertTrue(table.contains("ratio product ÷ baseline (re-upload)          2.50×"), table);
        assertTrue(table.contains("re-upload                                OK  (no product changed)"), table);
        assertTrue(table.contains("upload-service                               300 MB"), table);
        assertTrue(table.contains("exact                                    OK"), table);
        Map<String, Object> json = report.json();
        assertEquals(3.0, json.get("ratioProductToBaseline"));
        assertEquals(true, json.get("exact"));
        assertEquals(Map.of("upload-service", 300L), json.get("peakRssMB"));
    }

    @Test
    void aMissingProductACountDifferenceOrAChangedReuploadIsNotExact() {
        assertFalse(report(run(12, 464_999, 0, "1"), run(10, 464_999, 0, "1"), 0).exact());
        BenchReport wrongCounts = report(run(12, 465_000, 3, "1"), run(10, 465_000, 0, "1"), 0);
        assertFalse(wrongCounts.exact());
        assertTrue(wrongCounts.table().contains("MISMATCH: products 465000 (expected 465000), 3 names with a wrong count"));
        BenchReport changed = report(run(12, 465_000, 0, "1"), run(10, 465_000, 0, "2"), 0);
        assertFalse(changed.exact());
        assertTrue(changed.table().contains("(PRODUCTS CHANGED)"));
        assertFalse(report(run(12, 465_000, 0, "1"), run(10, 465_000, 0, "1"), 7).exact());
    }

    @Test
    void vmHwmIsReadInKilobytes() {
        assertEquals(OptionalLong.of(123_456L * 1024),
                PeakMemory.parseVmHwm(List.of("Name:\tjava", "VmPeak:\t  999 kB", "VmHWM:\t  123456 kB", "VmRSS:\t 1 kB")));
        assertEquals(OptionalLong.empty(), PeakMemory.parseVmHwm(List.of("Name:\tkthreadd")));
    }

    @Test
    void machineReadsMemoryAndCpuModel() {
        assertEquals(24_000_000L, Machine.memTotalKb(List.of("MemTotal:       24000000 kB", "MemFree: 1 kB")));
        assertEquals("AMD EPYC 7B13", Machine.cpuModel(List.of("processor\t: 0", "model name\t: AMD EPYC 7B13")));
    }
}
