package io.lfp.cli.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

import io.lfp.cli.auth.ClientCredentials;

/**
 * The whole system on this machine as separate processes: local-infra (PostgreSQL, Kafka,
 * Redis, S3) and the four services, N ingest-workers. {@code ./lfp} and the end-to-end tests
 * both start it through this class.
 *
 * <p>
 * What runs is recorded in {@code <stateDir>/run/stack.json}, so {@link #status()} and
 * {@link #down()} work from another JVM than the one that ran {@link #up()}.
 */
public final class Stack {
    /**
     * First start unpacks PostgreSQL, formats Kafka's log directory and has Keycloak build itself and import the
     * realm: minutes on a slow disk or a busy 2-core machine.
     */
    public static final Duration INFRA_READY_TIMEOUT = Duration.ofMinutes(5);
    /** Five JVMs starting at once on two cores take a while. */
    public static final Duration SERVICE_READY_TIMEOUT = Duration.ofMinutes(4);
    /** How long a process gets to stop cleanly after SIGTERM. */
    public static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final int LOG_LINES_ON_FAILURE = 30;

    private final StackSettings settings;
    private final HealthWaiter healthWaiter = new HealthWaiter();
    private final String javaExecutable = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private Consumer<String> progress = message -> {
    };

    public Stack(StackSettings settings) {
        this.settings = settings;
    }

    public StackSettings settings() {
        return settings;
    }

    /** Receives one line per step of {@link #up()} and {@link #down()} ("starting upload-service…"). */
    public Stack onProgress(Consumer<String> listener) {
        this.progress = listener;
        return this;
    }

    /** True when any process recorded by an earlier {@link #up()} is still alive. */
    public boolean isRunning() {
        return RunState.read(settings.runDir()).map(state -> !liveProcesses(state).isEmpty()).orElse(false);
    }

    /**
     * Starts infrastructure, waits for its READY line, then starts every service at once and waits
     * until each answers UP on {@code /q/health/ready}. On any failure stops what it started and
     * throws a {@link StackException} naming the component and the tail of its log. On a stack that
     * is running already, starts only what has died ({@link #startMissing()}).
     */
    public void up() {
        if (isRunning()) {
            startMissing();
            return;
        }
        requireBuilt();
        PortGuard.requireFree(settings);
        prepareDirectories();
        RunState.delete(settings.runDir());
        RunState state = RunState.empty(settings);
        state.write(settings.runDir());
        try {
            ManagedProcess infra = startInfrastructure();
            state = state.with(infra, settings.pgPort(), null);
            state.write(settings.runDir());
            awaitReadyLine(infra);
            progress.accept("infrastructure ready (PostgreSQL :" + settings.pgPort() + ", Kafka :" + settings.kafkaPort()
                    + ", Redis :" + settings.redisPort() + ", S3 :" + settings.s3Port()
                    + (settings.localKeycloak() ? ", Keycloak " + oidcUrl() : "") + ")");

            List<Service> services = Service.all(settings);
            List<ManagedProcess> started = new ArrayList<>();
            for (Service service : services) {
                ManagedProcess process = startService(service);
                started.add(process);
                state = state.with(process, service.port(), service.healthUrl().toString());
                state.write(settings.runDir());
            }
            awaitAllReady(services, started);
        } catch (RuntimeException e) {
            progress.accept("start failed; stopping what was started");
            down();
            throw e;
        }
    }

    /**
     * On a running stack, starts again every process it recorded that is no longer alive, with the same name
     * and port, and waits until each is UP. Dead infrastructure takes the whole stack down and up again:
     * services are only useful with it, and it starts them anyway.
     *
     * @return the names of the processes started; empty when nothing had died
     */
    public List<String> startMissing() {
        Optional<RunState> recorded = RunState.read(settings.runDir());
        if (recorded.isEmpty()) {
            return List.of();
        }
        List<String> dead = dead(recorded.get());
        if (dead.isEmpty()) {
            return List.of();
        }
        if (dead.contains(Infrastructure.NAME)) {
            progress.accept(Infrastructure.NAME + " is not running: restarting the whole stack");
            down();
            up();
            return dead;
        }
        requireBuilt();
        RunState state = recorded.get();
        List<Service> services = new ArrayList<>();
        List<ManagedProcess> started = new ArrayList<>();
        for (RunState.RunningProcess recordedProcess : state.processes()) {
            if (dead.contains(recordedProcess.name())) {
                Service service = Service.named(recordedProcess.name(), recordedProcess.port());
                ManagedProcess process = startService(service);
                services.add(service);
                started.add(process);
                state = state.replacing(process, service.port(), service.healthUrl().toString());
                state.write(settings.runDir());
            }
        }
        awaitAllReady(services, started);
        return services.stream().map(Service::name).toList();
    }

