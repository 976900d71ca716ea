package io.lfp.events;

/**
 * Any system asks for an object that is already in S3 to be ingested as a products CSV,
 * without an HTTP upload. upload-service records it as an upload, checks its header, cuts
 * it into chunks and announces it like an uploaded file. Kafka key: {@code <bucket>/<key>}.
 *
 * <pre>
 * {"version":1,"bucket":"lfp-uploads","key":"incoming/products-2026-11-24.csv","filename":"products-2026-11-24.csv"}
 * </pre>
 *
 * @param version payload version, {@link #VERSION}
 * @param bucket S3 bucket of the object (the service must be able to read it)
 * @param key S3 object key
 * @param filename name to show for the upload; null = the last part of the key
 */
public record IngestRequested(int version, String bucket, String key, String filename) {

    public static final int VERSION = 1;
}
