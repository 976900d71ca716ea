package io.lfp.localinfra;

import java.nio.file.Path;
import java.util.List;

import io.lfp.events.Topics;

/**
 * What {@link LocalInfrastructure} starts. A port of 0 means "pick a free port"; a null
 * {@code dataDir} means a throwaway temporary directory deleted on close, otherwise data
 * (PostgreSQL, Kafka logs, S3 objects) is kept across restarts.
 *
 * @param kafkaControllerPort the KRaft controller listener; 0 means kafkaPort + 1 when
 *        kafkaPort is fixed, else a free port
 * @param secrets every credential (PostgreSQL roles, Redis, S3, ...): none has a fixed default
 * @param keycloak whether to start Keycloak (the local OIDC provider); off by default, since
 *        {@code @QuarkusTest}s use Quarkus' test security and it costs a minute to start
 * @param keycloakHome where Keycloak's dist is unpacked and built once; null for
 *        {@code $TMPDIR/lfp-keycloak}
 * @param keycloakRedirectOrigins the dashboard's origins the login may return to
 */
public record LocalInfraSettings(
        int pgPort,
        int kafkaPort,
        int kafkaControllerPort,
        int redisPort,
        int s3Port,
        Path dataDir,
        String pgDatabase,
        String bucket,
        String region,
        List<String> topics,
        int partitions,
        LocalSecrets secrets,
        boolean keycloak,
        int keycloakPort,
        Path keycloakHome,
        List<String> keycloakRedirectOrigins) {

    public LocalInfraSettings {
        topics = List.copyOf(topics);
        keycloakRedirectOrigins = List.copyOf(keycloakRedirectOrigins);
    }

    /** Free ports, throwaway data, the names of docs/architecture.md. */
    public static LocalInfraSettings defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean ephemeral() {
        return dataDir == null;
    }

    public static final class Builder {
        private int pgPort;
        private int kafkaPort;
        private int kafkaControllerPort;
        private int redisPort;
        private int s3Port;
        private Path dataDir;
        private String pgDatabase = "lfp";
        private String bucket = "lfp-uploads";
        private String region = "us-east-1";
        private List<String> topics = Topics.withDeadLetters(Topics.ALL);
        private int partitions = Topics.PARTITIONS;
        private LocalSecrets secrets;
        private boolean keycloak;
        private int keycloakPort;
        private Path keycloakHome;
        private List<String> keycloakRedirectOrigins = KeycloakServer.dashboardOrigins(8080);

        private Builder() {
        }

        public Builder pgPort(int port) {
            this.pgPort = port;
            return this;
        }

        public Builder kafkaPort(int port) {
            this.kafkaPort = port;
            return this;
        }

        public Builder kafkaControllerPort(int port) {
            this.kafkaControllerPort = port;
            return this;
        }

        public Builder redisPort(int port) {
            this.redisPort = port;
            return this;
        }

        public Builder s3Port(int port) {
            this.s3Port = port;
            return this;
        }

        /** Keep data in this directory across restarts; null for throwaway data. */
        public Builder dataDir(Path dir) {
            this.dataDir = dir;
            return this;
        }

        public Builder pgDatabase(String name) {
            this.pgDatabase = name;
            return this;
        }

        public Builder bucket(String name) {
            this.bucket = name;
            return this;
        }

        public Builder region(String name) {
            this.region = name;
            return this;
        }

        public Builder topics(List<String> names) {
            this.topics = names;
            return this;
        }

        public Builder partitions(int count) {
            this.partitions = count;
            return this;
        }

        /** The stack's credentials; without it, fresh random ones ({@link LocalSecrets#random()}). */
        public Builder secrets(LocalSecrets secrets) {
            this.secrets = secrets;
            return this;
        }

        /** Start Keycloak with the project's realm too. */
        public Builder keycloak(boolean start) {
            this.keycloak = start;
            return this;
        }

        /** Keycloak's HTTP port on 127.0.0.1; 0 for a free one. */
        public Builder keycloakPort(int port) {
            this.keycloakPort = port;
            return this;
        }

        /** Where Keycloak's dist is unpacked and built once (shared by stacks). */
        public Builder keycloakHome(Path dir) {
            this.keycloakHome = dir;
            return this;
        }

        /** The dashboard's origins, e.g. {@code http://127.0.0.1:8080}: the login returns to {@code <origin>/*}. */
        public Builder keycloakRedirectOrigins(List<String> origins) {
            this.keycloakRedirectOrigins = origins;
            return this;
        }

        public LocalInfraSettings build() {
            return new LocalInfraSettings(pgPort, kafkaPort, kafkaControllerPort, redisPort, s3Port, dataDir,
                    pgDatabase, bucket, region, topics, partitions,
                    secrets != null ? secrets : LocalSecrets.random(),
                    keycloak, keycloakPort, keycloakHome, keycloakRedirectOrigins);
        }
    }
}
