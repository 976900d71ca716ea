package io.lfp.upload.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The signer against the SDK's own SigV4 signer (the store checks the signatures in the other tests). */
class UnsignedPayloadSignerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);

    private final UnsignedPayloadSigner signer = new UnsignedPayloadSigner();
    private final AwsV4HttpSigner sdk = AwsV4HttpSigner.create();

    @Test
    void httpPayloadIsNotHashedAndTheRequestStaysHttp() {
        SignedRequest signed = signer.sign(request("http", 19000, SdkHttpMethod.PUT, "a,b\n1,2\n"));

        assertEquals("UNSIGNED-PAYLOAD", signed.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow());
        assertEquals("http", signed.request().protocol());
        assertEquals(19000, signed.request().port());
        assertEquals("127.0.0.1:19000", signed.request().firstMatchingHeader("Host").orElseThrow());
    }

    @Test
    void theSdkSignsAnHttpPayload() {
        // what the signer is for: the SDK hashes the payload of an http request although S3 says not to
        SignedRequest signed = sdk.sign(request("http", 19000, SdkHttpMethod.PUT, "a,b\n1,2\n"));

        assertEquals(64, signed.request().firstMatchingHeader("x-amz-content-sha256").orElseThrow().length());
    }

    @Test
    void withoutPayloadTheSignatureIsTheSdksOwn() {
        // no body: the SDK does not sign a payload over http either, so both must produce the same request,
        // which shows that signing "as https" changes neither the Host header nor the signature
        for (int port : new int[] { 80, 19000 }) {
            SdkHttpRequest ours = signer.sign(request("http", port, SdkHttpMethod.GET, null)).request();
            SdkHttpRequest theirs = sdk.sign(request("http", port, SdkHttpMethod.GET, null)).request();

            assertEquals(theirs.headers(), ours.headers());
            assertEquals(theirs.getUri(), ours.getUri());
        }
    }

    @Test
    void httpsIsLeftToTheSdk() {
        SdkHttpRequest ours = signer.sign(request("https", 443, SdkHttpMethod.PUT, "a,b\n")).request();
        SdkHttpRequest theirs = sdk.sign(request("https", 443, SdkHttpMethod.PUT, "a,b\n")).request();

        assertEquals(theirs.headers(), ours.headers());
        assertEquals(theirs.getUri(), ours.getUri());
    }

    private static SignRequest<AwsCredentialsIdentity> request(String protocol, int port, SdkHttpMethod method,
            String body) {
        SignRequest.Builder<AwsCredentialsIdentity> b = SignRequest
                .builder(AwsCredentialsIdentity.create("access", "secret"))
                .request(SdkHttpRequest.builder().protocol(protocol).host("127.0.0.1").port(port).method(method)
                        .encodedPath("/bucket/uploads/1/f.csv.part-00001").build())
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "s3")
                .putProperty(AwsV4HttpSigner.PAYLOAD_SIGNING_ENABLED, false)
                .putProperty(HttpSigner.SIGNING_CLOCK, CLOCK);
        if (body != null) {
            b.payload(ContentStreamProvider.fromUtf8String(body));
        }
        return b.build();
    }
}
