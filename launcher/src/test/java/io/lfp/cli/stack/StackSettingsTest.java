package io.lfp.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StackSettingsTest {
    private static final Path REPO = Path.of("/work/checkout");
    private static final String ISSUER = "http://127.0.0.1:18080/realms/lfp";
    private static final Map<String, String> SECRET_VALUES = Map.ofEntries(
            Map.entry("pg.superuser.password", "pg-superuser-pw"),
            Map.entry("pg.upload-service.password", "pg-upload-pw"),
            Map.entry("pg.ingest-worker.password", "pg-ingest-pw"),
            Map.entry("pg.aggregate-service.password", "pg-aggregate-pw"),
            Map.entry("pg.dashboard-service.password", "pg-dashboard-pw"),
            Map.entry("kafka.upload-service.password", "kafka-upload-pw"),
            Map.entry("kafka.ingest-worker.password", "kafka-ingest-pw"),
            Map.entry("kafka.aggregate-service.password", "kafka-aggregate-pw"),
            Map.entry("kafka.dashboard-service.password", "kafka-dashboard-pw"),
            Map.entry("redis.password", "redis-pw"),
            Map.entry("s3.access-key", "lfp-s3key"),
            Map.entry("s3.secret-key", "s3-secret"),
            Map.entry("keycloak.admin.password", "keycloak-admin-pw"),
            Map.entry("oidc.admin.password", "admin-pw"),
            Map.entry("oidc.lfp-dashboard.secret", "dashboard-client-secret"),
            Map.entry("oidc.lfp-cli.secret", "cli-client-secret"));
    private static final StackSecrets SECRETS = StackSecrets.of(SECRET_VALUES);

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
                settings.s3Port(), settings.keycloakPort(), settings.dashboardPort(), settings.uploadPort(),
                settings.aggregatePort()));
        ports.addAll(settings.workerPorts());
        ports.add(settings.kafkaControllerPort());
        for (Service service : Service.all(settings)) {
            ports.add(service.managementPort());
            assertEquals(service.port() + 1000, service.managementPort());
        }
        assertEquals(12 + 6, ports.size());
        assertEquals(Path.of("/tmp/state/secrets.properties"), settings.secretsFile());
    }

    @Test
    void servicesGetEveryAddressThroughTheDocumentedVariables() {
        StackSettings settings = StackSettings.ephemeralOnFreePorts(REPO, Path.of("/tmp/state"), 1)
                .withExtraServiceEnv(Map.of("LFP_INGEST_CHUNK_BYTES", "1048576"));
        Service upload = Service.all(settings).get(0);
        Map<String, String> env = upload.environment(settings, SECRETS, ISSUER);
        assertEquals(Integer.toString(settings.uploadPort()), env.get("QUARKUS_HTTP_PORT"));
        assertEquals(Integer.toString(settings.uploadPort() + 1000), env.get("QUARKUS_MANAGEMENT_PORT"));
        assertEquals("127.0.0.1", env.get("LFP_PG_HOST"));
        assertEquals(Integer.toString(settings.pgPort()), env.get("LFP_PG_PORT"));
        assertEquals("lfp", env.get("LFP_PG_DATABASE"));
        assertEquals("lfp_upload", env.get("LFP_PG_USER"));
        assertEquals("pg-upload-pw", env.get("LFP_PG_PASSWORD"));
        assertEquals("127.0.0.1:" + settings.kafkaPort(), env.get("LFP_KAFKA_BOOTSTRAP"));
        assertEquals("upload-service", env.get("LFP_KAFKA_USER"));
        assertEquals("kafka-upload-pw", env.get("LFP_KAFKA_PASSWORD"));
        assertEquals("redis://127.0.0.1:" + settings.redisPort(), env.get("LFP_REDIS_URL"));
        assertEquals("http://127.0.0.1:" + settings.s3Port(), env.get("LFP_S3_ENDPOINT"));
        assertEquals("us-east-1", env.get("LFP_S3_REGION"));
        assertEquals("lfp-uploads", env.get("LFP_S3_BUCKET"));
        assertEquals("lfp-s3key", env.get("LFP_S3_ACCESS_KEY"));
        assertEquals("s3-secret", env.get("LFP_S3_SECRET_KEY"));
        assertEquals(ISSUER, env.get("LFP_OIDC_URL"));
        assertEquals("1048576", env.get("LFP_INGEST_CHUNK_BYTES"));
        assertNull(env.get("LFP_REDIS_PASSWORD"), "only the dashboard reads Redis");
        assertNull(env.get("LFP_OIDC_CLIENT_SECRET"), "only the dashboard logs people in");
    }

    @Test
    void eachServiceGetsOnlyItsOwnRoleAndPrincipalAndTheDashboardItsRedisAndClientSecrets() {
        StackSettings settings = StackSettings.localDefaults(REPO, 2);
        Map<String, Map<String, String>> envs = new java.util.TreeMap<>();
        for (Service service : Service.all(settings)) {
            envs.put(service.name(), service.environment(settings, SECRETS, ISSUER));
        }
        assertEquals(List.of("lfp_upload", "pg-upload-pw", "upload-service", "kafka-upload-pw", "9081"),
                pick(envs.get("upload-service")));
        assertEquals(List.of("lfp_ingest", "pg-ingest-pw", "ingest-worker", "kafka-ingest-pw", "9082"),
                pick(envs.get("ingest-worker-1")));
        assertEquals(List.of("lfp_ingest", "pg-ingest-pw", "ingest-worker", "kafka-ingest-pw", "9182"),
                pick(envs.get("ingest-worker-2")));
        assertEquals(List.of("lfp_aggregate", "pg-aggregate-pw", "aggregate-service", "kafka-aggregate-pw", "9083"),
                pick(envs.get("aggregate-service")));
        Map<String, String> dashboard = envs.get("dashboard-service");
        assertEquals(List.of("lfp_dashboard", "pg-dashboard-pw", "dashboard-service", "kafka-dashboard-pw", "9080"),
                pick(dashboard));
        assertEquals("redis-pw", dashboard.get("LFP_REDIS_PASSWORD"));
        assertEquals("dashboard-client-secret", dashboard.get("LFP_OIDC_CLIENT_SECRET"));
        for (Map<String, String> env : envs.values()) {
            assertFalse(env.containsValue("pg-superuser-pw"), "no service is the superuser");
            assertFalse(env.containsValue("cli-client-secret"), "the launcher's own client stays the launcher's");
            assertFalse(env.containsValue("keycloak-admin-pw"));
        }
    }

    private static List<String> pick(Map<String, String> env) {
        return List.of(env.get("LFP_PG_USER"), env.get("LFP_PG_PASSWORD"), env.get("LFP_KAFKA_USER"),
                env.get("LFP_KAFKA_PASSWORD"), env.get("QUARKUS_MANAGEMENT_PORT"));
    }

    @Test
    void healthAndSwaggerUiAreOnTheManagementPort() {
        Service upload = Service.all(StackSettings.localDefaults(REPO, 1)).get(0);
        assertEquals("http://127.0.0.1:9081/q/health/ready", upload.healthUrl().toString());
        assertEquals("http://127.0.0.1:9081/q/swagger-ui", upload.swaggerUiUrl().toString());
    }

    @Test
    void theSecretsFileIsReadAsLocalInfraWritesIt(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("secrets.properties");
        java.util.Properties p = new java.util.Properties();
        p.putAll(SECRET_VALUES);
        try (var w = java.nio.file.Files.newBufferedWriter(file)) {
            p.store(w, "test");
        }
        StackSecrets secrets = StackSecrets.read(file);
        assertEquals("pg-dashboard-pw", secrets.pgPassword("dashboard-service"));
        assertEquals("kafka-ingest-pw", secrets.kafkaPassword("ingest-worker"));
        assertEquals("cli-client-secret", secrets.oidcClientSecret("lfp-cli"));
        assertEquals("pg-superuser-pw", secrets.pgSuperuserPassword());
        StackException missing = assertThrows(StackException.class, () -> StackSecrets.of(Map.of()).redisPassword());
        assertTrue(missing.getMessage().contains("redis.password"), missing.getMessage());
        StackException absent = assertThrows(StackException.class, () -> StackSecrets.read(dir.resolve("none")));
        assertTrue(absent.getMessage().contains(dir.resolve("none").toString()), absent.getMessage());
    }

    @Test
    void theIssuerComesFromLocalInfrasReadyLine() {
        assertEquals(Map.of("pg", "127.0.0.1:15432/lfp", "oidc", "http://127.0.0.1:18080/realms/lfp", "data", ""),
                Infrastructure.parseReadyLine("READY pg=127.0.0.1:15432/lfp oidc=http://127.0.0.1:18080/realms/lfp data="));
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
        assertEquals(List.of("--data-dir", "/work/checkout/.lfp/data",
                "--secrets-file", "/work/checkout/.lfp/secrets.properties", "--keycloak-port", "18080",
                "--dashboard-port", "8080", "--pg-port", "15432", "--kafka-port", "19092",
                "--redis-port", "16379", "--s3-port", "19000"), command.subList(6, command.size()));
        StackSettings ephemeral = StackSettings.ephemeralOnFreePorts(REPO, Path.of("/tmp/state"), 1);
        List<String> throwaway = Infrastructure.command(ephemeral, "java");
        assertEquals(List.of("--ephemeral", "--control-port-file", "/tmp/state/run/local-infra.control-port",
                "--secrets-file", "/tmp/state/secrets.properties"),
                throwaway.subList(6, 11), "a test stack's servers can be stopped and restarted by its tests");
        List<String> shared = Infrastructure.command(ephemeral.withSecretsFile(Path.of("/tmp/shared.properties"))
                .withExternalOidc("http://127.0.0.1:4242/realms/lfp"), "java");
        assertEquals(List.of("--secrets-file", "/tmp/shared.properties", "--no-keycloak"), shared.subList(9, 12),
                "stacks that share one Keycloak start none of their own");
    }

    @Test
    void theBenchmarksStackOnFreePortsWithADataDirStartsLocalInfraAsLfpUpDoes() {
        StackSettings bench = StackSettings.ephemeralOnFreePorts(REPO, Path.of("/tmp/bench/stack"), 2)
                .withDataDir(Path.of("/tmp/bench/stack/data"));
        assertFalse(bench.ephemeral());
        assertEquals(2, bench.workers());
        List<String> command = Infrastructure.command(bench, "java");
        List<String> lfpUp = Infrastructure.command(StackSettings.localDefaults(REPO, 2), "java");
        assertEquals(lfpUp.subList(0, 6), command.subList(0, 6), "the same JVM options and main class");
        assertEquals(List.of("--data-dir", "/tmp/bench/stack/data"), command.subList(6, 8));
        assertFalse(command.contains("--ephemeral"), "durable PostgreSQL settings, as for .lfp/data");
        assertTrue(bench.withDataDir(null).ephemeral(), "--throwaway: no data dir");
        assertEquals(bench.pgPort(), bench.withDataDir(null).pgPort());
    }

    @Test
    void missingJarsAreNamed() {
        List<Path> missing = Stack.missingJars(REPO);
        assertTrue(missing.contains(REPO.resolve("local-infra/target/local-infra.jar")), missing.toString());
        assertTrue(missing.contains(REPO.resolve("ingest-worker/target/quarkus-app/quarkus-run.jar")), missing.toString());
        assertEquals(5, missing.size());
    }
}
