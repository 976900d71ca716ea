package io.lfp.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

import io.lfp.cli.ingest.UploadClient;
import io.lfp.cli.stack.ComponentStatus;
import io.lfp.cli.stack.Infrastructure;
import io.lfp.cli.stack.Stack;
import io.lfp.cli.stack.StackSecrets;
import io.lfp.cli.stack.StackSettings;
import io.lfp.testing.Sql;
import io.lfp.testing.TestFiles;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * A whole system for one test class: infrastructure and services as separate processes on
 * free ports with throwaway data, started by the same {@link Stack} as {@code ./lfp up}, and
 * the few client calls the tests make against it. Every stack of the test JVM trusts the one
 * {@link SharedKeycloak} (its local-infra starts none) and uses its secrets file; API calls go with
 * a bearer token ({@link #asAdmin()}, {@link #as(String)}), health and metrics to the management ports.
 *
 * <p>
 * A test class that shares one stack between its tests keeps it in a {@code @AutoClose static} field started in
 * {@code @BeforeAll}; a test that needs a stack of its own opens one in try-with-resources.
 */
final class RunningStack implements AutoCloseable {

    static final Set<String> TERMINAL = Set.of("COMPLETED", "COMPLETED_WITH_ERRORS", "FAILED");

    /** An upload whose job ended and whose count changes were added to product_counts. */
    static final Predicate<JsonPath> JOB_AND_COUNTS_DONE = u -> TERMINAL.contains(u.getString("status"))
            && u.getString("aggregatedAt") != null;

    /** How long the dashboard may take to show what an upload's counts changed (it refreshes from an event). */
    static final Duration DASHBOARD_CATCH_UP = Duration.ofSeconds(15);

    final StackSettings settings;
    final Stack stack;

    final SharedKeycloak keycloak;

    private RunningStack(StackSettings settings, SharedKeycloak keycloak) {
        this.settings = settings;
        this.keycloak = keycloak;
        this.stack = new Stack(settings).onProgress(line -> System.out.println("[stack] " + line)).downOnJvmExit();
    }

    /** Starts a stack with {@code workers} ingest-workers and extra service environment (e.g. chunk size). */
    static RunningStack start(String name, int workers, Map<String, String> serviceEnv) {
        SharedKeycloak keycloak = SharedKeycloak.get();
        StackSettings settings = StackSettings
                .ephemeralOnFreePorts(E2eFiles.repoRoot(), E2eFiles.target("stacks/" + name), workers)
                .withExtraServiceEnv(serviceEnv)
                .withSecretsFile(keycloak.secretsFile())
                .withExternalOidc(keycloak.issuer());
        // the dashboard's login comes back to its own free port
        keycloak.admin().addRedirects("lfp-dashboard", settings.dashboardRedirectUris(), settings.dashboardOrigins());
        RunningStack running = new RunningStack(settings, keycloak);
        running.stack.up();
        return running;
    }

    /** Requests with a bearer token of a client with role admin (every API call the tests make as "the system"). */
    RequestSpecification asAdmin() {
        return as("admin");
    }

    /** Requests with a bearer token of a client whose only realm role is {@code role} (viewer, uploader, editor, admin). */
    RequestSpecification as(String role) {
        return given().auth().oauth2(keycloak.tokens(role).token());
    }

    /** Requests without any credentials. */
    static RequestSpecification anonymous() {
        return given();
    }

    /** The launcher's client as {@code ./lfp ingest} builds it: tokens of client lfp-cli from the secrets file. */
    UploadClient uploadClient() {
        return new UploadClient(settings.uploadApiUrl(), settings.aggregatesUrl(), stack.cliTokens());
    }

    /** The shared Keycloak: its admin API creates users and clients with a role (e.g. for the browser test). */
    SharedKeycloak keycloak() {
        return keycloak;
    }

    URI dashboardUrl() {
        return settings.dashboardUrl();
    }

    /** {@code http://127.0.0.1:<management port>} of the service listening on HTTP port {@code httpPort}. */
    static String managementUrl(int httpPort) {
        return "http://127.0.0.1:" + StackSettings.managementPort(httpPort);
    }

    /** Readiness URL of the service listening on HTTP port {@code httpPort} (management interface, no login). */
    static String healthUrl(int httpPort) {
        return managementUrl(httpPort) + "/q/health/ready";
    }

    /** The HTTP ports of every service instance: dashboard, upload, aggregate, the workers. */
    List<Integer> servicePorts() {
        List<Integer> ports = new ArrayList<>(List.of(settings.dashboardPort(), settings.uploadPort(),
                settings.aggregatePort()));
        ports.addAll(settings.workerPorts());
        return ports;
    }

    /** Uploads {@code body} as admin; asserts 202 with status QUEUED and returns the upload's id. */
    String upload(byte[] body, String filename) {
        return asAdmin().contentType("text/csv").queryParam("filename", filename).body(body)
                .post(settings.uploadApiUrl())
                .then().statusCode(202)
                .body("status", equalTo("QUEUED"))
                .extract().jsonPath().getString("id");
    }

    /** Uploads the project's sample file as {@code products-sample.csv}, as {@link #upload(byte[], String)}. */
    String uploadSample() {
        return upload(TestFiles.productsSample(), "products-sample.csv");
    }

    /** Streams {@code file} as admin; asserts 202 and returns the upload's id. */
    String upload(Path file) {
        return asAdmin().contentType("text/csv").queryParam("filename", file.getFileName().toString())
                .body(file.toFile())
                .post(settings.uploadApiUrl())
                .then().statusCode(202)
                .extract().jsonPath().getString("id");
    }

    JsonPath uploadStatus(String id) {
        return asAdmin().get(settings.uploadApiUrl() + "/" + id).then().statusCode(200).extract().jsonPath();
    }

    /** Polls the upload until {@code condition} holds; fails with the last status after {@code timeout}. */
    JsonPath awaitUpload(String id, Predicate<JsonPath> condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonPath upload;
        do {
            upload = uploadStatus(id);
            if (condition.test(upload)) {
                return upload;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("upload " + id + " did not get there within " + timeout + ": " + upload.prettify());
    }

    /** Waits until the job ended and its count changes were added to product_counts. */
    JsonPath awaitJobAndCounts(String id, Duration timeout) throws InterruptedException {
        return awaitUpload(id, JOB_AND_COUNTS_DONE, timeout);
    }

    /** As {@link #awaitJobAndCounts}, then asserts the upload ended with {@code status} (e.g. COMPLETED). */
    JsonPath assertJobEnds(String id, String status, Duration timeout) throws InterruptedException {
        JsonPath ended = awaitJobAndCounts(id, timeout);
        assertEquals(status, ended.getString("status"), ended.prettify());
        return ended;
    }

    /**
     * Polls (bounded) the dashboard's summary until it shows {@code products} products and {@code names} names,
     * and returns the last one it showed: the caller asserts on it.
     */
    JsonPath awaitDashboardSummary(long products, long names, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        JsonPath summary;
        do {
            summary = asAdmin().get(settings.dashboardUrl() + "/api/summary").then().statusCode(200)
                    .extract().jsonPath();
            if (summary.getLong("products") == products && summary.getLong("names") == names) {
                return summary;
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        return summary;
    }

    /** Every service instance answers 200 UP on its management port's readiness check, without a token. */
    void assertEveryServiceReady() {
        for (int port : servicePorts()) {
            anonymous().get(healthUrl(port)).then().statusCode(200).body("status", equalTo("UP"));
        }
    }

    /** products and product_counts hold exactly what {@code expected} says. */
    void assertTablesMatch(ExpectedProducts expected) {
        assertEquals(expected.products(), products(), "products rows");
        assertEquals(expected.countsByName(), productCounts(), "product_counts rows");
    }

    long pidOf(String component) {
        return stack.status().stream().filter(s -> s.name().equals(component)).mapToLong(ComponentStatus::pid)
                .findFirst().orElseThrow(() -> new AssertionError("no component " + component));
    }

    Map<String, ExpectedProducts.Product> products() {
        Map<String, ExpectedProducts.Product> products = new TreeMap<>();
        for (List<Object> row : rows("SELECT sku, name, description FROM products")) {
            String sku = (String) row.get(0);
            products.put(sku, new ExpectedProducts.Product(sku, (String) row.get(1), (String) row.get(2)));
        }
        return products;
    }

    Map<String, Long> productCounts() {
        return countsByName("SELECT name, product_count FROM product_counts");
    }

    /** {@code SELECT count(*)} of one of the system's tables. */
    long count(String table) {
        return queryLong("SELECT count(*) FROM " + table);
    }

    /** The names with the most products, ties by name in code-point order (what the dashboard shows). */
    List<Map.Entry<String, Long>> topNames(int limit) {
        String top = "SELECT name, product_count FROM product_counts ORDER BY product_count DESC, name COLLATE \"C\" LIMIT ?";
        return rows(top, limit).stream()
                .map(row -> Map.entry((String) row.get(0), ((Number) row.get(1)).longValue())).toList();
    }

    /** {@code SELECT name, count(*) FROM products GROUP BY name}: what product_counts must equal. */
    Map<String, Long> countsFromProducts() {
        return countsByName("SELECT name, count(*) FROM products GROUP BY name");
    }

    private Map<String, Long> countsByName(String query) {
        Map<String, Long> counts = new TreeMap<>();
        for (List<Object> row : rows(query)) {
            counts.put((String) row.get(0), ((Number) row.get(1)).longValue());
        }
        return counts;
    }

    /** The first column of the first row of {@code sql} (with {@code ?} parameters) as text; null without a row. */
    String queryString(String sql, Object... parameters) {
        List<List<Object>> rows = rows(sql, parameters);
        return rows.isEmpty() ? null : Objects.toString(rows.get(0).get(0), null);
    }

    /** The number in the first column of the one row of {@code sql} (with {@code ?} parameters), e.g. a count. */
    long queryLong(String sql, Object... parameters) {
        List<List<Object>> rows = rows(sql, parameters);
        if (rows.isEmpty()) {
            throw new AssertionError("no row: " + sql);
        }
        return ((Number) rows.get(0).get(0)).longValue();
    }

    /** The rows of {@code sql} (with {@code ?} parameters) in the stack's database, by test-support's {@link Sql}. */
    List<List<Object>> rows(String sql, Object... parameters) {
        try (Connection db = connect()) {
            return Sql.rows(db, sql, parameters);
        } catch (SQLException e) {
            throw new AssertionError(sql, e);
        }
    }

    /** Base URL of ingest-worker instance {@code index} (0-based), e.g. for its single-product API. */
    String workerUrl(int index) {
        return "http://127.0.0.1:" + settings.workerPorts().get(index);
    }

    /**
     * Kafka client properties of the stack's broker as {@code principal} (SASL SCRAM-SHA-512), e.g. {@code admin},
     * who may write every topic and read the dead-letter topics.
     */
    Map<String, Object> kafka(String principal) {
        return Map.of("bootstrap.servers", settings.kafkaBootstrap(),
                "security.protocol", "SASL_PLAINTEXT",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                        + principal + "\" password=\"" + stack.secrets().kafkaPassword(principal) + "\";");
    }

    /**
     * The directory of the stack's S3 store (s3proxy's filesystem backend, found from its process under the
     * stack's local-infra): a directory per bucket, a file per object, read independently of what the services
     * say they stored or deleted.
     */
    Path s3Files() {
        ProcessHandle infra = ProcessHandle.of(pidOf("s3")).orElseThrow();
        for (ProcessHandle child : infra.descendants().toList()) {
            String[] args = child.info().arguments().orElse(new String[0]);
            for (int i = 0; i + 1 < args.length; i++) {
                if (args[i].equals("--properties")) {
                    Properties config = new Properties();
                    try (var in = Files.newBufferedReader(Path.of(args[i + 1]))) {
                        config.load(in);
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                    return Path.of(config.getProperty("jclouds.filesystem.basedir"));
                }
            }
        }
        throw new AssertionError("no s3proxy process under local-infra (pid " + infra.pid() + ")");
    }

    /** The part objects (files named {@code *.part-*}) stored for upload {@code id}; none once they are deleted. */
    List<Path> partObjects(String id) {
        Path dir = s3Files().resolve(Infrastructure.S3_BUCKET + "/uploads/" + id);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().contains(".part-")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** A connection as the stack's PostgreSQL superuser: for assertions and fault set-ups only. */
    Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.jdbcUrl(), StackSecrets.PG_SUPERUSER,
                stack.secrets().pgSuperuserPassword());
    }

    @Override
    public void close() {
        stack.down();
    }
}
