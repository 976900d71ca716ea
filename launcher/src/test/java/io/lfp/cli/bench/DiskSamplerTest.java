package io.lfp.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskSamplerTest {
    @TempDir
    Path dir;

    private static void write(Path file, int bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[bytes]);
    }

    /** The layout local-infra gives its data root: pg/ with pg_wal/ inside, kafka/, s3/. */
    private Path dataRoot() throws IOException {
        Path root = dir.resolve("data");
        write(root.resolve("pg/base/16384/1259"), 1000);
        write(root.resolve("pg/global/pg_control"), 200);
        write(root.resolve("pg/pg_wal/000000010000000000000001"), 5000);
        write(root.resolve("pg/pg_wal/archive_status/x.done"), 7);
        write(root.resolve("kafka/ingest-chunks-0/00000000000000000000.log"), 300);
        write(root.resolve("s3/lfp-uploads/uploads/u1/part-1"), 4000);
        write(root.resolve("s3/lfp-uploads/uploads/u1/part-2"), 2000);
        return root;
    }

    @Test
    void eachPartIsMeasuredOnItsOwnAndTheWalApartFromTheRestOfPostgres() throws IOException {
        Path root = dataRoot();
        Path file = dir.resolve("work/products.csv");
        write(file, 123);
        Map<String, Long> bytes = DiskSampler.measure(List.of(file, dir.resolve("work/not-yet.csv")), root,
                DiskSampler.LENGTHS);
        assertEquals(Map.of(DiskSampler.FILES, 123L, DiskSampler.S3, 6000L, DiskSampler.POSTGRES, 1200L,
                DiskSampler.WAL, 5007L, DiskSampler.KAFKA, 300L), bytes);
        assertEquals(Map.of(DiskSampler.FILES, 0L, DiskSampler.S3, 0L, DiskSampler.POSTGRES, 0L, DiskSampler.WAL, 0L,
                DiskSampler.KAFKA, 0L), DiskSampler.measure(List.of(), null, DiskSampler.LENGTHS), "nothing known yet: all 0");
    }

    @Test
    void thePeakIsTheLargestSumWithItsPartsAtThatMomentAndTheTablesReadBeforeIt() throws IOException, SQLException {
        Path root = dataRoot();
        Path file = dir.resolve("work/products.csv");
        write(file, 100);
        AtomicLong products = new AtomicLong(111);
        try (DiskSampler sampler = new DiskSampler(Duration.ofHours(1), Duration.ZERO, DiskSampler.LENGTHS)) {
            sampler.generatedFiles(List.of(file));
            sampler.dataRoot(root);
            sampler.tables(() -> Map.of("products", products.get()));
            assertEquals(12_607, sampler.sample().total());

            write(root.resolve("pg/base/16384/16400"), 50_000); // products grow
            products.set(222);
            DiskSampler.Sample peak = sampler.sample();
            assertEquals(62_607, peak.total());

            Files.delete(root.resolve("pg/base/16384/16400")); // a table dropped
            Files.delete(file);
            products.set(333);
            assertEquals(12_507, sampler.sample().total());

            DiskSampler.Peak result = sampler.peak();
            assertEquals(peak, result.peak());
            assertEquals(51_200L, result.peak().bytes().get(DiskSampler.POSTGRES));
            assertEquals(100L, result.peak().bytes().get(DiskSampler.FILES));
            assertEquals(Map.of("products", 222L), result.tablesAtPeak());
            assertEquals(3, result.samples());
        }
    }

    @Test
    void theThreadSamplesOnItsOwnUntilClosed() throws Exception {
        Path root = dataRoot();
        DiskSampler sampler = new DiskSampler(Duration.ofMillis(10), Duration.ofMillis(10), DiskSampler.LENGTHS).start();
        sampler.dataRoot(root);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (sampler.peak().samples() < 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        sampler.close();
        int samples = sampler.peak().samples();
        assertTrue(samples >= 3, "samples: " + samples);
        assertEquals(12_507, sampler.peak().peak().total());
        Thread.sleep(50);
        assertEquals(samples, sampler.peak().samples(), "no sample after close");
    }

    @Test
    void aFailingTableReadKeepsTheLastOneAndNoSampleMeansNoPeak() throws IOException {
        try (DiskSampler sampler = new DiskSampler(Duration.ofHours(1), Duration.ZERO, DiskSampler.LENGTHS)) {
            assertNull(sampler.peak().peak());
            sampler.tables(() -> {
                throw new SQLException("relation dropped");
            });
            sampler.dataRoot(dataRoot());
            sampler.sample();
            assertEquals(Map.of(), sampler.peak().tablesAtPeak());
        }
    }

    @Test
    void onDiskASparseFileCountsItsBlocksNotItsLengthAndTheWalIsLeftOutOfPostgres() throws IOException {
        Path kafka = dir.resolve("data/kafka/ingest-chunks-0");
        Files.createDirectories(kafka);
        byte[] written = new byte[1 << 20];
        java.util.Arrays.fill(written, (byte) 7);
        Files.write(kafka.resolve("00000000000000000000.log"), written);
        try (java.io.RandomAccessFile index = new java.io.RandomAccessFile(
                kafka.resolve("00000000000000000000.index").toFile(), "rw")) {
            index.setLength(10 << 20); // as Kafka preallocates its index: no block written
        }
        write(dir.resolve("data/pg/base/1"), 1 << 20);
        write(dir.resolve("data/pg/pg_wal/000000010000000000000001"), 4 << 20);
        Map<String, Long> lengths = DiskSampler.measure(List.of(), dir.resolve("data"), DiskSampler.LENGTHS);
        assertEquals(11L << 20, lengths.get(DiskSampler.KAFKA));
        Map<String, Long> onDisk = DiskSampler.measure(List.of(), dir.resolve("data"), DiskSampler.ON_DISK);
        long kafkaOnDisk = onDisk.get(DiskSampler.KAFKA);
        assertTrue(kafkaOnDisk >= 1 << 20 && kafkaOnDisk < 2 << 20, "kafka on disk: " + kafkaOnDisk);
        long pg = onDisk.get(DiskSampler.POSTGRES);
        assertTrue(pg >= 1 << 20 && pg < 2 << 20, "postgres without its WAL: " + pg);
        assertTrue(onDisk.get(DiskSampler.WAL) >= 4 << 20, "wal: " + onDisk.get(DiskSampler.WAL));
    }

    @Test
    void bytesLeftCountsFilesAndTreesThatStillExist() throws IOException {
        Path root = dataRoot();
        Path file = dir.resolve("work/products.csv");
        write(file, 10);
        assertEquals(12_517, DiskSampler.bytesLeft(List.of(root, file, dir.resolve("gone"))));
        Benchmark.deleteTree(root);
        Benchmark.deleteTree(file);
        assertEquals(0, DiskSampler.bytesLeft(List.of(root, file)));
        assertTrue(Files.notExists(root));
    }
}