    /** The processes recorded in {@code state} that are no longer alive, by name. */
    List<String> dead(RunState state) {
        return state.processes().stream().filter(p -> !alive(p)).map(RunState.RunningProcess::name).toList();
    }

    /**
     * One row per infrastructure server and per service; {@code not running} rows when nothing runs, a
     * {@code DEAD} row for a process of a running stack that has died.
     */
    public List<ComponentStatus> status() {
        Optional<RunState> state = RunState.read(settings.runDir());
        List<ComponentStatus> rows = new ArrayList<>();
        RunState.Settings ports = state.map(RunState::settings).orElse(RunState.Settings.of(settings));
        Optional<RunState.RunningProcess> infra = state.flatMap(s -> find(s, Infrastructure.NAME));
        long infraPid = infra.filter(this::alive).map(RunState.RunningProcess::pid).orElse(0L);
        long deadInfraPid = infra.filter(p -> !alive(p)).map(RunState.RunningProcess::pid).orElse(0L);
        rows.add(infraRow("postgresql", ports.pgPort(), infraPid, deadInfraPid));
        rows.add(infraRow("kafka", ports.kafkaPort(), infraPid, deadInfraPid));
        rows.add(infraRow("redis", ports.redisPort(), infraPid, deadInfraPid));
        rows.add(infraRow("s3", ports.s3Port(), infraPid, deadInfraPid));
        keycloakPort().ifPresent(port -> rows.add(infraRow("keycloak", port, infraPid, deadInfraPid)));
        List<RunState.RunningProcess> recordedServices = state.map(s -> s.processes().stream()
                .filter(p -> !p.name().equals(Infrastructure.NAME)).toList()).orElse(List.of());
        if (recordedServices.isEmpty()) {
            for (Service service : Service.all(settings)) {
                rows.add(new ComponentStatus(service.name(), service.port(), 0, ComponentStatus.NOT_RUNNING));
            }
        }
        for (RunState.RunningProcess service : recordedServices) {
            rows.add(serviceRow(service));
        }
        return rows;
    }

    /**
     * Stops the services (all at once), then the infrastructure: SIGTERM by PID, SIGKILL after
     * {@link #STOP_GRACE}. Idempotent.
     *
     * @return one line per process that was running ("stopped upload-service (pid 4242)"); empty when nothing ran
     */
    public List<String> down() {
        Optional<RunState> state = RunState.read(settings.runDir());
        if (state.isEmpty()) {
            return List.of();
        }
        List<ManagedProcess> live = liveProcesses(state.get());
        List<ManagedProcess> services = live.stream().filter(p -> !p.name().equals(Infrastructure.NAME)).toList();
        List<String> report = new ArrayList<>(stopAll(services));
        live.stream().filter(p -> p.name().equals(Infrastructure.NAME)).findFirst()
                .ifPresent(infra -> report.addAll(stopAll(List.of(infra))));
        RunState.delete(settings.runDir());
        return report;
    }

