package io.lfp.upload.domain;

/**
 * One record-aligned byte range of a file, as announced in a ChunkReady event.
 *
 * @param index 0-based position of the chunk in the file
 * @param rangeStart first byte (inclusive), always the start of a record
 * @param rangeEnd end (exclusive), just after a record end or the end of the file
 * @param firstRecord record number of the first record (1-based, header excluded)
 * @param firstLine physical line where the first record starts (1-based, the header is line 1)
 * @param records number of records in the range
 */
public record ChunkPlan(int index, long rangeStart, long rangeEnd, long firstRecord, long firstLine, long records) {
}
