package io.lfp.localinfra;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.lfp.events.Topics;

/**
 * Real PostgreSQL, Kafka (KRaft), Redis and S3 (s3proxy) servers on 127.0.0.1, without Docker.
 *
 * <pre>{@code
 * try (LocalInfrastructure infra = new LocalInfrastructure(LocalInfraSettings.defaults()).start()) {
 *     infra.configOverrides(); // lfp.pg.host, lfp.kafka.bootstrap, ... for the services
 * }
 * }</pre>
 *
 * PostgreSQL, Redis and s3proxy are child processes; Kafka runs inside this JVM.
 */
public class LocalInfrastructure implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalInfrastructure.class);
    /** The service that owns no table and only reads what the owners' migrations grant it. */
    private static final String READ_ONLY_SERVICE = "dashboard-service";

    private final LocalInfraSettings settings;
    private final Path root;
    private final PostgresServer postgres;
    private final KafkaServer kafka;
    private final RedisServer redis;
    private final S3ProxyServer s3;
    /** Null unless the settings ask for Keycloak. */
    private final KeycloakServer keycloak;
    /** What has started, to stop in reverse order. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private volatile boolean closed;
    private Thread shutdownHook;
    /** Set when this instance only describes servers another class loader of this JVM started. */
    private final SharedInfra.Remote remote;

    public LocalInfrastructure(LocalInfraSettings settings) {
        this(settings, null);
    }

    LocalInfrastructure(LocalInfraSettings settings, SharedInfra.Remote remote) {
        this.settings = settings;
        this.remote = remote;
        this.root = remote != null ? null
                : settings.ephemeral() ? Dirs.createTemp("lfp-infra-") : Dirs.create(settings.dataDir().toAbsolutePath());
        int kafkaPort = Net.portOrFree(settings.kafkaPort());
        int controllerPort = settings.kafkaControllerPort() != 0 ? settings.kafkaControllerPort()
                : settings.kafkaPort() != 0 ? settings.kafkaPort() + 1 : Net.portOrFree(0);
        // an attached view never starts anything: its servers only carry the ports
        Path dirs = root != null ? root : Path.of("unused");
        LocalSecrets secrets = settings.secrets();
        this.postgres = new PostgresServer(dirs.resolve("pg"), Net.portOrFree(settings.pgPort()), settings.ephemeral(),
                LocalSecrets.PG_SUPERUSER, secrets.pgSuperuserPassword());
        this.kafka = new KafkaServer(dirs.resolve("kafka"), kafkaPort, controllerPort, secrets);
        this.redis = new RedisServer(Net.portOrFree(settings.redisPort()), secrets.redisPassword());
        this.s3 = new S3ProxyServer(dirs.resolve("s3"), dirs.resolve("s3proxy"), Net.portOrFree(settings.s3Port()),
                settings.bucket(), secrets.s3AccessKey(), secrets.s3SecretKey());
        this.keycloak = remote == null && settings.keycloak()
                ? new KeycloakServer(keycloakHome(settings), dirs.resolve("keycloak"), settings.keycloakPort(),
                        secrets, settings.keycloakRedirectOrigins())
                : null;
    }

    /** The settings' home, else one per machine under $TMPDIR (like PostgreSQL's binaries). */
    private static Path keycloakHome(LocalInfraSettings settings) {
        return settings.keycloakHome() != null ? settings.keycloakHome()
                : Path.of(System.getProperty("java.io.tmpdir"), "lfp-keycloak");
    }

    /**
     * Starts the four servers (in parallel: they do not depend on each other), creates the
     * database, role, topics and bucket, and returns once every one answers.
     */
    public LocalInfrastructure start() {
        if (remote != null) {
            throw new IllegalStateException("already started by another class loader of this JVM");
        }
        QuietLogging.apply();
        long t0 = System.nanoTime();
        if (!settings.ephemeral()) {
            Leftovers.stop(root, "redis", "redis-server");
            Leftovers.stop(root, "s3proxy", "s3proxy");
            Leftovers.stop(root, "keycloak", "kc.sh");
        }
        shutdownHook = new Thread(this::closeQuietly, "lfp-local-infra-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        CompletableFuture<Void> pg = null;
        CompletableFuture<Void> s3proxy = null;
        CompletableFuture<Void> oidc = null;
        try {
            if (keycloak != null) {
                // the slowest by far (a minute on the first start): it runs beside all the others
                oidc = CompletableFuture.runAsync(() -> {
                    long t = System.nanoTime();
                    keycloak.start();
                    remember(keycloak);
                    if (!settings.ephemeral()) {
                        Leftovers.record(root, "keycloak", keycloak.pid());
                    }
                    LOG.info("Keycloak    {} (realm {}, pid {}) in {} ms", keycloak.issuerUrl(), KeycloakServer.REALM,
                            keycloak.pid(), ms(t));
                });
            }
            pg = CompletableFuture.runAsync(() -> {
                long t = System.nanoTime();
                postgres.start();
                remember(postgres);
                Map<String, String> roles = new LinkedHashMap<>();
                LocalSecrets.SERVICES.forEach(service -> roles.put(pgUser(service), pgPassword(service)));
                postgres.bootstrap(settings.pgDatabase(), roles, java.util.Set.of(pgUser(READ_ONLY_SERVICE)));
                LOG.info("PostgreSQL  {} (database {}, roles {}) in {} ms", jdbcUrl(), pgDatabase(), roles.keySet(),
                        ms(t));
            });
            s3proxy = CompletableFuture.runAsync(() -> {
                long t = System.nanoTime();
                s3.start();
                remember(s3);
                if (!settings.ephemeral()) {
                    Leftovers.record(root, "s3proxy", s3.pid());
                }
                LOG.info("S3          {} (bucket {}, s3proxy pid {}) in {} ms", s3Endpoint(), bucket(), s3.pid(), ms(t));
            });
            long t = System.nanoTime();
            java.util.Set<Long> redisBefore = Leftovers.redisChildren();
            redis.start();
            remember(redis);
            if (!settings.ephemeral()) {
                Leftovers.record(root, "redis", Leftovers.newRedisChild(redisBefore));
            }
            LOG.info("Redis       {} in {} ms", redisUrl(), ms(t));
            t = System.nanoTime();
            kafka.start();
            remember(kafka);
            // the chunk topic gets more partitions: they bound how many chunks run at once
            java.util.function.ToIntFunction<String> partitionsOf = topic -> Math.max(settings.partitions(),
                    Topics.partitions(topic));
            kafka.createTopics(settings.topics(), partitionsOf);
            LOG.info("Kafka       {} (topics {}, at least {} partitions each, {} for {}) in {} ms", kafkaBootstrap(),
                    settings.topics(), settings.partitions(), partitionsOf.applyAsInt(Topics.INGEST_CHUNKS),
                    Topics.INGEST_CHUNKS, ms(t));
            CompletableFuture.allOf(pg, s3proxy, oidc != null ? oidc : CompletableFuture.completedFuture(null)).join();
        } catch (RuntimeException e) {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            // let a server still starting in parallel finish, so that it is stopped too
            for (CompletableFuture<Void> f : new CompletableFuture[] { pg, s3proxy, oidc }) {
                if (f != null) {
                    f.exceptionally(x -> null).join();
                }
            }
            closeQuietly();
            throw cause instanceof RuntimeException re ? re : new IllegalStateException(cause);
        }
        LOG.info("local infrastructure up in {} ms ({})", ms(t0),
                settings.ephemeral() ? "throwaway data" : "data in " + root);
        return this;
    }

    private static long ms(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private synchronized void remember(AutoCloseable server) {
        started.push(server);
    }

    /**
     * The lfp.* properties of docs/architecture.md, pointing at these servers. The PostgreSQL role differs per
     * service, so it is handed out as {@code lfp.test.<service>.pg.user|pg.password}, which each service maps
     * to {@code lfp.pg.user|password} with {@code %test.} lines (a plain {@code lfp.pg.user} here would win
     * over them).
     */
    public Map<String, String> configOverrides() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("lfp.pg.host", pgHost());
        m.put("lfp.pg.port", String.valueOf(pgPort()));
        m.put("lfp.pg.database", pgDatabase());
        for (String service : LocalSecrets.SERVICES) {
            m.put("lfp.test." + service + ".pg.user", pgUser(service));
            m.put("lfp.test." + service + ".pg.password", pgPassword(service));
        }
        m.put("lfp.kafka.bootstrap", kafkaBootstrap());
        m.put("lfp.redis.url", redisUrl());
        m.put("lfp.redis.password", redisPassword());
        m.put("lfp.s3.endpoint", s3Endpoint());
        m.put("lfp.s3.region", region());
        m.put("lfp.s3.bucket", bucket());
        m.put("lfp.s3.access-key", accessKey());
        m.put("lfp.s3.secret-key", secretKey());
        for (String service : LocalSecrets.SERVICES) {
            m.put("lfp.test." + service + ".kafka.user", service);
            m.put("lfp.test." + service + ".kafka.password", settings.secrets().kafkaPassword(service));
        }
        return m;
    }

    public String jdbcUrl() {
        return postgres.jdbcUrl(pgDatabase());
    }

    public String pgHost() {
        return Net.HOST;
    }

    public int pgPort() {
        return postgres.port();
    }

    public String pgDatabase() {
        return settings.pgDatabase();
    }

    /** The superuser: for tests' assertions and cleanup, never for a service. */
    public String pgUser() {
        return LocalSecrets.PG_SUPERUSER;
    }

    /** The superuser's password. */
    public String pgPassword() {
        return settings.secrets().pgSuperuserPassword();
    }

    /** The role a service connects as ({@link LocalSecrets#SERVICES}): no superuser, owns the service's tables. */
    public String pgUser(String service) {
        return LocalSecrets.pgRole(service);
    }

    /** The password of {@link #pgUser(String)}. */
    public String pgPassword(String service) {
        return settings.secrets().pgPassword(service);
    }

    public String kafkaBootstrap() {
        return kafka.bootstrap();
    }

    /**
     * What a Kafka client needs to log in here as {@code principal} (a service name,
     * {@link LocalSecrets#EXTERNAL_PRODUCER} or {@link LocalSecrets#KAFKA_ADMIN}): {@code bootstrap.servers},
     * {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}. A new mutable map.
     */
    public Map<String, Object> kafkaClientProperties(String principal) {
        return kafkaClientProperties(kafkaBootstrap(), principal, settings.secrets().kafkaPassword(principal));
    }

    /** {@link #kafkaClientProperties(String)} and {@code more} (serializers, group id, ...). */
    public Map<String, Object> kafkaClientProperties(String principal, Map<String, ?> more) {
        Map<String, Object> p = kafkaClientProperties(principal);
        p.putAll(more);
        return p;
    }

    /** The same for a broker of another process, e.g. a stack started by the launcher, given the password. */
    public static Map<String, Object> kafkaClientProperties(String bootstrap, String principal, String password) {
        return KafkaServer.clientProperties(bootstrap, principal, password);
    }

    /** The stack's credentials (the same for a view of another class loader's servers). */
    public LocalSecrets secrets() {
        return settings.secrets();
    }

    public int kafkaPort() {
        return kafka.port();
    }

    public String redisUrl() {
        return "redis://" + Net.HOST + ":" + redisPort();
    }

    public int redisPort() {
        return redis.port();
    }

    /** Redis requires it ({@code requirepass}); a client sends it with AUTH. */
    public String redisPassword() {
        return settings.secrets().redisPassword();
    }

    public String s3Endpoint() {
        return s3.endpoint();
    }

    public int s3Port() {
        return s3.port();
    }

    public String bucket() {
        return settings.bucket();
    }

    /** s3proxy's one identity: it reaches every bucket of this store. */
    public String accessKey() {
        return settings.secrets().s3AccessKey();
    }

    public String secretKey() {
        return settings.secrets().s3SecretKey();
    }

    public String region() {
        return settings.region();
    }

    /** Keycloak, when the settings asked for it; else null. */
    public KeycloakServer keycloak() {
        return keycloak;
    }

    /** The issuer URL of the project's realm ({@code LFP_OIDC_URL}); null without Keycloak. */
    public String oidcIssuer() {
        return keycloak == null ? null : keycloak.issuerUrl();
    }

    /** Where the data lives (a temporary directory for throwaway data); null for a view of another class loader's servers. */
    public Path dataDir() {
        return root;
    }

    /** Takes Redis down (its port refuses connections) to test how services cope. */
    public void stopRedis() {
        if (remote != null) {
            remote.stopRedis();
        } else {
            redis.stop();
        }
    }

    /** Brings Redis back on the same port, empty. */
    public void startRedis() {
        if (remote != null) {
            remote.startRedis();
        } else {
            redis.start();
        }
    }

    /** Fault injection ({@link FaultControl}): PostgreSQL stops ({@code pg_ctl stop -m fast}); its data stays. */
    public void stopPostgres() {
        if (remote != null) {
            remote.invoke("stopPostgres");
            return;
        }
        requireOwn();
        postgres.close();
    }

    /** PostgreSQL again on the same port and data directory. */
    public void startPostgres() {
        if (remote != null) {
            remote.invoke("startPostgres");
            return;
        }
        requireOwn();
        postgres.start();
    }

    /** Fault injection: s3proxy stops, its port refuses connections; the stored objects stay. */
    public void stopS3() {
        if (remote != null) {
            remote.invoke("stopS3");
            return;
        }
        requireOwn();
        s3.close();
    }

    /** s3proxy again on the same port and directory. */
    public void startS3() {
        if (remote != null) {
            remote.invoke("startS3");
            return;
        }
        requireOwn();
        s3.start();
        if (!settings.ephemeral()) {
            Leftovers.record(root, "s3proxy", s3.pid());
        }
    }

    /** Fault injection: the Kafka broker (and its controller) shuts down cleanly; its log directory stays. */
    public void stopKafka() {
        requireOwn();
        kafka.close();
    }

    /** Kafka again on the same ports and log directory: topics, records and committed offsets are all there. */
    public void startKafka() {
        requireOwn();
        kafka.start();
    }

    private void requireOwn() {
        if (remote != null || closed) {
            throw new IllegalStateException("not servers this instance can stop or start (another class loader's, or closed)");
        }
    }

    /** Stops everything in reverse order of start; deletes throwaway data. */
    @Override
    public void close() {
        closeQuietly();
        if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down
            }
        }
    }

    private synchronized void closeQuietly() {
        if (closed || remote != null) {
            return;
        }
        closed = true;
        while (!started.isEmpty()) {
            AutoCloseable server = started.pop();
            try {
                server.close();
            } catch (Exception e) {
                LOG.warn("stopping {} failed: {}", server.getClass().getSimpleName(), e.toString());
            }
        }
        if (settings.ephemeral()) {
            Dirs.deleteQuietly(root);
        }
    }
}
