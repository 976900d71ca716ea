package io.lfp.ingest.messaging;

import io.lfp.events.FileUploaded;
import io.lfp.events.Topics;
import io.lfp.events.UploadAborted;
import io.lfp.ingest.domain.IngestJob;
import io.lfp.ingest.service.IngestJobService;
import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * How an upload's stream ends: file-uploaded gives the number of chunks announced while it streamed in
 * (and merges, if they are all in already), upload-aborted drops what was staged. Blocking on purpose: a
 * merge is a database transaction of seconds. Each record is acked after its effects committed and the
 * job's end (if any) was acknowledged by Kafka; redelivery repeats nothing that was done.
 */
@ApplicationScoped
public class UploadEndConsumer {

    private final IngestJobService jobs;
    private final JobEndAnnouncer endAnnouncer;

    public UploadEndConsumer(IngestJobService jobs, JobEndAnnouncer endAnnouncer) {
        this.jobs = jobs;
        this.endAnnouncer = endAnnouncer;
    }

    @Incoming(Topics.FILE_UPLOADED)
    @Blocking(value = "upload-ends", ordered = false)
    public void uploaded(FileUploaded file) {
        if (file == null || !isUuid(file.uploadId()) || file.bucket() == null || file.key() == null
                || file.chunksTotal() < 1) {
            Log.warnf("Ignoring an invalid file-uploaded event: %s", file);
            return;
        }
        IngestJob ended = jobs.seal(file);
        if (ended != null) {
            endAnnouncer.announce(ended, true);
        }
    }

    @Incoming(Topics.UPLOAD_ABORTED)
    @Blocking(value = "upload-ends", ordered = false)
    public void aborted(UploadAborted aborted) {
        if (aborted == null || !isUuid(aborted.uploadId())) {
            Log.warnf("Ignoring an invalid upload-aborted event: %s", aborted);
            return;
        }
        IngestJob ended = jobs.abort(aborted);
        if (ended != null) {
            // the dashboard showed the job's progress: it learns its end too (a job ended before is announced again)
            endAnnouncer.announce(ended, false);
        }
    }

    private static boolean isUuid(String id) {
        try {
            UUID.fromString(id);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }
}
