package io.lfp.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.lfp.cli.generate.GenerateCommand;
import io.lfp.cli.ingest.IngestCommand;
import io.lfp.cli.ingest.UploadClient;
import io.lfp.cli.stack.ComponentStatus;
import io.lfp.cli.stack.Service;
import io.lfp.cli.stack.Stack;
import io.lfp.cli.stack.StackException;
import io.lfp.cli.stack.StackSecrets;
import io.lfp.cli.stack.StackSettings;

/** {@code ./lfp}: the product's command line. See {@link Usage#TEXT}. */
public final class Lfp {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    /** Set by the ./lfp script; without it the checkout is found from this jar's place in launcher/target. */
    static final String HOME_PROPERTY = "lfp.home";

    private final Path repoRoot;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean terminal;

    Lfp(Path repoRoot, PrintStream out, PrintStream err, boolean terminal) {
        this.repoRoot = repoRoot;
        this.out = out;
        this.err = err;
        this.terminal = terminal;
    }

    public static void main(String[] args) {
        int status = new Lfp(repoRoot(), System.out, System.err, System.console() != null).run(args);
        System.out.flush();
        System.exit(status);
    }

    int run(String... args) {
        if (args.length > 0 && args[0].equals("generate")) {
            return generate(List.of(args).subList(1, args.length));
        }
        Invocation invocation;
        try {
            invocation = Invocation.parse(args);
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.println();
            err.print(Usage.TEXT);
            return EXIT_USAGE;
        }
        try {
            return switch (invocation.command()) {
                case HELP -> help();
                case UP -> up(invocation);
                case STATUS -> status();
                case DOWN -> down();
                case LOGS -> logs(invocation);
                case INGEST -> ingest(invocation);
                case RETRY -> retry(invocation);
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            return EXIT_USAGE;
        } catch (StackException | UncheckedIOException | IllegalStateException e) {
            err.println(e.getMessage());
            return EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_FAILURE;
        }
    }

    private int generate(List<String> args) {
        GenerateCommand.Arguments arguments;
        try {
            arguments = GenerateCommand.Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.println();
            err.print(Usage.TEXT);
            return EXIT_USAGE;
        }
        try {
            GenerateCommand.run(arguments, out);
            return EXIT_OK;
        } catch (UncheckedIOException e) {
            err.println(e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause().getMessage()));
            return EXIT_FAILURE;
        }
    }

    private int help() {
        out.print(Usage.TEXT);
        return EXIT_OK;
    }

    private int up(Invocation invocation) {
        Stack stack = stack(invocation.workers());
        if (stack.isRunning()) {
            List<String> started = stack.onProgress(message -> err.println("  " + message)).startMissing();
            out.println((started.isEmpty() ? "Already running"
                    : "Running again; started what had stopped: "
                            + String.join(", ", started))
                    + (invocation.workersGiven() ? " (--workers ignored; ./lfp down first to change it)" : "") + ":");
            out.print(StatusTable.format(stack.status()));
            return EXIT_OK;
        }
        start(stack);
        printUrls(stack);
        return EXIT_OK;
    }

    private int status() {
        Stack stack = stack(StackSettings.DEFAULT_WORKERS);
        List<ComponentStatus> rows = stack.status();
        out.print(StatusTable.format(rows));
        return EXIT_OK;
    }

    private int down() {
        List<String> stopped = stack(StackSettings.DEFAULT_WORKERS).down();
        if (stopped.isEmpty()) {
            out.println("Nothing to stop: the stack is not running.");
        } else {
            stopped.forEach(out::println);
        }
        return EXIT_OK;
    }

    private int logs(Invocation invocation) throws UsageException, InterruptedException {
        LogsCommand logs = new LogsCommand(stack(StackSettings.DEFAULT_WORKERS).settings().logDir(), out);
        List<Path> selected = logs.select(invocation.argument());
        if (invocation.follow()) {
            if (selected.size() != 1) {
                throw new UsageException("logs -f follows one log; '" + invocation.argument() + "' matches "
                        + selected.size() + ": " + selected);
            }
            logs.follow(selected.get(0));
        } else {
            logs.print(selected);
        }
        return EXIT_OK;
    }

    private int ingest(Invocation invocation) throws InterruptedException, UsageException {
        Path file = Path.of(invocation.argument()).toAbsolutePath();
        String unreadable = IngestCommand.unreadableReason(file);
        if (unreadable != null) {
            throw new UsageException(unreadable);
        }
        Stack stack = stack(invocation.workers());
        if (stack.isRunning()) {
            if (invocation.workersGiven()) {
                err.println("The stack is already running; --workers ignored (./lfp down first to change it).");
            }
            stack.onProgress(message -> err.println("  " + message)).startMissing();
        } else {
            start(stack);
        }
        StackSettings settings = stack.settings();
        UploadClient client = new UploadClient(settings.uploadApiUrl(), settings.aggregatesUrl(), stack.cliTokens());
        return new IngestCommand(client, settings.dashboardUrl(), out, err, terminal).run(file);
    }

