package io.lfp.ingest.service;

import io.lfp.ingest.config.IngestConfig;
import io.lfp.ingest.domain.ProductRow;
import io.lfp.ingest.domain.RejectedRow;
import io.lfp.ingest.repository.ProductRepository;
import io.lfp.ingest.repository.RejectedRowRepository;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.IntConsumer;

/**
 * Collects one job's rows into batches and writes them, keeping up to
 * {@link IngestConfig#maxInFlightBatches()} upserts in flight while parsing continues.
 * Used by one thread (the job's); the counters it returns count written batches only.
 */
final class BatchWriter {

    private final ProductRepository products;
    private final RejectedRowRepository rejected;
    private final UUID uploadId;
    private final long uploadSeq;
    private final IngestConfig config;
    private final IntConsumer onBatchWritten;

    private final Deque<InFlight> inFlight = new ArrayDeque<>();
    private List<ProductRow> rows = new ArrayList<>();
    private long rowsChars;
    private List<RejectedRow> rejects = new ArrayList<>();

    private long rowsLoaded;
    private long rowsRejected;
    private long productsWritten;

    BatchWriter(ProductRepository products, RejectedRowRepository rejected, UUID uploadId, long uploadSeq,
            IngestConfig config, IntConsumer onBatchWritten) {
        this.products = products;
        this.rejected = rejected;
        this.uploadId = uploadId;
        this.uploadSeq = uploadSeq;
        this.config = config;
        this.onBatchWritten = onBatchWritten;
    }

    void add(ProductRow row) {
        rows.add(row);
        rowsChars += row.chars();
        if (rows.size() >= config.batchSize() || rowsChars >= config.batchMaxChars()) {
            sendRows();
        }
    }

    void reject(RejectedRow row) {
        rejects.add(row);
        if (rejects.size() >= config.rejectedBatchSize()) {
            writeRejects();
        }
    }

    /** Writes what is left and waits for every statement in flight. */
    void finish() {
        if (!rows.isEmpty()) {
            sendRows();
        }
        if (!rejects.isEmpty()) {
            writeRejects();
        }
        while (!inFlight.isEmpty()) {
            awaitOldest();
        }
    }

    long rowsLoaded() {
        return rowsLoaded;
    }

    long rowsRejected() {
        return rowsRejected;
    }

    long productsWritten() {
        return productsWritten;
    }

    private void sendRows() {
        List<ProductRow> batch = rows;
        rows = new ArrayList<>();
        rowsChars = 0;
        while (inFlight.size() >= Math.max(1, config.maxInFlightBatches())) {
            awaitOldest();
        }
        CompletableFuture<Integer> written = products.upsert(BatchPreparer.prepare(batch, uploadSeq))
                .subscribeAsCompletionStage();
        inFlight.add(new InFlight(written, batch.size()));
    }

    private void awaitOldest() {
        InFlight oldest = inFlight.poll();
        try {
            productsWritten += oldest.written().join();
        } catch (CompletionException e) {
            inFlight.forEach(f -> f.written().cancel(false));
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
        rowsLoaded += oldest.rows();
        onBatchWritten.accept(oldest.rows());
    }

    private void writeRejects() {
        List<RejectedRow> batch = rejects;
        rejects = new ArrayList<>();
        rejected.insert(uploadId, batch).await().indefinitely();
        rowsRejected += batch.size();
    }

    private record InFlight(CompletableFuture<Integer> written, int rows) {
    }
}
