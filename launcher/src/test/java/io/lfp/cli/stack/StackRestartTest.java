package io.lfp.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stack some of whose processes died: {@code status} shows them DEAD with their PID, {@code up} starts
 * exactly those again. The services are {@link FakeService}s behind jars at the paths the stack runs.
 */
class StackRestartTest {
    @TempDir
    Path repo;

    private Stack stack;

    @AfterEach
    void stopEverything() {
        if (stack != null) {
            stack.down();
        }
    }

    @Test
    void statusShowsADeadServiceAsDeadAndUpStartsOnlyWhatIsMissing() throws Exception {
        fakeJars();
        StackSettings settings = StackSettings.ephemeralOnFreePorts(repo, repo.resolve(".lfp"), 1);
        stack = new Stack(settings);
        // a stack whose infrastructure runs (a sleeper stands in for it, having printed its READY line and
        // written the secrets) and whose services all came up
        ManagedProcess infra = ManagedProcess.start(Infrastructure.NAME, List.of("sh", "-c",
                "echo READY pg=127.0.0.1:1/lfp oidc=http://127.0.0.1:1/realms/lfp; exec sleep 300"),
                java.util.Map.of(), repo, stack.logFile(Infrastructure.NAME), settings.runDir().resolve("local-infra.pid"));
        writeSecrets(settings.secretsFile());
        while (!Stack.hasReadyLine(stack.logFile(Infrastructure.NAME))) {
            HealthWaiter.sleep(Duration.ofMillis(50));
        }
        RunState state = RunState.empty(settings).with(infra, settings.pgPort(), null);
        for (Service service : Service.all(settings)) {
            ManagedProcess process = ManagedProcess.start(service.name(), service.command(settings, java()),
                    service.environment(settings, stack.secrets(), stack.oidcUrl()), repo, stack.logFile(service.name()),
                    settings.runDir().resolve(service.name() + ".pid"));
            state = state.with(process, service.port(), service.healthUrl().toString());
        }
        state.write(settings.runDir());
        for (Service service : Service.all(settings)) {
            new HealthWaiter().awaitUp(service.name(), service.healthUrl(), Duration.ofSeconds(60), null);
        }

        RunState.RunningProcess upload = recorded(settings, Service.UPLOAD);
        ProcessHandle killed = ProcessHandle.of(upload.pid()).orElseThrow();
        killed.destroyForcibly(); // kill -9
        killed.onExit().get();

        assertTrue(stack.isRunning());
        ComponentStatus dead = row(Service.UPLOAD);
        assertEquals(new ComponentStatus(Service.UPLOAD, settings.uploadPort(), upload.pid(),
                "DEAD (pid " + upload.pid() + " not running)"), dead);
        assertTrue(dead.dead());
        assertEquals(ComponentStatus.UP, row(Service.AGGREGATE).health());
        long aggregatePid = recorded(settings, Service.AGGREGATE).pid();

        assertEquals(List.of(Service.UPLOAD), stack.startMissing());

        RunState.RunningProcess restarted = recorded(settings, Service.UPLOAD);
        assertNotEquals(upload.pid(), restarted.pid());
        assertEquals(new ComponentStatus(Service.UPLOAD, settings.uploadPort(), restarted.pid(), ComponentStatus.UP),
                row(Service.UPLOAD));
        assertEquals(aggregatePid, recorded(settings, Service.AGGREGATE).pid(), "a live service is left alone");
        assertEquals(Service.all(settings).size() + 1, RunState.read(settings.runDir()).orElseThrow().processes().size());
        assertFalse(stack.status().stream().anyMatch(ComponentStatus::dead));

        // up() on a stack with nothing missing starts nothing
        stack.up();
        assertEquals(restarted.pid(), recorded(settings, Service.UPLOAD).pid());
    }

    @Test
    void infrastructureRowsOfADeadInfrastructureAreDead() throws Exception {
        StackSettings settings = StackSettings.ephemeralOnFreePorts(repo, repo.resolve(".lfp"), 1);
        stack = new Stack(settings);
        ManagedProcess infra = ManagedProcess.start(Infrastructure.NAME, List.of("sleep", "300"), java.util.Map.of(),
                repo, stack.logFile(Infrastructure.NAME), settings.runDir().resolve("local-infra.pid"));
        ManagedProcess worker = ManagedProcess.start("ingest-worker-1", List.of("sleep", "300"), java.util.Map.of(),
                repo, stack.logFile("ingest-worker-1"), settings.runDir().resolve("ingest-worker-1.pid"));
        RunState.empty(settings).with(infra, settings.pgPort(), null)
                .with(worker, settings.workerPorts().get(0),
                        "http://127.0.0.1:" + settings.workerPorts().get(0) + "/q/health/ready")
                .write(settings.runDir());
        infra.stop(Duration.ofSeconds(10));

        for (String name : List.of("postgresql", "kafka", "redis", "s3")) {
            assertEquals("DEAD (pid " + infra.pid() + " not running)", row(name).health(), name);
        }
        assertEquals(worker.pid(), row("ingest-worker-1").pid());
        assertEquals(List.of(Infrastructure.NAME), stack.dead(RunState.read(settings.runDir()).orElseThrow()));
    }

    private static void writeSecrets(Path file) throws IOException {
        StringBuilder text = new StringBuilder("redis.password=r\ns3.access-key=a\ns3.secret-key=s\n"
                + "oidc.lfp-dashboard.secret=d\n");
        for (String module : Service.MODULES) {
            text.append("pg.").append(module).append(".password=p\nkafka.").append(module).append(".password=k\n");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private ComponentStatus row(String name) {
        return stack.status().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    private static RunState.RunningProcess recorded(StackSettings settings, String name) {
        return RunState.read(settings.runDir()).orElseThrow().processes().stream().filter(p -> p.name().equals(name))
                .findFirst().orElseThrow();
    }

    /** Jars at the paths the stack runs, each starting {@link FakeService} from the test classes. */
    private void fakeJars() throws IOException {
        Path classes = Path.of(FakeService.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
        List<Path> jars = new java.util.ArrayList<>(List.of(Infrastructure.jar(repo)));
        Service.MODULES.forEach(module -> jars.add(Service.jar(repo, module)));
        for (Path jar : jars) {
            Files.createDirectories(jar.getParent());
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out, manifest)) {
                // the manifest is the whole jar
            }
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
