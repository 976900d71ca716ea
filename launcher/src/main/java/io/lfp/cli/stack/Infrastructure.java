package io.lfp.cli.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to run local-infra's {@code LocalInfraMain} (PostgreSQL, Kafka, Redis, S3 in one process)
 * and the fixed names it creates. Its credentials are random per stack: local-infra writes them into the stack's
 * secrets file ({@link StackSettings#secretsFile()}), which the launcher reads ({@link StackSecrets}).
 */
public final class Infrastructure {
    public static final String NAME = "local-infra";
    public static final String MAIN_CLASS = "io.lfp.localinfra.LocalInfraMain";
    /** LocalInfraMain prints a line starting with this once all four servers accept connections. */
    public static final String READY_PREFIX = "READY ";

    /** The READY line's key for the issuer URL of the Keycloak local-infra started (absent with --no-keycloak). */
    public static final String READY_OIDC = "oidc";

    public static final String PG_DATABASE = "lfp";
    public static final String S3_REGION = "us-east-1";
    public static final String S3_BUCKET = "lfp-uploads";

    /** Kafka's broker runs in this JVM; PostgreSQL, Redis and S3 are child processes with their own memory. */
    static final String HEAP = "-Xmx768m";

    private Infrastructure() {
    }

    public static Path jar(Path repoRoot) {
        return repoRoot.resolve("local-infra/target/local-infra.jar");
    }

    /**
     * Where a throwaway (test) or benchmark stack's local-infra writes the loopback port of its fault-injection
     * control (local-infra's {@code FaultControl}: "stop pg", "stop redis", …; {@link InfraControl} sends them).
     * {@code ./lfp up}'s stack has none ({@link #takesFaultCommands}).
     */
    public static Path controlPortFile(StackSettings settings) {
        return settings.runDir().resolve(NAME + ".control-port");
    }

    /**
     * Throwaway test stacks and the benchmark's private stack (state outside {@code <repo>/.lfp}) open the fault
     * control: their tests stop and restart a server, the benchmark's read phase stops Redis. {@code ./lfp up}'s own
     * stack ({@link StackSettings#localDefaults}) never does.
     */
    static boolean takesFaultCommands(StackSettings settings) {
        return settings.ephemeral() || !settings.stateDir().equals(settings.repoRoot().resolve(".lfp"));
    }

    static List<String> command(StackSettings settings, String javaExecutable) {
        Path target = settings.repoRoot().resolve("local-infra/target");
        String classpath = jar(settings.repoRoot()) + File.pathSeparator + target.resolve("lib") + File.separator + "*";
        // C1 only, as for the services (Service.JIT): the broker's C2 compiles compete with PostgreSQL
        List<String> command = new ArrayList<>(List.of(javaExecutable, HEAP, Service.JIT, "-cp", classpath, MAIN_CLASS));
        if (settings.ephemeral()) {
            command.add("--ephemeral");
        } else {
            command.add("--data-dir");
            command.add(settings.dataDir().toAbsolutePath().toString());
        }
        if (takesFaultCommands(settings)) {
            command.add("--control-port-file");
            command.add(controlPortFile(settings).toAbsolutePath().toString());
        }
        command.add("--secrets-file");
        command.add(settings.secretsFile().toAbsolutePath().toString());
        if (settings.localKeycloak()) {
            // the login may return to the dashboard's origins on its port
            command.addAll(List.of("--keycloak-port", Integer.toString(settings.keycloakPort()),
                    "--dashboard-port", Integer.toString(settings.dashboardPort())));
        } else {
            command.add("--no-keycloak");
        }
        command.addAll(List.of(
                "--pg-port", Integer.toString(settings.pgPort()),
                "--kafka-port", Integer.toString(settings.kafkaPort()),
                "--redis-port", Integer.toString(settings.redisPort()),
                "--s3-port", Integer.toString(settings.s3Port())));
        return command;
    }

    /**
     * The key=value pairs of the READY line in local-infra's log ({@code READY pg=… kafka=… oidc=…}); empty when
     * it has printed none yet. The log is truncated at each start, so the line is this run's.
     */
    public static Map<String, String> readyValues(Path log) {
        try (var lines = Files.lines(log, StandardCharsets.ISO_8859_1)) {
            return lines.filter(line -> line.startsWith(READY_PREFIX)).reduce((first, second) -> second)
                    .map(Infrastructure::parseReadyLine).orElse(Map.of());
        } catch (IOException | UncheckedIOException e) {
            return Map.of();
        }
    }

    static Map<String, String> parseReadyLine(String line) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String pair : line.substring(READY_PREFIX.length()).trim().split("\\s+")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                values.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return values;
    }
}
