package io.lfp.upload.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.lfp.upload.config.UploadConfig;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/**
 * Makes sure the upload bucket exists, so a fresh store (docker-compose, a new account) works
 * without a manual step.
 */
@ApplicationScoped
public class BucketService {

    private final S3Client s3;
    private final String bucket;
    private volatile boolean exists;

    public BucketService(S3Client s3, UploadConfig config) {
        this.s3 = s3;
        this.bucket = config.bucket();
    }

    void onStart(@Observes StartupEvent event) {
        try {
            ensureBucket();
        } catch (RuntimeException e) {
            // not fatal: S3 may come up after us; readiness stays DOWN and each upload tries again
            Log.warnf("S3 bucket %s not checked at start-up: %s", bucket, e.getMessage());
        }
    }

    public String bucket() {
        return bucket;
    }

    /** Creates the bucket when it is missing; remembers success so uploads do not pay a HEAD each. */
    public void ensureBucket() {
        if (exists) {
            return;
        }
        checkOrCreate();
    }

    /** Always asks S3 (for the readiness check); creates the bucket when it is missing. */
    public void checkOrCreate() {
        try {
            s3.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
                Log.infof("Created S3 bucket %s", bucket);
            } catch (BucketAlreadyOwnedByYouException raced) {
                // another instance created it a moment ago: what we wanted
            }
        }
        exists = true;
    }
}
