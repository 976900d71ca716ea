package io.lfp.localinfra;

import java.net.URI;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** A real SigV4 S3 client configured the way the services configure theirs (path-style, static keys). */
final class S3Clients {

    private S3Clients() {
    }

    static S3Client create(LocalInfrastructure infra, String secretKey) {
        return S3Client.builder()
                .endpointOverride(URI.create(infra.s3Endpoint()))
                .region(Region.of(infra.region()))
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(infra.accessKey(), secretKey)))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
