package io.lfp.upload.config;

import java.util.concurrent.CompletableFuture;

import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * SigV4 as the SDK does it for an https endpoint (payload not signed: {@code UNSIGNED-PAYLOAD}, or
 * {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER} with the request checksum as trailer), also for a plain
 * http endpoint such as the local s3proxy.
 *
 * <p>
 * Why: for an http endpoint the sync SDK signs every payload, whatever S3's
 * {@code PAYLOAD_SIGNING_ENABLED=false} says (SDK 2.42 {@code ChecksumUtil.isPayloadSigning};
 * aws-sdk-java-v2 issue 5103). That is a SHA-256 over every byte uploaded, in chunks of 128 KiB each
 * with its own HMAC, and s3proxy hashes every byte again to check it: the top CPU consumer in a
 * profile of an upload (docs/decisions/0012-unsigned-s3-payloads.md). What still protects the bytes is what
 * protects them against real S3: the CRC32 request checksum the SDK adds to every PutObject (trailer
 * {@code x-amz-checksum-crc32}) that the store verifies before it stores the object, and the signed
 * headers (method, path, lengths, checksum algorithm, date, credentials). Given up: over plain http,
 * someone on the network path who rewrites a body and its CRC is no longer caught by the signature;
 * the store's http endpoint is meant to be local (127.0.0.1, or the compose network), use https otherwise.
 *
 * <p>
 * How: the request is signed as if its scheme were https, then sent over http as before. A SigV4
 * signature covers the method, path, query, headers (Host included) and the payload hash, never the
 * scheme; the Host header is set first, from the real http request, so the one signed is the one sent.
 */
public final class UnsignedPayloadSigner implements HttpSigner<AwsCredentialsIdentity> {

    private final AwsV4HttpSigner sigV4 = AwsV4HttpSigner.create();

    /** Makes the client sign with this signer wherever S3 chooses SigV4 (every call here). */
    public static S3ClientBuilder install(S3ClientBuilder builder) {
        UnsignedPayloadSigner signer = new UnsignedPayloadSigner();
        AwsV4AuthScheme sdk = AwsV4AuthScheme.create();
        return builder.putAuthScheme(new AuthScheme<AwsCredentialsIdentity>() {
            @Override
            public String schemeId() {
                return AwsV4AuthScheme.SCHEME_ID;
            }

            @Override
            public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
                return sdk.identityProvider(providers);
            }

            @Override
            public HttpSigner<AwsCredentialsIdentity> signer() {
                return signer;
            }
        });
    }

    @Override
    public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
        SdkHttpRequest http = request.request();
        if (!"http".equals(http.protocol())) {
            return sigV4.sign(request);
        }
        SdkHttpRequest.Builder asHttps = http.toBuilder().protocol("https").port(http.port());
        if (http.firstMatchingHeader("Host").isEmpty()) {
            // what the signer would put there for the http request (it keeps a Host header it finds)
            asHttps.putHeader("Host", SdkHttpUtils.isUsingStandardPort(http.protocol(), http.port()) ? http.host()
                    : http.host() + ":" + http.port());
        }
        SignedRequest signed = sigV4.sign(request.copy(r -> r.request(asHttps.build())));
        SdkHttpRequest sent = signed.request().toBuilder().protocol(http.protocol()).port(http.port()).build();
        return signed.copy(r -> r.request(sent));
    }

    /** Async clients already leave an http payload unsigned when they can; nothing to change there. */
    @Override
    public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
        return sigV4.signAsync(request);
    }
}
