package io.lfp.ingest.domain;

/**
 * What handling one chunk event came to.
 *
 * @param job the job after the chunk (its counters as this chunk's transaction left them when committed)
 * @param committed true when this delivery committed the chunk; false when it was already recorded
 */
public record ChunkOutcome(IngestJob job, boolean committed) {
}
