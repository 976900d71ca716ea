package io.lfp.ingest.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.domain.JobNotFoundException;
import io.lfp.ingest.repository.IngestJobRepository;
import io.smallrye.mutiny.Uni;

/**
 * Answers questions about jobs. An upload's rejected rows are served by upload-service alone
 * ({@code GET /api/uploads/{id}/rejected}), so they have one door and one access rule.
 */
@ApplicationScoped
public class JobQueryService {

    private final IngestJobRepository jobs;

    public JobQueryService(IngestJobRepository jobs) {
        this.jobs = jobs;
    }

    public Uni<IngestJob> job(UUID uploadId) {
        return jobs.find(uploadId).onItem().ifNull().failWith(() -> new JobNotFoundException(uploadId.toString()));
    }
}
