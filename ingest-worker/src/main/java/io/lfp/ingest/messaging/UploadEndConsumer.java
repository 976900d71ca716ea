package io.lfp.ingest.messaging;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.lfp.events.FileUploaded;
import io.lfp.events.Topics;
import io.lfp.events.UploadAborted;
import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.service.IngestJobService;
import io.lfp.ingest.service.JobEndService;
import io.lfp.ingest.service.UploadEventValidator;
import io.lfp.messaging.EventGuard;
import io.smallrye.reactive.messaging.annotations.Blocking;

/**
 * How an upload's stream ends: file-uploaded gives the number of chunks announced while it streamed in
 * (and merges, if they are all in already), upload-aborted drops what was staged. Blocking on purpose: a
 * merge is a database transaction of seconds. Each record is acked after its effects committed and the
 * job's end (if any) was acknowledged by Kafka; redelivery repeats nothing that was done. An outage
 * (the database restarting) is waited out, and a record it may not act on is dead-lettered
 * ({@link EventGuard}): neither stops the channel.
 */
@ApplicationScoped
public class UploadEndConsumer {

    private final IngestJobService jobs;
    private final JobEndService endAnnouncer;
    private final UploadEventValidator validator;
    private final EventGuard guard;

    public UploadEndConsumer(IngestJobService jobs, JobEndService endAnnouncer, UploadEventValidator validator,
            EventGuard guard) {
        this.jobs = jobs;
        this.endAnnouncer = endAnnouncer;
        this.validator = validator;
        this.guard = guard;
    }

    @Incoming(Topics.FILE_UPLOADED)
    @Blocking(value = "upload-ends", ordered = false)
    public void uploaded(FileUploaded file) {
        guard.run(Topics.FILE_UPLOADED, () -> {
            IngestJob ended = jobs.seal(validator.check(file));
            if (ended != null) {
                endAnnouncer.announce(ended, true);
            }
        });
    }

    /**
     * Not checked against upload-service's row: it deletes the row right after announcing the abort, so the
     * row is often gone when this arrives, and the abort must still leave its mark for chunks that come later.
     */
    @Incoming(Topics.UPLOAD_ABORTED)
    @Blocking(value = "upload-ends", ordered = false)
    public void aborted(UploadAborted aborted) {
        guard.run(Topics.UPLOAD_ABORTED, () -> {
            UploadEventValidator.checkAborted(aborted);
            IngestJob ended = jobs.abort(aborted);
            if (ended != null) {
                // the dashboard showed the job's progress: it learns its end too (a job ended before is announced again)
                endAnnouncer.announce(ended, false);
            }
        });
    }
}
