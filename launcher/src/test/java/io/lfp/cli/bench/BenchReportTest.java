package io.lfp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

class BenchReportTest {
    private static final BenchOptions OPTIONS = BenchOptions.parse(List.of());
    private static final ByHandBaseline.Result BASELINE = new ByHandBaseline.Result(0.5, 2.5, 1.0, 500_000, 465_000);
    private static final BenchReport.Disk DISK = new BenchReport.Disk(
            new DiskSampler.Peak(new DiskSampler.Sample(42.4, sample(97_000_000, 194_000_000, 300_000_000, 50_000_000,
                    2_000_000)), Map.of("ingest_staging_*", 120_000_000L, "products", 150_000_000L), 30),
            Map.of("bench_products", 140_000_000L), 0, List.of("bench/work/stack/data"));

    private static Map<String, Long> sample(long files, long s3, long pg, long wal, long kafka) {
        Map<String, Long> bytes = new LinkedHashMap<>();
        bytes.put(DiskSampler.FILES, files);
        bytes.put(DiskSampler.S3, s3);
        bytes.put(DiskSampler.POSTGRES, pg);
        bytes.put(DiskSampler.WAL, wal);
        bytes.put(DiskSampler.KAFKA, kafka);
        return bytes;
    }

    private static BenchReport.UploadRun run(double seconds, long products, long expected, long countDifferences,
            String fingerprint) {
        return new BenchReport.UploadRun("u-1", "COMPLETED", seconds, seconds + 0.1, 1.0, 500_000, 0, null,
                new Exactness.Check(products, expected, countDifferences, fingerprint),
                Map.of("lastChunkStaged", 3.1, "jobEnded", 5.0), Map.of("postgres", 4.2));
    }

    private static BenchReport report(BenchOptions options, BenchReport.UploadRun cold, BenchReport.UploadRun again,
            BenchReport.UploadRun warm, long baselineDifferences) {
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put("upload-service", 300L * 1048576);
        return new BenchReport(Instant.parse("2025-01-01T10:00:00Z"), options, 97_200_000, 465_000, 466_000, cold, again,
                warm, BASELINE, baselineDifferences, rss, DISK, null, null, Map.of("nproc", 2), "abc1234");
    }

    private static BenchReport exactRun() {
        return report(OPTIONS, run(4.4, 465_000, 465_000, 0, "42"), run(2.0, 465_000, 465_000, 0, "42"),
                run(3.0, 931_000, 931_000, 0, "43"), 0);
    }

    @Test
    void theTableNamesEachLineItsRatioAndGoalAndTheConfiguration() {
        BenchReport report = exactRun();
        String table = report.table();
        assertTrue(report.exact());
        assertTrue(table.contains("configuration: DURABLE (PostgreSQL created as ./lfp up creates .lfp/data"), table);
        assertTrue(table.contains(
                "1 cold first upload (fresh JVMs)                 4.40      113,636       1.10×   ≤ 1.20×  met"), table);
        assertTrue(table.contains(
                "2 identical re-upload                            2.00      250,000       0.50×   ≤ 0.60×  met"), table);
        assertTrue(table.contains(
                "3 warm first upload (2nd file)                   3.00      166,667       0.75×         -"), table);
        assertTrue(table.contains("  by-hand baseline, total                        4.00      125,000"), table);
        assertTrue(table.contains("cold first upload per row                  8.80 µs a row (50M rows: time ≤ 11× the 5M"),
                table);
        assertTrue(table.contains("931,000 products = 465,000 + 466,000 of the warm file"), table);
        assertTrue(table.contains("re-upload                                  OK  (no product changed)"), table);
        assertTrue(table.contains("products = by-hand result (but warm- skus) OK"), table);
        assertTrue(table.contains("exact                                      OK"), table);
        assertTrue(table.contains("Disk at its peak (42 s into the run): 643 MB = files 97 + S3 194 + PostgreSQL 300"
                + " + WAL 50 + Kafka 2"), table);
        assertTrue(table.contains("tables then (MB)                           ingest_staging_* 120, products 150")
                || table.contains("tables then (MB)                           products 150, ingest_staging_* 120"), table);
        assertTrue(table.contains("left after the cleanup                     0 bytes"), table);
        assertTrue(table.contains("upload-service                                 300 MB"), table);
    }

