package io.lfp.upload.health;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.lfp.upload.service.BucketService;

/** Ready only when the upload bucket can be reached (HEAD bucket); uploads cannot work otherwise. */
@Readiness
@ApplicationScoped
public class S3ReadinessCheck implements HealthCheck {

    private final BucketService buckets;

    public S3ReadinessCheck(BucketService buckets) {
        this.buckets = buckets;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("S3 bucket").withData("bucket", buckets.bucket());
        try {
            buckets.checkOrCreate();
            return response.up().build();
        } catch (RuntimeException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
