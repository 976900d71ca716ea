package io.lfp.ingest.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.lfp.events.FileUploaded;
import io.lfp.events.UploadAborted;
import io.lfp.ingest.config.IngestConfig;
import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.repository.IngestJobRepository;
import io.lfp.ingest.repository.StagingRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * A job's life outside its chunks: opened by whichever comes first (a chunk or the file's FileUploaded),
 * sealed when FileUploaded gives the number of chunks, merged once the last chunk and the seal are both
 * in (whichever commits second sees it), or ended FAILED when the upload was aborted. Blocking.
 */
@ApplicationScoped
public class IngestJobService {

    private final Pool pool;
    private final IngestJobRepository jobs;
    private final StagingRepository staging;
    private final JobMergeService merger;
    private final IngestConfig config;

    public IngestJobService(Pool pool, IngestJobRepository jobs, StagingRepository staging, JobMergeService merger,
            IngestConfig config) {
        this.pool = pool;
        this.jobs = jobs;
        this.staging = staging;
        this.merger = merger;
        this.config = config;
    }

    /**
     * Creates the job and its staging table unless the job exists; yields the job as stored. Its own short
     * transaction, never a chunk's: an uncommitted job row would make every other chunk of the upload wait
     * on its primary key. A concurrent creator waits on that key until the first committed, then creates nothing.
     */
    public IngestJob open(UUID uploadId, long uploadSeq, String bucket, String key, long bytesTotal,
            int chunksTotal, long recordsTotal) {
        return pool.withTransaction(tx -> jobs.create(tx, uploadId, uploadSeq, bucket, key, bytesTotal, chunksTotal,
                recordsTotal)
                .call(created -> created ? staging.create(tx, uploadId) : Uni.createFrom().voidItem()))
                .chain(() -> jobs.find(uploadId))
                .await().indefinitely();
    }

    /**
     * The file is all in: records its totals and, when every chunk is in already, merges. Yields the job if
     * this call ended it, else null (chunks still outstanding, or the job had ended before). Rides out an
     * infrastructure outage of up to lfp.ingest.outage-tolerance: every step is safe to repeat.
     */
    public IngestJob seal(FileUploaded file) {
        return OutageWait.ridingOut(config, "Upload " + file.uploadId() + " seal", () -> sealOnce(file));
    }

    private IngestJob sealOnce(FileUploaded file) {
        UUID uploadId = UUID.fromString(file.uploadId());
        open(uploadId, file.uploadSeq(), file.bucket(), file.key(), file.sizeBytes(), file.chunksTotal(),
                file.recordsTotal());
        IngestJob sealed = pool.withTransaction(tx -> jobs.seal(tx, uploadId, file.chunksTotal(), file.recordsTotal(),
                file.sizeBytes())).await().indefinitely();
        if (sealed == null || !sealed.allChunksIn()) {
            return null;
        }
        IngestJob ended = merger.merge(uploadId);
        return ended != null && ended.state().isTerminal() ? ended : null;
    }

    /**
     * Ends the job FAILED without merging anything, and drops what was staged; rides out an outage like
     * {@link #seal}. Yields the job when chunks of it had arrived (then its end is to be announced: its progress
     * was), else null.
     */
    public IngestJob abort(UploadAborted aborted) {
        return OutageWait.ridingOut(config, "Upload " + aborted.uploadId() + " abort", () -> abortOnce(aborted));
    }

    private IngestJob abortOnce(UploadAborted aborted) {
        UUID uploadId = UUID.fromString(aborted.uploadId());
        String error = "Upload aborted: " + aborted.reason();
        boolean bornEnded = pool.withTransaction(tx -> jobs.createAborted(tx, uploadId, error)).await().indefinitely();
        IngestJob ended = bornEnded ? null : merger.finish(uploadId, error, false);
        Log.infof("Upload %s aborted (%s): nothing of it is loaded", uploadId, aborted.reason());
        return ended;
    }
}
