package io.lfp.localinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real S3 API (s3proxy, filesystem backend, SigV4 authentication) as a child JVM.
 *
 * <p>
 * s3proxy runs in its own process because its jar bundles jetty, jclouds and much more
 * that must not meet the services' classpath.
 */
final class S3ProxyServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3ProxyServer.class);
    /** System property overriding the jar found through the build-time filtered resource. */
    static final String JAR_PROPERTY = "lfp.s3proxy.jar";

    private final Path baseDir;
    private final Path workDir;
    private final int port;
    private final String bucket;
    private final String accessKey;
    private final String secretKey;
    private ChildProcess process;

    S3ProxyServer(Path baseDir, Path workDir, int port, String bucket, String accessKey, String secretKey) {
        this.baseDir = baseDir;
        this.workDir = workDir;
        this.port = port;
        this.bucket = bucket;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    String endpoint() {
        return "http://" + Net.HOST + ":" + port;
    }

    int port() {
        return port;
    }

    void start() {
        Net.requireFree(port, "S3 (s3proxy)");
        Path jar = jar();
        Dirs.create(baseDir);
        // filesystem backend: a bucket is a directory
        Dirs.create(baseDir.resolve(bucket));
        Dirs.create(workDir);
        try {
            Path config = workDir.resolve("s3proxy.conf");
            Files.write(config, List.of(
                    "s3proxy.endpoint=" + endpoint(),
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + accessKey,
                    "s3proxy.credential=" + secretKey,
                    "s3proxy.ignore-unknown-headers=true",
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + baseDir));
            // it holds the stack's S3 secret
            Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            Path log = workDir.resolve("s3proxy.log");
            process = new ChildProcess(new ProcessBuilder(java.toString(),
                    // small and quick to start: it only streams files
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "-jar", jar.toString(), "--properties", config.toString())
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start(), "lfp-s3proxy-stop", Duration.ofSeconds(10));
            try {
                Net.await("s3proxy", Duration.ofSeconds(60), () -> Net.answers(port), process::isAlive);
            } catch (IllegalStateException e) {
                close();
                throw new IllegalStateException(e.getMessage() + "; log " + log + ":\n" + Files.readString(log), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start s3proxy", e);
        }
    }

    long pid() {
        return process == null ? -1 : process.pid();
    }

    @Override
    public void close() {
        if (process != null) {
            process.close();
            process = null;
        }
    }

    /** The s3proxy jar-with-dependencies in the local Maven repository, or -Dlfp.s3proxy.jar. */
    static Path jar() {
        String path = System.getProperty(JAR_PROPERTY);
        if (path == null) {
            try (InputStream in = S3ProxyServer.class.getResourceAsStream("s3proxy.properties")) {
                Properties p = new Properties();
                p.load(in);
                path = p.getProperty("s3proxy.jar");
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("io/lfp/localinfra/s3proxy.properties missing from local-infra", e);
            }
        }
        Path jar = Path.of(path);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("s3proxy jar not found at " + jar + " (set -D" + JAR_PROPERTY
                    + "=... or run ./mvnw -pl local-infra dependency:resolve to download org.gaul:s3proxy)");
        }
        LOG.debug("s3proxy jar {}", jar);
        return jar;
    }
}
