package io.lfp.upload.service;

import static io.lfp.upload.TestSupport.config;
import static io.lfp.upload.TestSupport.s3PartsSha256;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.upload.config.UnsignedPayloadSigner;
import io.lfp.upload.config.UploadConfig;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;
import io.lfp.testing.TestFiles;

/**
 * CPU cost of storing a file through {@link S3ObjectWriter} (the PUT path of every upload) against
 * the real s3proxy the tests start. Not part of the normal test run (the name does not end in Test),
 * and it asserts no timing, only that what was stored is what was sent. Run it with
 *
 * <pre>
 * ./mvnw -B -o -q -pl upload-service -am verify -Dtest=S3PutCpuMeasurement -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * and read the table it prints (also written to {@code upload-service/target/s3-put-cpu.txt}).
 * {@code -Dmeasure.variants=service,sdk-default} (the default) compares the service's own S3 client
 * with one built with the SDK's defaults (what the service used before it installed
 * {@link UnsignedPayloadSigner}); other variants combine {@code unsigned}, {@code unchunked} and
 * {@code when-required} with {@code +} (e.g. {@code unsigned+unchunked}), and {@code digests} times the
 * digests alone. {@code -Dmeasure.bytes} (100 MB), {@code -Dmeasure.rounds} (3), {@code -Dmeasure.warmup} (1).
 * The first variant of a run pays for JIT compilation the warm-up did not finish on a busy machine: name the
 * variants twice ({@code sdk-default,service,sdk-default,service}) and read the second pass.
 *
 * <p>Columns: this JVM's CPU (it also runs the Kafka broker, idle here), the CPU of the threads that
 * read the file and send the parts (the writer's caller and its {@code s3-part-sender} threads), the
 * s3proxy child process's CPU, and wall time. One machine, other work on it: compare runs side by side.
 */
@QuarkusTest
@WithTestResource(LocalInfraTestResource.class)
class S3PutCpuMeasurement {

    private static final int SIZE = Integer.getInteger("measure.bytes", 100_000_000);
    private static final int WARMUP = Integer.getInteger("measure.warmup", 1);
    private static final int ROUNDS = Integer.getInteger("measure.rounds", 3);
    private static final String VARIANTS = System.getProperty("measure.variants", "service,sdk-default");
    private static final Path REPORT = Path.of("target", "s3-put-cpu.txt");

    @Inject
    S3Client serviceClient;

    @Inject
    UploadConfig config;

    /** Headers of the last part PUT a variant's client sent (not seen for the service's own client). */
    private volatile String lastPutHeaders = "(not captured)";

    @Test
    void measure() throws Exception {
        byte[] file = csvLike(SIZE);
        String expected = TestFiles.sha256(file);
        print(String.format("%n%d bytes, %d rounds after %d warm-up, load average %s", file.length, ROUNDS, WARMUP,
                Files.readString(Path.of("/proc/loadavg")).trim()));
        for (String variant : VARIANTS.split(",")) {
            if (variant.equals("digests")) {
                digests(file);
            } else {
                measure(variant.trim(), file, expected);
            }
        }
    }

    private void measure(String variant, byte[] file, String expected) throws IOException {
        lastPutHeaders = "(not captured)";
        S3Client client = variant.equals("service") ? serviceClient : client(variant);
        S3ObjectWriter writer = new S3ObjectWriter(client, new OutageRetry(config));
        List<Sample> samples = new ArrayList<>();
        try {
            for (int round = 1 - WARMUP; round <= ROUNDS; round++) {
                String key = "uploads/cpu-measurement/" + variant.replace('+', '_') + "-" + round + ".csv";
                Sample start = Sample.now();
                byte[] buffer = new byte[config.partSizeBytes()];
                InputStream in = new ByteArrayInputStream(file);
                long size = writer.write(config.bucket(), key, buffer, S3ObjectWriter.readFully(in, buffer), in,
                        stored -> {
                        });
                Sample used = Sample.now().minus(start);
                if (round > 0) {
                    samples.add(used); // the rounds before warm up the JIT and the connections
                }
                if (round == ROUNDS) {
                    assertEquals(expected, s3PartsSha256(client, key), variant + ": stored bytes differ");
                }
                writer.deleteParts(config.bucket(), key, S3ObjectWriter.partsOf(size, config.partSizeBytes()));
            }
        } finally {
            writer.stop();
            if (client != serviceClient) {
                client.close();
            }
        }
        print(String.format("%-34s %s  | PUT %s", variant, Sample.mean(samples), lastPutHeaders));
        for (Sample s : samples) {
            print(String.format("%-34s %s", "", s));
        }
    }

