package io.lfp.localinfra;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.security.scram.ScramLoginModule;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Kafka 4 (KRaft combined broker + controller, node id 1) in this JVM. Clients log in
 * with SASL SCRAM-SHA-512 (one principal per service, {@code external-producer}, super user {@code admin});
 * the StandardAuthorizer denies whatever {@link KafkaAccessRules} does not allow.
 */
final class KafkaServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaServer.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER = "CONTROLLER";

    private static final String CLIENT = "CLIENT";
    private static final String SCRAM = "SCRAM-SHA-512";
    private static final int SCRAM_ITERATIONS = 8192;

    private final Path logDir;
    private final int port;
    private final int controllerPort;
    private final LocalSecrets secrets;
    private KafkaRaftServer server;

    KafkaServer(Path logDir, int port, int controllerPort, LocalSecrets secrets) {
        this.logDir = logDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.secrets = secrets;
    }

    String bootstrap() {
        return Net.HOST + ":" + port;
    }

    int port() {
        return port;
    }

    void start() {
        Net.requireFree(port, "Kafka");
        Net.requireFree(controllerPort, "Kafka controller");
        Dirs.create(logDir);
        KafkaConfig config = KafkaConfig.fromProps(properties());
        format(config);
        server = new KafkaRaftServer(config, Time.SYSTEM);
        // returns once the broker has caught up with the metadata log and is unfenced
        server.startup();
        applyCredentials();
    }

    /** Bootstrap address, SASL_PLAINTEXT and SCRAM-SHA-512 login of {@code principal}: what a Kafka client needs here. */
    static Map<String, Object> clientProperties(String bootstrap, String principal, String password) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
        p.put(SaslConfigs.SASL_MECHANISM, SCRAM);
        p.put(SaslConfigs.SASL_JAAS_CONFIG, jaas(ScramLoginModule.class, principal, password, ""));
        return p;
    }

    Map<String, Object> adminProperties() {
        return clientProperties(bootstrap(), LocalSecrets.KAFKA_ADMIN, secrets.kafkaAdminPassword());
    }

    /**
     * Sets the SCRAM password of every principal (services, external producer) from the secrets and the ACLs
     * of {@link KafkaAccessRules}, on every start: a kept log dir gets the same state again (and loses ACLs
     * the table no longer has). The admin's own password was written when the log dir was formatted. Returns
     * once the broker enforces them.
     */
    private void applyCredentials() {
        List<String> principals = KafkaAccessRules.principals();
        try (Admin admin = Admin.create(adminProperties())) {
            try {
                admin.describeCluster().clusterId().get(60, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof SaslAuthenticationException) {
                    throw new IllegalStateException("Kafka in " + logDir + " does not know the admin password of this"
                            + " stack's secrets (the log dir was formatted by an earlier version or with other secrets):"
                            + " delete " + logDir + " to start Kafka afresh", e.getCause());
                }
                throw e;
            }
            List<UserScramCredentialAlteration> upserts = principals.stream()
                    .<UserScramCredentialAlteration> map(p -> new UserScramCredentialUpsertion(p,
                            new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, SCRAM_ITERATIONS), password(p)))
                    .toList();
            admin.alterUserScramCredentials(upserts).all().get(60, TimeUnit.SECONDS);
            Set<AclBinding> wanted = new HashSet<>(KafkaAccessRules.bindings());
            Set<String> managed = principals.stream().map(KafkaAccessRules::user).collect(Collectors.toSet());
            List<AclBindingFilter> stale = admin.describeAcls(AclBindingFilter.ANY).values().get(60, TimeUnit.SECONDS)
                    .stream().filter(b -> managed.contains(b.entry().principal()) && !wanted.contains(b))
                    .map(AclBinding::toFilter).toList();
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale).all().get(60, TimeUnit.SECONDS);
            }
            admin.createAcls(wanted).all().get(60, TimeUnit.SECONDS);
            // both reach the broker's authorizer and credential cache through the metadata log, a moment later
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!new HashSet<>(admin.describeAcls(AclBindingFilter.ANY).values().get(60, TimeUnit.SECONDS))
                    .containsAll(wanted) || !credentialsKnown(principals)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the broker did not apply the SCRAM users and ACLs within 60 s");
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while setting the Kafka users and ACLs", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot set the Kafka users and ACLs", unwrap(e));
        }
    }

    /** True once every principal can log in to the client listener. */
    private boolean credentialsKnown(List<String> principals) throws InterruptedException {
        for (String principal : principals) {
            Map<String, Object> p = clientProperties(bootstrap(), principal, password(principal));
            p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
            try (Admin admin = Admin.create(p)) {
                admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                return false;
            }
        }
        return true;
    }

    private String password(String principal) {
        return secrets.kafkaPassword(principal);
    }

    private static Throwable unwrap(Exception e) {
        return e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
    }

    /** A JAAS line; the generated passwords are alphanumeric, so they need no escaping. */
    private static String jaas(Class<?> module, String user, String password, String extra) {
        return module.getName() + " required username=\"" + user + "\" password=\"" + password + "\"" + extra + ";";
    }

    /** Creates the topics (existing ones, from a kept log dir, are left as they are). */
    void createTopics(List<String> topics, java.util.function.ToIntFunction<String> partitionsOf) {
        try (Admin admin = Admin.create(adminProperties())) {
            for (String topic : topics) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, partitionsOf.applyAsInt(topic), (short) 1))).all()
                            .get(60, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create topic " + topic, e.getCause());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not create the topics within 60 s", e);
        }
    }

    @Override
    public void close() {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Kafka did not stop cleanly: {}", e.toString());
        } finally {
            server = null;
        }
    }

    private Properties properties() {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", String.valueOf(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@" + Net.HOST + ":" + controllerPort);
        p.put("listeners", CLIENT + "://" + Net.HOST + ":" + port + "," + CONTROLLER + "://" + Net.HOST + ":" + controllerPort);
        p.put("advertised.listeners", CLIENT + "://" + Net.HOST + ":" + port);
        p.put("controller.listener.names", CONTROLLER);
        p.put("inter.broker.listener.name", CLIENT);
        p.put("listener.security.protocol.map", CLIENT + ":SASL_PLAINTEXT," + CONTROLLER + ":SASL_PLAINTEXT");
        // clients log in with SCRAM (per-principal passwords kept in the metadata log); the broker as admin
        p.put("listener.name.client.sasl.enabled.mechanisms", SCRAM);
        p.put("sasl.mechanism.inter.broker.protocol", SCRAM);
        p.put("listener.name.client.scram-sha-512.sasl.jaas.config",
                jaas(ScramLoginModule.class, LocalSecrets.KAFKA_ADMIN, secrets.kafkaAdminPassword(), ""));
        // the controller cannot read SCRAM users before it has read its own log: PLAIN with the admin password
        p.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
        p.put("sasl.mechanism.controller.protocol", "PLAIN");
        p.put("listener.name.controller.plain.sasl.jaas.config",
                jaas(PlainLoginModule.class, LocalSecrets.KAFKA_ADMIN, secrets.kafkaAdminPassword(),
                        " user_" + LocalSecrets.KAFKA_ADMIN + "=\"" + secrets.kafkaAdminPassword() + "\""));
        p.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
        p.put("allow.everyone.if.no.acl.found", "false");
        p.put("super.users", KafkaAccessRules.user(LocalSecrets.KAFKA_ADMIN));
        p.put("log.dirs", logDir.toString());
        // one broker: every internal topic has a single replica
        p.put("offsets.topic.replication.factor", "1");
        p.put("offsets.topic.num.partitions", "8");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("transaction.state.log.num.partitions", "8");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("min.insync.replicas", "1");
        p.put("default.replication.factor", "1");
        // consumers of a fresh group get partitions at once instead of after 3 s
        p.put("group.initial.rebalance.delay.ms", "0");
        p.put("num.partitions", "8");
        // only admin may create topics: no ACL gives anyone else CREATE
        p.put("auto.create.topics.enable", "true");
        // a 2-core machine runs four services next to this broker
        p.put("num.network.threads", "2");
        p.put("num.io.threads", "4");
        p.put("background.threads", "2");
        p.put("log.cleaner.threads", "1");
        p.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return p;
    }

    /** What kafka-storage.sh format does, once: a kept log dir keeps its cluster id. */
    private void format(KafkaConfig config) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(out, true, StandardCharsets.UTF_8))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setIgnoreFormatted(true)
                    .setUnstableFeatureVersionsEnabled(false)
                    .setControllerListenerName(CONTROLLER)
                    .setScramArguments(List.of(SCRAM + "=[name=" + LocalSecrets.KAFKA_ADMIN + ",password="
                            + secrets.kafkaAdminPassword() + "]"))
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .addDirectory(logDir.toString())
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka log dir " + logDir + ": " + out, e);
        }
    }
}
