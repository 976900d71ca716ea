package io.lfp.cli.stack;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Quarkus service instance of the stack.
 *
 * @param name unique name: the module name, or {@code ingest-worker-<n>} (n from 1) for workers
 * @param module the Maven module whose {@code target/quarkus-app/quarkus-run.jar} runs it
 * @param port its HTTP port
 */
public record Service(String name, String module, int port) {
    public static final String DASHBOARD = "dashboard-service";
    public static final String UPLOAD = "upload-service";
    public static final String INGEST_WORKER = "ingest-worker";
    public static final String AGGREGATE = "aggregate-service";
    public static final List<String> MODULES = List.of(UPLOAD, INGEST_WORKER, AGGREGATE, DASHBOARD);

    /**
     * Five JVMs share a 2-core laptop-sized machine with PostgreSQL and Kafka: a cap keeps them
     * from each sizing their heap to a quarter of RAM. 256 MB is plenty because every service
     * streams files (a worker holds at most its chunks in flight), and it keeps each process's
     * resident memory under 512 MB, which a 512 MB heap did not (docs/decisions/0007-c1-only-jvms.md).
     */
    static final String HEAP = "-Xmx256m";

    /**
     * The C1 compiler only: on a 2-core machine the C2 compilers of the JVMs take CPU that PostgreSQL
     * needs during a job; C1's code is slower but compiles fast, and the services' heavy work is in
     * PostgreSQL (docs/decisions/0007-c1-only-jvms.md). LFP_JAVA_OPTS="-XX:TieredStopAtLevel=4" restores C2.
     */
    static final String JIT = "-XX:TieredStopAtLevel=1";

    /** The services of a stack, in start order: upload, the workers, aggregate, dashboard. */
    public static List<Service> all(StackSettings settings) {
        List<Service> services = new ArrayList<>();
        services.add(new Service(UPLOAD, UPLOAD, settings.uploadPort()));
        List<Integer> workerPorts = settings.workerPorts();
        for (int i = 0; i < workerPorts.size(); i++) {
            services.add(new Service(INGEST_WORKER + "-" + (i + 1), INGEST_WORKER, workerPorts.get(i)));
        }
        services.add(new Service(AGGREGATE, AGGREGATE, settings.aggregatePort()));
        services.add(new Service(DASHBOARD, DASHBOARD, settings.dashboardPort()));
        return services;
    }

    /** The service a stack recorded under {@code name} ({@code ingest-worker-<n>} runs the ingest-worker module). */
    static Service named(String name, int port) {
        return new Service(name, name.startsWith(INGEST_WORKER + "-") ? INGEST_WORKER : name, port);
    }

    public static Path jar(Path repoRoot, String module) {
        return repoRoot.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** Its management interface (health, metrics, OpenAPI, Swagger UI): the HTTP port + 1000, on 127.0.0.1. */
    public int managementPort() {
        return StackSettings.managementPort(port);
    }

    /** Readiness, on the management interface: answers without a login. */
    public URI healthUrl() {
        return StackSettings.local(managementPort(), "/q/health/ready");
    }

    public URI swaggerUiUrl() {
        return StackSettings.local(managementPort(), "/q/swagger-ui");
    }

    /** Its Kafka principal: the module's name (every ingest-worker instance shares the module's). */
    public String kafkaUser() {
        return module;
    }

    List<String> command(StackSettings settings, String javaExecutable) {
        List<String> command = new ArrayList<>(List.of(javaExecutable, HEAP, JIT));
        // extra JVM options for every service, e.g. for a profiling or GC experiment; after ours, so they win
        String extra = System.getenv("LFP_JAVA_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar(settings.repoRoot(), module).toString()));
        return command;
    }

    /**
     * The service is configured only through these variables (docs/architecture.md, "Configuration"): its own
     * PostgreSQL role and Kafka principal, the stack's S3 keys, and the OIDC provider's issuer {@code oidcUrl}.
     * The dashboard alone gets Redis's password and its OIDC client's secret.
     */
    Map<String, String> environment(StackSettings settings, StackSecrets secrets, String oidcUrl) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort()));
        env.put("LFP_PG_HOST", "127.0.0.1");
        env.put("LFP_PG_PORT", Integer.toString(settings.pgPort()));
        env.put("LFP_PG_DATABASE", Infrastructure.PG_DATABASE);
        env.put("LFP_PG_USER", StackSecrets.pgRole(module));
        env.put("LFP_PG_PASSWORD", secrets.pgPassword(module));
        env.put("LFP_KAFKA_BOOTSTRAP", settings.kafkaBootstrap());
        env.put("LFP_KAFKA_USER", kafkaUser());
        env.put("LFP_KAFKA_PASSWORD", secrets.kafkaPassword(kafkaUser()));
        env.put("LFP_REDIS_URL", settings.redisUrl());
        env.put("LFP_S3_ENDPOINT", settings.s3Endpoint().toString());
        env.put("LFP_S3_REGION", Infrastructure.S3_REGION);
        env.put("LFP_S3_BUCKET", Infrastructure.S3_BUCKET);
        env.put("LFP_S3_ACCESS_KEY", secrets.s3AccessKey());
        env.put("LFP_S3_SECRET_KEY", secrets.s3SecretKey());
        env.put("LFP_OIDC_URL", oidcUrl);
        if (DASHBOARD.equals(module)) {
            env.put("LFP_REDIS_PASSWORD", secrets.redisPassword());
            env.put("LFP_OIDC_CLIENT_SECRET", dashboardClientSecret(settings, secrets));
            // The page's browser posts files to upload-service, retries there and links to its rejected rows.
            env.put("LFP_DASHBOARD_UPLOAD_SERVICE_URL", settings.uploadServiceUrl().toString());
        }
        if (UPLOAD.equals(module)) {
            // Those posts come from the dashboard's origin, whatever port this stack gave it (CORS).
            env.put("LFP_UPLOAD_CORS_ORIGINS", String.join(",", settings.dashboardOrigins()));
        }
        env.putAll(settings.extraServiceEnv());
        return env;
    }

    /** With another provider, its lfp-dashboard secret comes from the launcher's LFP_OIDC_CLIENT_SECRET when set. */
    private static String dashboardClientSecret(StackSettings settings, StackSecrets secrets) {
        String external = System.getenv("LFP_OIDC_CLIENT_SECRET");
        return !settings.localKeycloak() && external != null && !external.isBlank() ? external
                : secrets.oidcClientSecret("lfp-dashboard");
    }
}