    /** Retries a FAILED upload on the running stack and follows it like {@code ingest}. */
    private int retry(Invocation invocation) throws InterruptedException {
        Stack stack = stack(StackSettings.DEFAULT_WORKERS);
        if (!stack.isRunning()) {
            err.println("The stack is not running: ./lfp up first.");
            return EXIT_FAILURE;
        }
        StackSettings settings = stack.settings();
        UploadClient client = new UploadClient(settings.uploadApiUrl(), settings.aggregatesUrl(), stack.cliTokens());
        return new IngestCommand(client, settings.dashboardUrl(), out, err, terminal).retry(invocation.argument());
    }

    private void start(Stack stack) {
        StackSettings settings = stack.settings();
        err.println("Starting the stack (" + settings.workers() + " ingest-worker" + (settings.workers() == 1 ? "" : "s")
                + "); logs in " + relative(settings.logDir()) + " …");
        // Ctrl-C reaches only the launcher (the children run in their own sessions): then stop
        // whatever this half-finished start left running rather than orphan it.
        Thread stopOnCtrlC = new Thread(() -> {
            err.println("Interrupted: stopping what was started.");
            stack.down().forEach(line -> err.println("  " + line));
        }, "lfp-abort-up");
        Runtime.getRuntime().addShutdownHook(stopOnCtrlC);
        try {
            stack.onProgress(message -> err.println("  " + message)).up();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnCtrlC);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running down()
            }
        }
    }

    private void printUrls(Stack stack) {
        StackSettings s = stack.settings();
        out.println();
        out.println("The Large File Processor is running (" + s.workers() + " ingest-worker" + (s.workers() == 1 ? "" : "s")
                + ").");
        out.println("  Dashboard        " + s.dashboardUrl());
        out.println("  Upload API       " + s.uploadApiUrl() + "   (POST ?filename=NAME, the CSV as the body)");
        out.println("  Aggregates API   " + s.aggregatesUrl() + "?top=10");
        out.println("  Swagger UI       " + String.join("\n                   ",
                Service.all(s).stream().filter(svc -> !svc.name().startsWith(Service.INGEST_WORKER + "-")
                        || svc.name().equals(Service.INGEST_WORKER + "-1"))
                        .map(svc -> svc.swaggerUiUrl() + "  (" + svc.name() + ")").toList()));
        out.println("  Health, metrics  /q/health/ready, /q/metrics on each service's management port (HTTP port + 1000)");
        out.println("  PostgreSQL       " + s.jdbcUrl() + " (user " + StackSecrets.PG_SUPERUSER
                + ", password: key pg.superuser.password)");
        out.println("  Secrets          " + relative(s.secretsFile()) + "   (generated on the first start, owner-only)");
        out.println("  Logs             " + relative(s.logDir()) + "   (./lfp logs [SERVICE])");
        out.println("  Data             " + relative(s.dataDir()));
        out.println();
        printLogin(stack);
        out.println("Upload a file with ./lfp ingest FILE (it logs in by itself); stop everything with ./lfp down.");
    }

    /**
     * How a person logs in. The password is not printed: a terminal's scrollback, a CI log or a shared screen would
     * keep it, while the owner-only file keeps it from everyone else; the command to read it is one copy away.
     */
    private void printLogin(Stack stack) {
        StackSettings s = stack.settings();
        if (!s.localKeycloak()) {
            out.println("Log in to " + s.dashboardUrl() + " through your provider " + s.externalOidcUrl() + ".");
            return;
        }
        String secrets = relative(s.secretsFile()).toString();
        String issuer = stack.oidcUrl();
        out.println("Log in to " + s.dashboardUrl() + " as user admin; the password:");
        out.println("    grep oidc.admin.password " + secrets);
        out.println("  Keycloak admin console  " + issuer.replaceFirst("/realms/[^/]+$", "") + "/admin/"
                + "   (user admin, password: grep keycloak.admin.password " + secrets + ")");
    }

    /** The local stack; with LFP_OIDC_URL set, its services trust that provider and local-infra starts no Keycloak. */
    private Stack stack(int workers) {
        return new Stack(StackSettings.localDefaults(repoRoot, workers).withExternalOidc(System.getenv("LFP_OIDC_URL")));
    }

    private Path relative(Path path) {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = path.toAbsolutePath();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute) : absolute;
    }

    static Path repoRoot() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home != null && !home.isBlank()) {
            return Path.of(home).toAbsolutePath().normalize();
        }
        try {
            // launcher/target/lfp-launcher.jar → the checkout is two levels above target/
            Path jar = Path.of(Lfp.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path candidate = jar.getParent().getParent().getParent();
            if (candidate != null && Files.isRegularFile(candidate.resolve("mvnw"))) {
                return candidate;
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Path.of("").toAbsolutePath();
    }
}
