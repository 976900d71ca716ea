package io.lfp.e2e;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Outside the local run and tests no credential has a default: a packaged service given every setting but one
 * secret refuses to start, exits non-zero and names the property of the missing variable.
 */
class MissingSecretIT {

    /** Every credential a service may need, none of them real; the addresses point at closed ports. */
    private static final Map<String, String> ALL = Map.ofEntries(
            Map.entry("LFP_PG_HOST", "127.0.0.1"),
            Map.entry("LFP_PG_PORT", "1"),
            Map.entry("LFP_PG_USER", "lfp_nobody"),
            Map.entry("LFP_PG_PASSWORD", "not-a-password"),
            Map.entry("LFP_KAFKA_BOOTSTRAP", "127.0.0.1:1"),
            Map.entry("LFP_KAFKA_USER", "nobody"),
            Map.entry("LFP_KAFKA_PASSWORD", "not-a-password"),
            Map.entry("LFP_REDIS_URL", "redis://127.0.0.1:1"),
            Map.entry("LFP_REDIS_PASSWORD", "not-a-password"),
            Map.entry("LFP_S3_ENDPOINT", "http://127.0.0.1:1"),
            Map.entry("LFP_S3_ACCESS_KEY", "not-a-key"),
            Map.entry("LFP_S3_SECRET_KEY", "not-a-secret"),
            Map.entry("LFP_OIDC_URL", "http://127.0.0.1:1/realms/lfp"),
            Map.entry("LFP_OIDC_CLIENT_SECRET", "not-a-secret"),
            // should it start after all, it binds nothing fixed
            Map.entry("QUARKUS_HTTP_PORT", "0"),
            Map.entry("QUARKUS_MANAGEMENT_PORT", "0"));

    @ParameterizedTest(name = "{0} without {1}")
    @CsvSource({
            "aggregate-service, LFP_PG_PASSWORD, lfp.pg.password",
            "aggregate-service, LFP_PG_USER, lfp.pg.user",
            "dashboard-service, LFP_REDIS_PASSWORD, lfp.redis.password",
            "upload-service, LFP_S3_SECRET_KEY, lfp.s3.secret-key",
            "ingest-worker, LFP_S3_ACCESS_KEY, lfp.s3.access-key" })
    void aServiceWithoutASecretExitsNamingIt(String service, String missing, String property) throws Exception {
        Path jar = E2eFiles.repoRoot().resolve(service).resolve("target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.isRegularFile(jar), jar + " (package the service first)");
        Path log = Files.createTempFile("lfp-missing-secret", ".log");
        try {
            ProcessBuilder builder = new ProcessBuilder(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(k -> k.startsWith("LFP_") || k.startsWith("QUARKUS_"));
            Map<String, String> given = new LinkedHashMap<>(ALL);
            given.remove(missing);
            env.putAll(given);
            Process process = builder.start();
            boolean exited = process.waitFor(120, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log);
            assertTrue(exited, "still running without " + missing + ":\n" + output);
            assertNotEquals(0, process.exitValue(), output);
            assertTrue(output.contains(property), "names " + property + " (" + missing + "):\n" + output);
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
