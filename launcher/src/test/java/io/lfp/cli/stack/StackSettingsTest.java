package io.lfp.cli.stack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackSettingsTest {
    private static final Path REPO = Path.of("/work/checkout");

    @Test
    void workerInstanceIListensOn8082PlusHundredTimesI() {
        assertEquals(List.of(8082, 8182, 8282), StackSettings.defaultWorkerPorts(8082, 3));
        assertThrows(IllegalArgumentException.class, () -> StackSettings.defaultWorkerPorts(8082, 0));
    }

    @Test
    void localDefaultsAreTheDocumentedPortsAndKeepDataInTheCheckout() {
        StackSettings settings = StackSettings.localDefaults(REPO, 2);
        assertEquals(REPO.resolve(".lfp/data"), settings.dataDir());
        assertEquals(REPO.resolve(".lfp/run"), settings.runDir());
        assertEquals(REPO.resolve(".lfp/logs"), settings.logDir());
        assertEquals("http://127.0.0.1:8080", settings.dashboardUrl().toString());
        assertEquals("http://127.0.0.1:8081/api/uploads", settings.uploadApiUrl().toString());
        assertEquals("http://127.0.0.1:8083/api/aggregates", settings.aggregatesUrl().toString());
        assertEquals(List.of(
                new Service("upload-service", "upload-service", 8081),
                new Service("ingest-worker-1", "ingest-worker", 8082),
                new Service("ingest-worker-2", "ingest-worker", 8182),
                new Service("aggregate-service", "aggregate-service", 8083),
                new Service("dashboard-service", "dashboard-service", 8080)), Service.all(settings));
    }

    @Test
    void testSettingsUseDistinctFreePortsAndNoDataDir() {
        StackSettings settings = StackSettings.ephemeralOnFreePorts(REPO, Path.of("/tmp/state"), 3);
        assertNull(settings.dataDir());
        assertTrue(settings.ephemeral());
        assertEquals(3, settings.workers());
        Set<Integer> ports = new HashSet<>(List.of(settings.pgPort(), settings.kafkaPort(), settings.redisPort(),
                settings.s3Port(), settings.dashboardPort(), settings.uploadPort(), settings.aggregatePort()));
        ports.addAll(settings.workerPorts());
        ports.add(settings.kafkaControllerPort());
        assertEquals(11, ports.size());
    }

    @Test
    void servicesGetEveryAddressThroughTheDocumentedVariables() {
        StackSettings settings = StackSettings.ephemeralOnFreePorts(REPO, Path.of("/tmp/state"), 1)
                .withExtraServiceEnv(Map.of("LFP_INGEST_CHUNK_BYTES", "1048576"));
        Service upload = Service.all(settings).get(0);
        Map<String, String> env = upload.environment(settings);
        assertEquals(Integer.toString(settings.uploadPort()), env.get("QUARKUS_HTTP_PORT"));
        assertEquals("127.0.0.1", env.get("LFP_PG_HOST"));
        assertEquals(Integer.toString(settings.pgPort()), env.get("LFP_PG_PORT"));
        assertEquals("lfp", env.get("LFP_PG_DATABASE"));
        assertEquals("lfp", env.get("LFP_PG_USER"));
        assertEquals("lfp", env.get("LFP_PG_PASSWORD"));
        assertEquals("127.0.0.1:" + settings.kafkaPort(), env.get("LFP_KAFKA_BOOTSTRAP"));
        assertEquals("redis://127.0.0.1:" + settings.redisPort(), env.get("LFP_REDIS_URL"));
        assertEquals("http://127.0.0.1:" + settings.s3Port(), env.get("LFP_S3_ENDPOINT"));
        assertEquals("us-east-1", env.get("LFP_S3_REGION"));
        assertEquals("lfp-uploads", env.get("LFP_S3_BUCKET"));
        assertEquals("lfp-access-key", env.get("LFP_S3_ACCESS_KEY"));
        assertEquals("lfp-secret-key", env.get("LFP_S3_SECRET_KEY"));
        assertEquals("1048576", env.get("LFP_INGEST_CHUNK_BYTES"));
    }

    @Test
    void servicesRunWithACappedHeapAndTheC1CompilerOnly() {
        StackSettings settings = StackSettings.localDefaults(REPO, 2);
        for (Service service : Service.all(settings)) {
            List<String> command = service.command(settings, "java");
            assertEquals(List.of("java", "-Xmx256m", "-XX:TieredStopAtLevel=1"), command.subList(0, 3));
            assertEquals(Service.jar(REPO, service.module()).toString(), command.get(command.size() - 1));
        }
    }

    @Test
    void infrastructureGetsItsPortsAndDataDirOrEphemeral() {
        StackSettings kept = StackSettings.localDefaults(REPO, 1);
        List<String> command = Infrastructure.command(kept, "java");
        assertEquals(List.of("java", "-Xmx768m", "-XX:TieredStopAtLevel=1"), command.subList(0, 3));
        assertEquals("io.lfp.localinfra.LocalInfraMain", command.get(5));
        assertEquals(List.of("--data-dir", "/work/checkout/.lfp/data", "--pg-port", "15432", "--kafka-port", "19092",
                "--redis-port", "16379", "--s3-port", "19000"), command.subList(6, command.size()));
        StackSettings ephemeral = StackSettings.ephemeralOnFreePorts(REPO, Path.of("/tmp/state"), 1);
        List<String> throwaway = Infrastructure.command(ephemeral, "java");
        assertEquals(List.of("--ephemeral", "--control-port-file", "/tmp/state/run/local-infra.control-port"),
                throwaway.subList(6, 9), "a test stack's servers can be stopped and restarted by its tests");
    }

    @Test
    void missingJarsAreNamed() {
        List<Path> missing = Stack.missingJars(REPO);
        assertTrue(missing.contains(REPO.resolve("local-infra/target/local-infra.jar")), missing.toString());
        assertTrue(missing.contains(REPO.resolve("ingest-worker/target/quarkus-app/quarkus-run.jar")), missing.toString());
        assertEquals(5, missing.size());
    }
}
