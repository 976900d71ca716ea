package io.lfp.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a stack lives and which ports it uses. Everything listens on 127.0.0.1.
 *
 * @param repoRoot the checkout: the jars are found under it (local-infra/target, &lt;service&gt;/target)
 * @param stateDir run state (PID files, run.json) goes to {@code stateDir/run}, logs to {@code stateDir/logs}
 * @param dataDir where PostgreSQL, Kafka and S3 keep their data across restarts; {@code null} = ephemeral
 *        (the infrastructure deletes its data when it stops)
 * @param workerPorts one HTTP port per ingest-worker instance; its size is the worker count
 * @param extraServiceEnv added to every service's environment (e.g. smaller chunk sizes in a test); may be empty
 * @param secretsFile the stack's generated credentials: local-infra creates it on the first start (mode 600),
 *        the launcher reads it to give each service its own ({@link StackSecrets})
 * @param keycloakPort the HTTP port of the Keycloak local-infra starts (unused with an external provider)
 * @param externalOidcUrl the issuer of an OIDC provider that runs elsewhere (local-infra then starts no Keycloak,
 *        {@code --no-keycloak}); {@code null} = the Keycloak local-infra starts
 */
public record StackSettings(
        Path repoRoot,
        Path stateDir,
        Path dataDir,
        int pgPort,
        int kafkaPort,
        int redisPort,
        int s3Port,
        int dashboardPort,
        int uploadPort,
        int aggregatePort,
        List<Integer> workerPorts,
        Map<String, String> extraServiceEnv,
        Path secretsFile,
        int keycloakPort,
        String externalOidcUrl) {

    public static final int DEFAULT_WORKERS = 2;
    public static final int DEFAULT_PG_PORT = 15432;
    public static final int DEFAULT_KAFKA_PORT = 19092;
    public static final int DEFAULT_REDIS_PORT = 16379;
    public static final int DEFAULT_S3_PORT = 19000;
    public static final int DEFAULT_DASHBOARD_PORT = 8080;
    public static final int DEFAULT_UPLOAD_PORT = 8081;
    public static final int DEFAULT_WORKER_PORT = 8082;
    public static final int DEFAULT_AGGREGATE_PORT = 8083;
    /** Instance i of the ingest-worker listens on 8082 + 100·i: 8082, 8182, 8282… (clear of 8080–8083). */
    public static final int WORKER_PORT_STEP = 100;
    /** A service's management interface (health, metrics, OpenAPI, Swagger UI) listens on its HTTP port + 1000. */
    public static final int MANAGEMENT_PORT_OFFSET = 1000;
    /** The port of the Keycloak local-infra starts for {@code ./lfp up} (its default). */
    public static final int DEFAULT_KEYCLOAK_PORT = 18080;
    /** The secrets file of {@code ./lfp up}, under the state directory. */
    public static final String SECRETS_FILE = "secrets.properties";

    public StackSettings {
        Objects.requireNonNull(repoRoot, "repoRoot");
        Objects.requireNonNull(stateDir, "stateDir");
        Objects.requireNonNull(secretsFile, "secretsFile");
        workerPorts = List.copyOf(workerPorts);
        extraServiceEnv = Map.copyOf(extraServiceEnv);
        if (workerPorts.isEmpty()) {
            throw new IllegalArgumentException("at least one ingest-worker is needed");
        }
    }

    /** What {@code ./lfp up} uses: the documented ports, state in {@code <repo>/.lfp}, data kept in {@code .lfp/data}. */
    public static StackSettings localDefaults(Path repoRoot, int workers) {
        Path stateDir = repoRoot.resolve(".lfp");
        return new StackSettings(repoRoot, stateDir, stateDir.resolve("data"),
                DEFAULT_PG_PORT, DEFAULT_KAFKA_PORT, DEFAULT_REDIS_PORT, DEFAULT_S3_PORT,
                DEFAULT_DASHBOARD_PORT, DEFAULT_UPLOAD_PORT, DEFAULT_AGGREGATE_PORT,
                defaultWorkerPorts(DEFAULT_WORKER_PORT, workers), Map.of(), stateDir.resolve(SECRETS_FILE),
                DEFAULT_KEYCLOAK_PORT, null);
    }

    /**
     * For tests: ephemeral data and ports the OS reports free right now, so a test stack never
     * collides with a running {@code ./lfp up} or another test. The services' ports are chosen so that their
     * management ports (+1000) are free too. The secrets go to {@code stateDir/secrets.properties}.
     */
    public static StackSettings ephemeralOnFreePorts(Path repoRoot, Path stateDir, int workers) {
        List<Integer> ports = freePorts(5);
        List<Integer> servicePorts = freeServicePorts(3 + workers, ports);
        List<Integer> taken = concat(ports, servicePorts);
        taken.addAll(servicePorts.stream().map(StackSettings::managementPort).toList());
        int kafkaPort = kafkaPortWithFreeController(taken);
        return new StackSettings(repoRoot, stateDir, null,
                ports.get(0), kafkaPort, ports.get(2), ports.get(3),
                servicePorts.get(0), servicePorts.get(1), servicePorts.get(2),
                servicePorts.subList(3, servicePorts.size()), Map.of(), stateDir.resolve(SECRETS_FILE), ports.get(4), null);
    }

    /** The port local-infra gives its KRaft controller: always the Kafka port + 1. */
    public int kafkaControllerPort() {
        return kafkaPort + 1;
    }

    /** Ports of worker instances 0..workers-1: base, base + 100, base + 200… */
    public static List<Integer> defaultWorkerPorts(int basePort, int workers) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        List<Integer> ports = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            ports.add(basePort + WORKER_PORT_STEP * i);
        }
        return ports;
    }

    public StackSettings withExtraServiceEnv(Map<String, String> env) {
        return new StackSettings(repoRoot, stateDir, dataDir, pgPort, kafkaPort, redisPort, s3Port,
                dashboardPort, uploadPort, aggregatePort, workerPorts, env, secretsFile, keycloakPort, externalOidcUrl);
    }

    /**
     * The same stack keeping its data in {@code dir}: local-infra then creates PostgreSQL, Kafka and S3 there exactly as
     * for {@code ./lfp up} (durable PostgreSQL settings); {@code null} = ephemeral. The benchmark's stack on free ports.
     */
    public StackSettings withDataDir(Path dir) {
        return new StackSettings(repoRoot, stateDir, dir, pgPort, kafkaPort, redisPort, s3Port,
                dashboardPort, uploadPort, aggregatePort, workerPorts, extraServiceEnv, secretsFile, keycloakPort,
                externalOidcUrl);
    }

    /** The same stack with its credentials in (or generated into) {@code file}, e.g. one file shared by test stacks. */
    public StackSettings withSecretsFile(Path file) {
        return new StackSettings(repoRoot, stateDir, dataDir, pgPort, kafkaPort, redisPort, s3Port,
                dashboardPort, uploadPort, aggregatePort, workerPorts, extraServiceEnv, file, keycloakPort, externalOidcUrl);
    }

    /**
     * The same stack authenticating against the OIDC provider with issuer {@code issuer} (e.g. a Keycloak shared
     * by test stacks, or a company's provider); local-infra then starts no Keycloak. {@code null} = the local one.
     */
    public StackSettings withExternalOidc(String issuer) {
        return new StackSettings(repoRoot, stateDir, dataDir, pgPort, kafkaPort, redisPort, s3Port,
                dashboardPort, uploadPort, aggregatePort, workerPorts, extraServiceEnv, secretsFile, keycloakPort,
                issuer == null || issuer.isBlank() ? null : issuer.replaceAll("/+$", ""));
    }

    /** True when local-infra starts Keycloak for this stack. */
    public boolean localKeycloak() {
        return externalOidcUrl == null;
    }

    /** The management interface port of the service listening on {@code httpPort}. */
    public static int managementPort(int httpPort) {
        return httpPort + MANAGEMENT_PORT_OFFSET;
    }

    public int workers() {
        return workerPorts.size();
    }

    public boolean ephemeral() {
        return dataDir == null;
    }

    public Path runDir() {
        return stateDir.resolve("run");
    }

    public Path logDir() {
        return stateDir.resolve("logs");
    }

    public URI dashboardUrl() {
        return local(dashboardPort, "");
    }

    /** The origins a browser shows the dashboard under: its page posts files to upload-service from them. */
    public List<String> dashboardOrigins() {
        return List.of(local(dashboardPort, "").toString(), "http://localhost:" + dashboardPort);
    }

    /** Where the dashboard's login comes back to (registered as a redirect URI of the lfp-dashboard client). */
    public List<String> dashboardRedirectUris() {
        return dashboardOrigins().stream().map(origin -> origin + "/*").toList();
    }

    /** upload-service's base address, as the dashboard's page calls it. */
    public URI uploadServiceUrl() {
        return local(uploadPort, "");
    }

    /** {@code POST ?filename=…} uploads, {@code GET /{id}} one upload's progress. */
    public URI uploadApiUrl() {
        return local(uploadPort, "/api/uploads");
    }

    public URI aggregatesUrl() {
        return local(aggregatePort, "/api/aggregates");
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/" + Infrastructure.PG_DATABASE;
    }

    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    public String redisUrl() {
        return "redis://127.0.0.1:" + redisPort;
    }

    public URI s3Endpoint() {
        return local(s3Port, "");
    }

    static URI local(int port, String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** A free port whose successor (the controller's) is free too and not among {@code taken}. */
    private static int kafkaPortWithFreeController(List<Integer> taken) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = freePorts(1).get(0);
            if (candidate < 65535 && !taken.contains(candidate) && !taken.contains(candidate + 1)
                    && PortGuard.isFree(candidate + 1)) {
                return candidate;
            }
        }
        throw new StackException("found no free pair of ports for Kafka and its controller");
    }

    /**
     * {@code count} free ports, distinct from {@code taken}, each with a free port 1000 above it (its management
     * interface) that is not among them either.
     */
    private static List<Integer> freeServicePorts(int count, List<Integer> taken) {
        List<Integer> chosen = new ArrayList<>();
        for (int attempt = 0; attempt < 50 && chosen.size() < count; attempt++) {
            for (int candidate : freePorts(count)) {
                int management = managementPort(candidate);
                List<Integer> used = concat(taken, chosen);
                if (chosen.size() < count && management <= 65535 && !used.contains(candidate)
                        && !used.contains(management) && !chosen.contains(candidate - MANAGEMENT_PORT_OFFSET)
                        && !taken.contains(candidate - MANAGEMENT_PORT_OFFSET) && PortGuard.isFree(management)) {
                    chosen.add(candidate);
                }
            }
        }
        if (chosen.size() < count) {
            throw new StackException("found no " + count + " free ports with free management ports (+1000)");
        }
        return chosen;
    }

    private static List<Integer> concat(List<Integer> a, List<Integer> b) {
        List<Integer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<Integer> freePorts(int count) {
        // Held open together so the OS hands out distinct ports.
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                sockets.add(new ServerSocket(0, 1, InetAddress.getLoopbackAddress()));
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("could not find free ports", e);
        } finally {
            for (ServerSocket socket : sockets) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing a probe socket cannot lose anything
                }
            }
        }
    }
}
