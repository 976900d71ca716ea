package io.lfp.upload.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * The service's one S3 client: the builder quarkus-amazon-s3 configured from {@code quarkus.s3.*}, with
 * {@link UnsignedPayloadSigner} so that a PUT to a plain http endpoint (s3proxy) costs no SHA-256 over
 * its bytes, as against https: less CPU here and in s3proxy (docs/decisions/0012-unsigned-s3-payloads.md).
 */
@ApplicationScoped
public class S3ClientProducer {

    @Produces
    @ApplicationScoped
    S3Client s3(S3ClientBuilder builder) {
        return UnsignedPayloadSigner.install(builder).build();
    }

    void close(@Disposes S3Client s3) {
        s3.close();
    }
}
