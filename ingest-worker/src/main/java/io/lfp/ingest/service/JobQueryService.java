package io.lfp.ingest.service;

import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.domain.JobNotFoundException;
import io.lfp.ingest.domain.RejectedRow;
import io.lfp.ingest.repository.IngestJobRepository;
import io.lfp.ingest.repository.RejectedRowRepository;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/** Answers questions about jobs and their rejected rows. */
@ApplicationScoped
public class JobQueryService {

    public static final String REJECTED_HEADER =
            CsvText.lines(List.<String[]>of(new String[] {"record_number", "line_number", "reason", "raw_text"}));
    static final int PAGE = 1000;

    private final IngestJobRepository jobs;
    private final RejectedRowRepository rejected;

    public JobQueryService(IngestJobRepository jobs, RejectedRowRepository rejected) {
        this.jobs = jobs;
        this.rejected = rejected;
    }

    public Uni<IngestJob> job(UUID uploadId) {
        return jobs.find(uploadId).onItem().ifNull().failWith(() -> new JobNotFoundException(uploadId.toString()));
    }

    /**
     * The upload's rejected rows as RFC 4180 CSV with a header and CRLF line ends, in record order,
     * one chunk per page: a file with millions of bad rows streams instead of filling the heap.
     * Fails with {@link JobNotFoundException} before any chunk when the upload has no job.
     */
    public Multi<String> rejectedCsv(UUID uploadId) {
        return job(uploadId).onItem().transformToMulti(job -> Multi.createBy().concatenating()
                .streams(Multi.createFrom().item(REJECTED_HEADER), pages(uploadId)));
    }

    private Multi<String> pages(UUID uploadId) {
        AtomicLong after = new AtomicLong();
        return Multi.createBy().repeating()
                .uni(() -> rejected.page(uploadId, after.get(), PAGE).invoke(rows -> {
                    if (!rows.isEmpty()) {
                        after.set(rows.get(rows.size() - 1).recordNumber());
                    }
                }))
                .whilst(rows -> rows.size() == PAGE)
                .filter(rows -> !rows.isEmpty())
                .map(JobQueryService::toCsv);
    }

    static String toCsv(List<RejectedRow> rows) {
        return CsvText.lines(rows.stream()
                .map(r -> new String[] {Long.toString(r.recordNumber()), Long.toString(r.lineNumber()), r.reason(),
                        r.rawText()})
                .toList());
    }
}
