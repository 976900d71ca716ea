package io.lfp.events;

/**
 * One unit of ingest work: a record-aligned byte range of a CSV object in S3. A worker reads
 * it with a ranged GET and commits its rows together with the record that the chunk is done.
 * Kafka key: {@code <uploadId>:<chunkIndex>}, so the chunks of one file spread over partitions.
 *
 * @param version      payload version, {@link #VERSION}
 * @param uploadId     the upload's id
 * @param uploadSeq    the upload's position: a later upload wins over an earlier one
 * @param chunkIndex   0-based index of this chunk in the file
 * @param chunksTotal  number of chunks of the file; the job ends when all are done or failed
 * @param bucket       S3 bucket
 * @param key          S3 object key of the whole file
 * @param rangeStart   first byte of the chunk (inclusive); always the start of a record, never the header
 * @param rangeEnd     end of the chunk (exclusive); always just after a record end, or the end of the object
 * @param firstRecord  record number of the chunk's first record (1-based, header excluded)
 * @param firstLine    physical line number where that record starts (1-based, the header is line 1)
 * @param records      number of records in the chunk
 * @param bytesTotal   size of the whole object
 * @param recordsTotal records in the whole file (for progress and ETA)
 */
public record ChunkReady(int version, String uploadId, long uploadSeq, int chunkIndex, int chunksTotal,
        String bucket, String key, long rangeStart, long rangeEnd, long firstRecord, long firstLine,
        long records, long bytesTotal, long recordsTotal) {

    public static final int VERSION = 1;

    public String kafkaKey() {
        return uploadId + ":" + chunkIndex;
    }
}