    /**
     * For tests: runs {@link #down()} when the JVM exits, so an aborted test run leaves no
     * servers behind.
     */
    public Stack downOnJvmExit() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::down, "lfp-stack-down"));
        return this;
    }

    /**
     * The issuer URL of the stack's OIDC provider: the external one of the settings, else the one local-infra's
     * READY line names ({@code oidc=…}).
     *
     * @throws StackException when local-infra is not ready or started no Keycloak
     */
    public String oidcUrl() {
        if (!settings.localKeycloak()) {
            return settings.externalOidcUrl();
        }
        String issuer = Infrastructure.readyValues(logFile(Infrastructure.NAME)).get(Infrastructure.READY_OIDC);
        if (issuer == null || issuer.isBlank()) {
            throw new StackException(Infrastructure.NAME + " reported no Keycloak (no oidc=… in its READY line in "
                    + logFile(Infrastructure.NAME) + "); set LFP_OIDC_URL to use another provider");
        }
        return issuer.replaceAll("/+$", "");
    }

    /** The port of the Keycloak local-infra started, when it did (from its READY line). */
    public Optional<Integer> keycloakPort() {
        if (!settings.localKeycloak()) {
            return Optional.empty();
        }
        String issuer = Infrastructure.readyValues(logFile(Infrastructure.NAME)).get(Infrastructure.READY_OIDC);
        if (issuer == null || issuer.isBlank()) {
            return Optional.empty();
        }
        int port = java.net.URI.create(issuer).getPort();
        return port > 0 ? Optional.of(port) : Optional.empty();
    }

    /** The stack's credentials, from the secrets file local-infra wrote ({@link StackSettings#secretsFile()}). */
    public StackSecrets secrets() {
        return StackSecrets.read(settings.secretsFile());
    }

    /**
     * Tokens of the launcher's own OIDC client ({@code lfp-cli}, role uploader) for calls to this stack's APIs;
     * LFP_OIDC_TOKEN_URL, LFP_CLI_CLIENT_ID and LFP_CLI_CLIENT_SECRET override the client for another provider.
     */
    public ClientCredentials cliTokens() {
        return ClientCredentials.forCli(this::oidcUrl, () -> secrets().oidcClientSecret(ClientCredentials.CLI_CLIENT_ID),
                System::getenv);
    }

    /** The log file of a process of this stack, e.g. {@code logFile("upload-service")}. */
    public Path logFile(String name) {
        return settings.logDir().resolve(name + ".log");
    }

    /** Jars that must exist before {@link #up()}; empty when everything is built. */
    public static List<Path> missingJars(Path repoRoot) {
        List<Path> jars = new ArrayList<>();
        jars.add(Infrastructure.jar(repoRoot));
        for (String module : Service.MODULES) {
            jars.add(Service.jar(repoRoot, module));
        }
        return jars.stream().filter(jar -> !Files.isRegularFile(jar)).toList();
    }

    private void requireBuilt() {
        List<Path> missing = missingJars(settings.repoRoot());
        if (!missing.isEmpty()) {
            throw new StackException("Not built yet: " + missing + ". Run `./mvnw -B -DskipTests install` in "
                    + settings.repoRoot() + " first.");
        }
    }

    private void prepareDirectories() {
        try {
            Files.createDirectories(settings.runDir());
            Files.createDirectories(settings.logDir());
            if (!settings.ephemeral()) {
                Files.createDirectories(settings.dataDir());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create " + settings.stateDir(), e);
        }
    }

    private ManagedProcess startInfrastructure() {
        progress.accept("starting " + Infrastructure.NAME + (settings.ephemeral() ? " (ephemeral data)"
                : " (data in " + settings.dataDir() + ")"));
        return ManagedProcess.start(Infrastructure.NAME, Infrastructure.command(settings, javaExecutable), Map.of(),
                settings.repoRoot(), logFile(Infrastructure.NAME), pidFile(Infrastructure.NAME));
    }

    private ManagedProcess startService(Service service) {
        progress.accept("starting " + service.name() + " on port " + service.port());
        return ManagedProcess.start(service.name(), service.command(settings, javaExecutable),
                service.environment(settings, secrets(), oidcUrl()), settings.repoRoot(), logFile(service.name()),
                pidFile(service.name()));
    }

    private void awaitReadyLine(ManagedProcess infra) {
        Instant deadline = Instant.now().plus(INFRA_READY_TIMEOUT);
        while (!hasReadyLine(infra.logFile())) {
            if (!infra.isAlive()) {
                throw new StackException(Infrastructure.NAME + " exited before it was ready\n"
                        + LogTail.describe(infra.logFile(), LOG_LINES_ON_FAILURE));
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackException(Infrastructure.NAME + " printed no READY line within "
                        + INFRA_READY_TIMEOUT.toSeconds() + " s\n" + LogTail.describe(infra.logFile(), LOG_LINES_ON_FAILURE));
            }
            HealthWaiter.sleep(Duration.ofMillis(250));
        }
    }

    static boolean hasReadyLine(Path log) {
        // The log is truncated at each start, so any READY line is this run's.
        try (var lines = Files.lines(log, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(line -> line.startsWith(Infrastructure.READY_PREFIX));
        } catch (IOException | UncheckedIOException e) {
            return false;
        }
    }

    private void awaitAllReady(List<Service> services, List<ManagedProcess> processes) {
        List<CompletableFuture<Void>> waits = new ArrayList<>();
        for (int i = 0; i < services.size(); i++) {
            Service service = services.get(i);
            ManagedProcess process = processes.get(i);
            waits.add(CompletableFuture.runAsync(() -> {
                healthWaiter.awaitUp(service.name(), service.healthUrl(), SERVICE_READY_TIMEOUT, process);
                progress.accept(service.name() + " is UP");
            }, runnable -> new Thread(runnable, "wait-" + service.name()).start()));
        }
        List<String> failures = new ArrayList<>();
        for (CompletableFuture<Void> wait : waits) {
            try {
                wait.join();
            } catch (CompletionException e) {
                failures.add(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new StackException(String.join("\n", failures));
        }
    }

    private List<String> stopAll(List<ManagedProcess> processes) {
        List<CompletableFuture<String>> stops = processes.stream()
                .map(process -> CompletableFuture.supplyAsync(() -> stop(process),
                        runnable -> new Thread(runnable, "stop-" + process.name()).start()))
                .toList();
        return stops.stream().map(CompletableFuture::join).toList();
    }

    private String stop(ManagedProcess process) {
        progress.accept("stopping " + process.name() + " (pid " + process.pid() + ")");
        return switch (process.stop(STOP_GRACE)) {
            case STOPPED -> "stopped " + process.name() + " (pid " + process.pid() + ")";
            case KILLED -> "killed " + process.name() + " (pid " + process.pid() + ") after it ignored SIGTERM for "
                    + STOP_GRACE.toSeconds() + " s";
            case NOT_RUNNING -> process.name() + " (pid " + process.pid() + ") had already exited";
        };
    }

    private List<ManagedProcess> liveProcesses(RunState state) {
        return state.processes().stream()
                .map(p -> ManagedProcess.attach(p.name(), p.pid(), Instant.parse(p.startedAt()), Path.of(p.log())))
                .flatMap(Optional::stream)
                .toList();
    }

    private boolean alive(RunState.RunningProcess process) {
        return ManagedProcess.attach(process.name(), process.pid(), Instant.parse(process.startedAt()), Path.of(process.log()))
                .isPresent();
    }

    private static Optional<RunState.RunningProcess> find(RunState state, String name) {
        return state.processes().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static ComponentStatus infraRow(String name, int port, long infraPid, long deadInfraPid) {
        if (deadInfraPid != 0) {
            return ComponentStatus.dead(name, port, deadInfraPid);
        }
        if (infraPid == 0) {
            return new ComponentStatus(name, port, 0, ComponentStatus.NOT_RUNNING);
        }
        return new ComponentStatus(name, port, infraPid, PortGuard.accepts(port) ? ComponentStatus.UP : ComponentStatus.DOWN);
    }

    private ComponentStatus serviceRow(RunState.RunningProcess service) {
        if (!alive(service)) {
            return ComponentStatus.dead(service.name(), service.port(), service.pid());
        }
        HealthWaiter.Health health = healthWaiter.check(java.net.URI.create(service.healthUrl()));
        return new ComponentStatus(service.name(), service.port(), service.pid(),
                health == HealthWaiter.Health.UP ? ComponentStatus.UP : ComponentStatus.DOWN);
    }

    private Path pidFile(String name) {
        return settings.runDir().resolve(name + ".pid");
    }
}
