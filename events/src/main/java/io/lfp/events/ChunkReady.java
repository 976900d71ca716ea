package io.lfp.events;

/**
 * One unit of ingest work: a record-aligned byte range of a CSV file in S3. A worker reads it
 * with ranged GETs and commits its rows together with the record that the chunk is done.
 * Kafka key: {@code <uploadId>:<chunkIndex>}, so the chunks of one file spread over partitions.
 * An uploaded file is stored as consecutive part objects and its chunks are announced while it
 * streams in, before their number is known; its {@link FileUploaded} event then gives the totals.
 *
 * @param version payload version, {@link #VERSION}
 * @param uploadId the upload's id
 * @param uploadSeq the upload's position: a later upload wins over an earlier one
 * @param chunkIndex 0-based index of this chunk in the file
 * @param chunksTotal number of chunks of the file, or 0 while the file is still streaming in (then
 *        FileUploaded gives it); the job ends when all are done or failed
 * @param bucket S3 bucket
 * @param key S3 object key of the whole file; with {@code partSize > 0}, the prefix of its parts
 * @param rangeStart first byte of the chunk (inclusive); always the start of a record, never the header
 * @param rangeEnd end of the chunk (exclusive); always just after a record end, or the end of the object
 * @param firstRecord record number of the chunk's first record (1-based, header excluded)
 * @param firstLine physical line number where that record starts (1-based, the header is line 1)
 * @param records number of records in the chunk
 * @param bytesTotal size of the whole object
 * @param recordsTotal records in the whole file (for progress and ETA), 0 while unknown
 * @param partSize v2: 0 when {@code key} is one object holding the whole file; else the file is stored
 *        as objects {@code <key>.part-00001}, {@code .part-00002}, … of this many bytes each
 *        (the last may be shorter), and byte {@code b} of the file is in part {@code b / partSize + 1}
 */
public record ChunkReady(int version, String uploadId, long uploadSeq, int chunkIndex, int chunksTotal,
        String bucket, String key, long rangeStart, long rangeEnd, long firstRecord, long firstLine,
        long records, long bytesTotal, long recordsTotal, long partSize) {

    public static final int VERSION = 2;

    /** The S3 key of a part of a file stored in parts (1-based). */
    public static String partKey(String fileKey, long partNumber) {
        return fileKey + ".part-" + String.format("%05d", partNumber);
    }

    public String kafkaKey() {
        return uploadId + ":" + chunkIndex;
    }
}