    /** A client like the service's (endpoint, path style, url-connection), varied as the name says. */
    private S3Client client(String variant) {
        List<String> flags = Arrays.asList(variant.split("\\+"));
        for (String flag : flags) {
            if (!List.of("sdk-default", "unsigned", "unchunked", "when-required").contains(flag)) {
                throw new IllegalArgumentException("unknown variant flag " + flag);
            }
        }
        S3ClientBuilder builder = S3Client.builder()
                .endpointOverride(URI.create(config("lfp.s3.endpoint")))
                .region(Region.of(config("lfp.s3.region")))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(config("lfp.s3.access-key"), config("lfp.s3.secret-key"))))
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(true)
                        .chunkedEncodingEnabled(!flags.contains("unchunked")).build())
                .overrideConfiguration(c -> c.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                        SdkHttpRequest r = context.httpRequest();
                        if (r.method() == SdkHttpMethod.PUT && r.encodedPath().contains(".part-")) {
                            lastPutHeaders = headers(r);
                        }
                    }
                }));
        if (flags.contains("when-required")) {
            builder.requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED);
        }
        if (flags.contains("unsigned")) {
            UnsignedPayloadSigner.install(builder);
        }
        return builder.build();
    }

    private static String headers(SdkHttpRequest r) {
        StringBuilder s = new StringBuilder();
        for (String name : List.of("x-amz-content-sha256", "Content-Encoding", "x-amz-trailer",
                "x-amz-checksum-crc32", "Content-MD5")) {
            r.firstMatchingHeader(name).ifPresent(v -> s.append(name).append('=').append(v).append(' '));
        }
        return s.toString().trim();
    }

    /** The digests alone over the file in 128 KiB slices, on this thread: what each costs per byte. */
    private void digests(byte[] file) throws Exception {
        List<Supplier<Object>> kinds = List.of(() -> sha("SHA-256"), () -> sha("MD5"), CRC32::new, CRC32C::new);
        List<String> names = List.of("SHA-256", "MD5", "CRC32", "CRC32C");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < kinds.size(); i++) {
            long best = Long.MAX_VALUE;
            for (int round = 0; round <= ROUNDS; round++) {
                Object digest = kinds.get(i).get();
                long t0 = threads.getCurrentThreadCpuTime();
                for (int off = 0; off < file.length; off += 131072) {
                    int n = Math.min(131072, file.length - off);
                    if (digest instanceof MessageDigest md) {
                        md.update(file, off, n);
                    } else {
                        ((Checksum) digest).update(file, off, n);
                    }
                }
                long used = threads.getCurrentThreadCpuTime() - t0;
                if (round > 0) {
                    best = Math.min(best, used);
                }
            }
            print(String.format("digest %-8s %6.0f ms CPU for %d bytes (%.0f MB/s)", names.get(i), best / 1e6,
                    file.length, file.length / (best / 1e9) / 1e6));
        }
    }

    private static MessageDigest sha(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void print(String line) throws IOException {
        System.out.println(line);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** A products CSV (name,sku,description; some quoted multi-line fields) of about {@code size} bytes. */
    static byte[] csvLike(int size) {
        String[] words = ("community floor adult single type back former stock thing produce successful hot tree past "
                + "action young song tax eye little last state vote country down list speech economy leave choice "
                + "lead budget task author best mention often stuff professional today allow after door instead")
                .split(" ");
        Random random = new Random(42);
        ByteArrayOutputStream out = new ByteArrayOutputStream(size + 1024);
        out.writeBytes("name,sku,description\n".getBytes(StandardCharsets.UTF_8));
        StringBuilder row = new StringBuilder(512);
        for (long i = 0; out.size() < size; i++) {
            row.setLength(0);
            row.append("Person ").append(i).append(',').append(words[random.nextInt(words.length)]).append('-')
                    .append(i).append(',');
            boolean quoted = random.nextInt(4) == 0;
            if (quoted) {
                row.append('"');
            }
            for (int w = 5 + random.nextInt(30); w > 0; w--) {
                row.append(words[random.nextInt(words.length)]).append(quoted && w % 9 == 0 ? ".\n" : " ");
            }
            if (quoted) {
                row.append("\"\"quoted\"\"\"");
            }
            row.append('\n');
            out.writeBytes(row.toString().getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** CPU and wall time, as totals so far (or, after {@link #minus}, used in between). */
    record Sample(long processCpuNanos, long putThreadsCpuNanos, long s3proxyCpuNanos, long wallNanos) {

        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

        static Sample now() {
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            long putThreads = 0;
            for (ThreadInfo t : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
                if (t != null && (t.getThreadName().startsWith("s3-part-sender")
                        || t.getThreadId() == Thread.currentThread().getId())) {
                    putThreads += Math.max(0, THREADS.getThreadCpuTime(t.getThreadId()));
                }
            }
            long s3proxy = s3proxy().flatMap(p -> p.info().totalCpuDuration()).map(Duration::toNanos).orElse(-1L);
            return new Sample(process, putThreads, s3proxy, System.nanoTime());
        }

        /** The s3proxy child JVM LocalInfrastructure started. */
        static Optional<ProcessHandle> s3proxy() {
            return ProcessHandle.current().descendants()
                    .filter(p -> p.info().commandLine().orElse("").contains("s3proxy")).findFirst();
        }

        Sample minus(Sample start) {
            return new Sample(processCpuNanos - start.processCpuNanos, putThreadsCpuNanos - start.putThreadsCpuNanos,
                    s3proxyCpuNanos - start.s3proxyCpuNanos, wallNanos - start.wallNanos);
        }

        static Sample mean(List<Sample> samples) {
            int n = samples.size();
            return new Sample(samples.stream().mapToLong(Sample::processCpuNanos).sum() / n,
                    samples.stream().mapToLong(Sample::putThreadsCpuNanos).sum() / n,
                    samples.stream().mapToLong(Sample::s3proxyCpuNanos).sum() / n,
                    samples.stream().mapToLong(Sample::wallNanos).sum() / n);
        }

        @Override
        public String toString() {
            return String.format("process %5d ms  put-threads %5d ms  s3proxy %5d ms  wall %5d ms",
                    processCpuNanos / 1_000_000, putThreadsCpuNanos / 1_000_000, s3proxyCpuNanos / 1_000_000,
                    wallNanos / 1_000_000);
        }
    }
}
