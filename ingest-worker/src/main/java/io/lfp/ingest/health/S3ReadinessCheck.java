package io.lfp.ingest.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import software.amazon.awssdk.services.s3.S3Client;

/** Ready only when the uploads bucket answers: every job starts by reading from it. */
@Readiness
@ApplicationScoped
public class S3ReadinessCheck implements HealthCheck {

    private final S3Client s3;
    private final String bucket;

    public S3ReadinessCheck(S3Client s3, @ConfigProperty(name = "lfp.s3.bucket") String bucket) {
        this.s3 = s3;
        this.bucket = bucket;
    }

    @Override
    public HealthCheckResponse call() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return HealthCheckResponse.named("s3").up().withData("bucket", bucket).build();
        } catch (RuntimeException e) {
            return HealthCheckResponse.named("s3").down().withData("bucket", bucket)
                    .withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
