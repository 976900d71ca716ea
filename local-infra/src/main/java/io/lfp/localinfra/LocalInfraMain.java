package io.lfp.localinfra;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The local infrastructure as a background process, for the {@code ./lfp} launcher:
 *
 * <pre>
 * java -cp local-infra/target/local-infra.jar:local-infra/target/lib/* io.lfp.localinfra.LocalInfraMain \
 *      --data-dir .lfp/data [--pg-port 15432 --kafka-port 19092 --redis-port 16379 --s3-port 19000]
 *      [--keycloak-port 18080 --keycloak-home DIR --dashboard-port 8080 | --no-keycloak]
 * </pre>
 *
 * Prints one line per server, then {@code READY pg=... kafka=... redis=... s3=... oidc=...} on stdout, and
 * runs until SIGTERM/SIGINT, which stops everything cleanly (exit code 0). With
 * {@code --control-port-file FILE} (tests only) it also takes fault-injection commands ({@link FaultControl}).
 */
public final class LocalInfraMain {

    private LocalInfraMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        configureSimpleLogger();
        LocalInfraSettings settings;
        Path controlPortFile;
        try {
            settings = parse(args);
            controlPortFile = controlPortFile(args);
        } catch (IllegalArgumentException e) {
            System.err.println("local-infra: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
            return;
        }
        LocalInfrastructure infra;
        try {
            infra = new LocalInfrastructure(settings).start();
        } catch (RuntimeException e) {
            System.err.println("local-infra: start failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        FaultControl control = controlPortFile == null ? null : FaultControl.start(infra, controlPortFile);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("local-infra: stopping");
            if (control != null) {
                control.close();
            }
            infra.close();
            System.out.println("local-infra: stopped");
            System.out.flush();
            stopped.countDown();
            // a JVM ended by SIGTERM exits 143 even after a clean shutdown; the launcher expects 0
            Runtime.getRuntime().halt(0);
        }, "lfp-local-infra-main-stop"));
        System.out.println(readyLine(infra));
        System.out.flush();
        stopped.await();
    }

    /** One line the launcher can wait for and parse: space-separated key=value after "READY ". */
    static String readyLine(LocalInfrastructure infra) {
        return "READY pg=" + infra.pgHost() + ":" + infra.pgPort() + "/" + infra.pgDatabase()
                + " kafka=" + infra.kafkaBootstrap()
                + " redis=" + infra.redisUrl()
                + " s3=" + infra.s3Endpoint() + "/" + infra.bucket()
                + (infra.oidcIssuer() == null ? "" : " oidc=" + infra.oidcIssuer())
                + " data=" + (infra.dataDir() == null ? "" : infra.dataDir());
    }

    static LocalInfraSettings parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        boolean ephemeral = false;
        boolean keycloak = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--ephemeral" -> ephemeral = true;
                case "--no-keycloak" -> keycloak = false;
                case "--control-port-file" -> i++; // read by controlPortFile
                case "--data-dir", "--secrets-file", "--pg-port", "--kafka-port", "--redis-port", "--s3-port",
                        "--keycloak-port", "--keycloak-home", "--dashboard-port" -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException(a + " needs a value");
                    }
                    opts.put(a, args[++i]);
                }
                case "-h", "--help" -> throw new IllegalArgumentException("help");
                default -> throw new IllegalArgumentException("unknown argument " + a);
            }
        }
        if (ephemeral == opts.containsKey("--data-dir")) {
            throw new IllegalArgumentException("give exactly one of --data-dir DIR or --ephemeral");
        }
        Path dataDir = ephemeral ? null : Path.of(opts.get("--data-dir"));
        // generated on the first start and kept with the data they protect, readable by the owner only
        Path secretsFile = opts.containsKey("--secrets-file") ? Path.of(opts.get("--secrets-file"))
                : dataDir == null ? null : dataDir.resolve("secrets.properties");
        // the dist is unpacked and built once beside the data dir (.lfp/keycloak for .lfp/data)
        Path keycloakHome = opts.containsKey("--keycloak-home") ? Path.of(opts.get("--keycloak-home"))
                : dataDir == null ? null : dataDir.toAbsolutePath().getParent().resolve("keycloak");
        return LocalInfraSettings.builder()
                .dataDir(dataDir)
                .secrets(secretsFile == null ? LocalSecrets.random() : LocalSecrets.loadOrCreate(secretsFile))
                .pgPort(port(opts, "--pg-port", "LFP_PG_PORT", 15432))
                .kafkaPort(port(opts, "--kafka-port", "LFP_KAFKA_PORT", 19092))
                .redisPort(port(opts, "--redis-port", "LFP_REDIS_PORT", 16379))
                .s3Port(port(opts, "--s3-port", "LFP_S3_PORT", 19000))
                .keycloak(keycloak)
                .keycloakPort(port(opts, "--keycloak-port", "LFP_KEYCLOAK_PORT", 18080))
                .keycloakHome(keycloakHome)
                .keycloakRedirectOrigins(KeycloakServer.dashboardOrigins(
                        port(opts, "--dashboard-port", "LFP_DASHBOARD_PORT", 8080)))
                .build();
    }

    /**
     * {@code --control-port-file FILE}: open the fault-injection port ({@link FaultControl}) and write its
     * number into FILE; null (no control port) without it.
     */
    static Path controlPortFile(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--control-port-file")) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("--control-port-file needs a value");
                }
                return Path.of(args[i + 1]);
            }
        }
        return null;
    }

    private static int port(Map<String, String> opts, String option, String env, int fallback) {
        String value = opts.getOrDefault(option, System.getenv(env));
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " (or " + env + ") is not a port: " + value);
        }
    }

    private static String usage() {
        return "usage: LocalInfraMain (--data-dir DIR | --ephemeral) [--secrets-file FILE] [--pg-port N] [--kafka-port N]"
                + " [--redis-port N] [--s3-port N] [--control-port-file FILE]"
                + " [--keycloak-port N] [--keycloak-home DIR] [--dashboard-port N] [--no-keycloak]"
                + "\n  ports default to $LFP_PG_PORT/$LFP_KAFKA_PORT/$LFP_REDIS_PORT/$LFP_S3_PORT/$LFP_KEYCLOAK_PORT/"
                + "$LFP_DASHBOARD_PORT, else 15432/19092/16379/19000/18080/8080;"
                + "\n  --keycloak-home defaults to DATA_DIR/../keycloak ($TMPDIR/lfp-keycloak with --ephemeral)";
    }

    /** slf4j-simple: our own lines to stdout, servers only when something is wrong. */
    private static void configureSimpleLogger() {
        setDefault("org.slf4j.simpleLogger.logFile", "System.out");
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefault("org.slf4j.simpleLogger.log.io.lfp.localinfra", "info");
        setDefault("org.slf4j.simpleLogger.showThreadName", "false");
        setDefault("org.slf4j.simpleLogger.showLogName", "false");
        setDefault("org.slf4j.simpleLogger.showShortLogName", "false");
        setDefault("org.slf4j.simpleLogger.levelInBrackets", "true");
        // log4j-api (used by a corner of the Kafka server) without an implementation: no warning banner
        setDefault("log4j2.loggerContextFactory", "org.apache.logging.log4j.simple.SimpleLoggerContextFactory");
        setDefault("org.apache.logging.log4j.simplelog.StatusLogger.level", "OFF");
        setDefault("log4j2.StatusLogger.level", "OFF");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
