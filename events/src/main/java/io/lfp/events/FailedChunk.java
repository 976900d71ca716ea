package io.lfp.events;

/**
 * A chunk of a FAILED job that was given up after its attempts: where it is in the file and why.
 *
 * @param chunkIndex 0-based index of the chunk in the file
 * @param firstRecord record number of its first record (1-based, header excluded)
 * @param lastRecord record number of its last record
 * @param firstLine physical line its first record starts on (the header is line 1)
 * @param lastLine last physical line of the chunk; null for the file's last chunk (it runs to the end)
 * @param error why it failed, as the worker recorded it
 */
public record FailedChunk(int chunkIndex, long firstRecord, long lastRecord, long firstLine, Long lastLine,
        String error) {
}