    @Test
    void theJsonSaysWhichLineIsWhichTheRatiosGoalsAndDisk() {
        Map<String, Object> json = exactRun().json();
        assertEquals("durable", json.get("configuration"));
        assertEquals(BenchReport.COLD_LABEL, ((Map<?, ?>) json.get("coldFirstUpload")).get("line"));
        assertEquals(BenchReport.REUPLOAD_LABEL, ((Map<?, ?>) json.get("reupload")).get("line"));
        Map<?, ?> warm = (Map<?, ?>) json.get("warmFirstUpload");
        assertEquals(BenchReport.WARM_LABEL, warm.get("line"));
        assertEquals("warm-", warm.get("skuPrefix"));
        assertEquals(1001L, warm.get("seed"));
        assertEquals(Map.of("coldToBaseline", 1.1, "reuploadToBaseline", 0.5, "warmToBaseline", 0.75), json.get("ratios"));
        Map<?, ?> goals = (Map<?, ?>) json.get("goals");
        assertEquals(Map.of("atMost", 1.2, "met", true), goals.get("coldToBaseline"));
        assertEquals(Map.of("atMost", 0.6, "met", true), goals.get("reuploadToBaseline"));
        assertEquals(8.8, json.get("coldMicrosecondsPerRow"));
        assertEquals(true, json.get("exact"));
        assertEquals(true, json.get("productsEqualByHandResult"));
        assertEquals(Map.of("upload-service", 300L), json.get("peakRssMB"));
        Map<?, ?> disk = (Map<?, ?>) json.get("disk");
        assertEquals(643_000_000L, disk.get("peakBytes"));
        assertEquals(42.4, disk.get("peakSecondsIntoRun"));
        assertEquals(50_000_000L, ((Map<?, ?>) disk.get("peakPartsBytes")).get(DiskSampler.WAL));
        assertEquals(Map.of("ingest_staging_*", 120_000_000L, "products", 150_000_000L), disk.get("tablesAtPeakBytes"));
        assertEquals(0L, disk.get("bytesLeftAfterCleanup"));
        assertNull(json.get("reads"));
    }

    @Test
    void fiveMillionRowsHaveTheStricterColdGoalAndAMissIsShown() {
        BenchOptions fiveMillion = BenchOptions.parse(List.of("5000000", "--throwaway", "--no-reupload", "--no-warm"));
        BenchReport report = report(fiveMillion, run(4.4, 465_000, 465_000, 0, "42"), null, null, 0);
        String table = report.table();
        assertTrue(report.exact(), "skipped steps are not required");
        assertTrue(table.contains("configuration: THROWAWAY"), table);
        assertTrue(table.contains("1.10×   ≤ 1.00×  MISSED"), table);
        assertTrue(table.contains("re-upload                                  skipped (--no-reupload)"), table);
        assertTrue(table.contains("warm first upload                          skipped (--no-warm)"), table);
        Map<String, Object> json = report.json();
        assertEquals("throwaway", json.get("configuration"));
        assertEquals(Map.of("atMost", 1.0, "met", false), ((Map<?, ?>) json.get("goals")).get("coldToBaseline"));
        assertNull(json.get("reupload"));
        assertNull(json.get("warmFirstUpload"));
    }

    @Test
    void aMissingProductACountDifferenceAChangedReuploadOrAWrongWarmUploadIsNotExact() {
        BenchReport.UploadRun good = run(12, 465_000, 465_000, 0, "1");
        BenchReport.UploadRun warm = run(12, 931_000, 931_000, 0, "2");
        assertTrue(report(OPTIONS, good, good, warm, 0).exact());
        assertFalse(report(OPTIONS, run(12, 464_999, 465_000, 0, "1"), good, warm, 0).exact());
        BenchReport wrongCounts = report(OPTIONS, run(12, 465_000, 465_000, 3, "1"), good, warm, 0);
        assertFalse(wrongCounts.exact());
        assertTrue(wrongCounts.table().contains("MISMATCH: products 465000 (expected 465000), 3 names with a wrong count"));
        BenchReport changed = report(OPTIONS, good, run(10, 465_000, 465_000, 0, "2"), warm, 0);
        assertFalse(changed.exact());
        assertTrue(changed.table().contains("(PRODUCTS CHANGED)"));
        assertFalse(report(OPTIONS, good, good, run(12, 930_999, 931_000, 0, "2"), 0).exact());
        assertFalse(report(OPTIONS, good, good, null, 0).exact(), "the warm upload was asked for and did not run");
        assertFalse(report(OPTIONS, good, good, warm, 7).exact());
        assertTrue(report(OPTIONS, good, good, warm, 7).table().contains("MISMATCH: 7 rows differ"));
    }

    @Test
    void readsOnlyNeedsNoBaselineAndShowsTheReadTable() {
        BenchOptions readsOnly = BenchOptions.parse(List.of("--reads-only", "1000"));
        BenchReport report = new BenchReport(Instant.parse("2025-01-01T10:00:00Z"), readsOnly, 194_000, 930, 0,
                run(1, 930, 930, 0, "1"), null, null, null, -1, Map.of(), DISK, Map.of("clients", 64),
                "Reads under load\n  GET /api/summary ...", Map.of("nproc", 2), null);
        assertTrue(report.exact());
        String table = report.table();
        assertTrue(table.contains("--reads-only: one untimed upload, then the read phase"), table);
        assertTrue(table.contains("Reads under load\n  GET /api/summary ...\n"), table);
        assertFalse(table.contains("by-hand"), table);
        assertEquals(Map.of("clients", 64), report.json().get("reads"));
        assertEquals(true, report.json().get("readsOnly"));
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
