package io.lfp.cli.stack;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to run local-infra's {@code LocalInfraMain} (PostgreSQL, Kafka, Redis, S3 in one process)
 * and the fixed names and credentials it creates.
 */
public final class Infrastructure {
    public static final String NAME = "local-infra";
    public static final String MAIN_CLASS = "io.lfp.localinfra.LocalInfraMain";
    /** LocalInfraMain prints a line starting with this once all four servers accept connections. */
    public static final String READY_PREFIX = "READY ";

    public static final String PG_DATABASE = "lfp";
    public static final String PG_USER = "lfp";
    public static final String PG_PASSWORD = "lfp";
    public static final String S3_REGION = "us-east-1";
    public static final String S3_BUCKET = "lfp-uploads";
    public static final String S3_ACCESS_KEY = "lfp-access-key";
    public static final String S3_SECRET_KEY = "lfp-secret-key";

    /** Kafka's broker runs in this JVM; PostgreSQL, Redis and S3 are child processes with their own memory. */
    static final String HEAP = "-Xmx768m";

    private Infrastructure() {
    }

    public static Path jar(Path repoRoot) {
        return repoRoot.resolve("local-infra/target/local-infra.jar");
    }

    /**
     * Where a throwaway (test) stack's local-infra writes the loopback port of its fault-injection control
     * (local-infra's {@code FaultControl}: "stop pg", "start s3", …). A kept-data stack has none.
     */
    public static Path controlPortFile(StackSettings settings) {
        return settings.runDir().resolve(NAME + ".control-port");
    }

    static List<String> command(StackSettings settings, String javaExecutable) {
        Path target = settings.repoRoot().resolve("local-infra/target");
        String classpath = jar(settings.repoRoot()) + File.pathSeparator + target.resolve("lib") + File.separator + "*";
        // C1 only, as for the services (Service.JIT): the broker's C2 compiles competed with PostgreSQL
        List<String> command = new ArrayList<>(List.of(javaExecutable, HEAP, Service.JIT, "-cp", classpath, MAIN_CLASS));
        if (settings.ephemeral()) {
            command.add("--ephemeral");
            // throwaway stacks are test stacks: their tests may stop and restart a server (fault tests)
            command.add("--control-port-file");
            command.add(controlPortFile(settings).toAbsolutePath().toString());
        } else {
            command.add("--data-dir");
            command.add(settings.dataDir().toAbsolutePath().toString());
        }
        command.addAll(List.of(
                "--pg-port", Integer.toString(settings.pgPort()),
                "--kafka-port", Integer.toString(settings.kafkaPort()),
                "--redis-port", Integer.toString(settings.redisPort()),
                "--s3-port", Integer.toString(settings.s3Port())));
        return command;
    }
}
