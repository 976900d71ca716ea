package io.lfp.ingest.config;

import io.smallrye.config.ConfigMapping;

/**
 * The S3 store, under {@code lfp.s3} (docs/architecture.md). The keys have no default (issue 17); being required
 * here, a start without one fails naming its property ({@code lfp.s3.secret-key} for {@code LFP_S3_SECRET_KEY}).
 */
@ConfigMapping(prefix = "lfp.s3")
public interface S3Config {

    /** Endpoint URL (env {@code LFP_S3_ENDPOINT}). */
    String endpoint();

    /** Region (env {@code LFP_S3_REGION}). */
    String region();

    /** The bucket of uploads (env {@code LFP_S3_BUCKET}). */
    String bucket();

    /** Access key (env {@code LFP_S3_ACCESS_KEY}); with MinIO in compose a user limited to the bucket. */
    String accessKey();

    /** Secret key (env {@code LFP_S3_SECRET_KEY}). */
    String secretKey();
}
