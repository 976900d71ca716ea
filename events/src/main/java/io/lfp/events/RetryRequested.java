package io.lfp.events;

import java.time.Instant;

/**
 * A client asked to retry a FAILED upload whose staged rows are kept: the ingest-worker runs the failed
 * chunks again (all of them when the staged rows were lost) and then merges as usual.
 *
 * @param version payload version, {@link #VERSION}
 * @param uploadId the upload's id; also the Kafka key
 * @param retry 1 for the upload's first retry, 2 for the next, …: a worker acts on a given number once,
 *        so a record delivered again changes nothing
 * @param requestedAt when upload-service accepted the request
 */
public record RetryRequested(int version, String uploadId, int retry, Instant requestedAt) {

    public static final int VERSION = 1;
}
