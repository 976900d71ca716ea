package io.lfp.ingest;

import io.lfp.ingest.domain.ProductRow;
import io.lfp.ingest.repository.StagingRepository;
import io.lfp.localinfra.LocalInfraTestResource;
import io.lfp.localinfra.LocalInfrastructure;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgBuilder;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Not a test (surefire does not pick it up by name): what staging rows costs in CPU, the worker JVM's and
 * PostgreSQL's, through the former path (Vert.x reactive client, {@code INSERT … SELECT * FROM unnest(…)} in
 * batches of 20,000, two in flight; kept here only to compare) and through COPY FROM STDIN over pgjdbc, in
 * text format (an encoder kept here only to compare) and in binary format (the worker's
 * {@link StagingRepository#copy}). Every chunk of 43,000 rows is one transaction, as in the worker. Run it:
 *
 * <pre>./mvnw -B -o -q -pl ingest-worker -am test -Dtest=StagingCostBench -Dsurefire.failIfNoSpecifiedTests=false</pre>
 *
 * It prints (and writes to target/staging-cost.txt) per round: wall time, CPU of the JVM threads doing the
 * work (the bench thread, Vert.x event loops, GC and JIT; the in-process Kafka broker of the local
 * infrastructure is left out), CPU of the whole JVM process, and CPU of PostgreSQL (postmaster, its live
 * children, and its exited children's cutime+cstime) from /proc.
 */
class StagingCostBench {

    private static final int ROWS = Integer.getInteger("bench.rows", 500_000);
    private static final int CHUNK_ROWS = 43_000;
    private static final int WARM_UP_ROUNDS = Integer.getInteger("bench.warmup", 2);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 3);
    private static final long TICK_NS = 10_000_000L; // USER_HZ = 100 on Linux
    private static final String THREAD = "staging-bench";
    /** The former staging insert. */
    private static final String INSERT_UNNEST = """
            INSERT INTO %s (record_number, sku, name, description)
            SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[])""";

    private final List<String> report = new ArrayList<>();
    private String fingerprint;

    interface StagingPath {
        void stage(String table, List<ProductRow> chunk) throws Exception;
    }

    @Test
    void measure() throws Exception {
        LocalInfrastructure infra = LocalInfraTestResource.infra();
        List<ProductRow> rows = generate(ROWS);
        long bytes = rows.stream().mapToLong(r -> r.sku().length() + r.name().length() + r.description().length() + 10)
                .sum();
        print("%,d rows, ~%,d bytes, chunks of %,d rows, %d warm-up + %d measured rounds per path", ROWS, bytes,
                CHUNK_ROWS, WARM_UP_ROUNDS, ROUNDS);

        Vertx vertx = Vertx.vertx();
        Pool pool = PgBuilder.pool()
                .with(new PoolOptions().setMaxSize(2))
                .connectingTo(new PgConnectOptions().setHost(infra.pgHost()).setPort(infra.pgPort())
                        .setDatabase(infra.pgDatabase()).setUser(infra.pgUser()).setPassword(infra.pgPassword()))
                .using(vertx).build();
        StagingRepository staging = new StagingRepository();
        try (Connection jdbc = DriverManager.getConnection(infra.jdbcUrl(), infra.pgUser(), infra.pgPassword())) {
            long postmaster = postmasterPid(jdbc);
            StagingPath insert = (table, chunk) -> insertUnnest(pool, table, chunk);
            StagingPath copyText = (table, chunk) -> inTransaction(jdbc, () -> copyText(jdbc, table, chunk));
            StagingPath copyBinary = (table, chunk) -> inTransaction(jdbc,
                    () -> staging.copy(jdbc, uploadOf(table), CopyRows.of(chunk), 65536));
            String[] names = { "insert-unnest", "copy-text", "copy-binary" };
            StagingPath[] paths = { insert, copyText, copyBinary };
            for (int round = 0; round < WARM_UP_ROUNDS; round++) {
                for (int p = 0; p < paths.length; p++) {
                    run(jdbc, postmaster, "warm-up " + names[p], paths[p], rows);
                }
            }
            double[][] totals = new double[paths.length][3];
            for (int round = 0; round < ROUNDS; round++) {
                for (int p = 0; p < paths.length; p++) {
                    double[] r = run(jdbc, postmaster, names[p], paths[p], rows);
                    for (int i = 0; i < 3; i++) {
                        totals[p][i] += r[i] / ROUNDS;
                    }
                }
            }
            print("mean of %d rounds: path, JVM work threads s, JVM process s, PostgreSQL s, work+PG s", ROUNDS);
            for (int p = 0; p < paths.length; p++) {
                print("%-14s %6.2f %6.2f %6.2f %6.2f  (%+.0f%% vs insert)", names[p], totals[p][0], totals[p][1],
                        totals[p][2], totals[p][0] + totals[p][2],
                        100 * ((totals[p][0] + totals[p][2]) / (totals[0][0] + totals[0][2]) - 1));
            }
        } finally {
            pool.closeAndAwait();
            vertx.closeAndAwait();
            Files.write(Path.of("target/staging-cost.txt"), report);
        }
    }

    /** One round: a fresh table, every chunk staged in its own transaction on a thread of its own. */
    private double[] run(Connection jdbc, long postmaster, String name, StagingPath path, List<ProductRow> rows)
            throws Exception {
        String table = StagingRepository.tableOf(UUID.randomUUID());
        try (Statement st = jdbc.createStatement()) {
            st.execute("CREATE UNLOGGED TABLE " + table + " (record_number bigint NOT NULL, sku text COLLATE \"C\""
                    + " NOT NULL, name text NOT NULL, description text NOT NULL)");
        }
        System.gc();
        Thread.sleep(300);
        long wall0 = System.nanoTime();
        long work0 = workThreadsCpu();
        long proc0 = processCpu();
        long pg0 = postgresCpu(postmaster);
        Exception[] failure = new Exception[1];
        long[] benchThreadCpu = new long[1];
        Thread t = new Thread(() -> {
            try {
                for (int from = 0; from < rows.size(); from += CHUNK_ROWS) {
                    path.stage(table, rows.subList(from, Math.min(rows.size(), from + CHUNK_ROWS)));
                }
            } catch (Exception e) {
                failure[0] = e;
            }
            // a fresh thread: all of its CPU is this round's
            benchThreadCpu[0] = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        }, THREAD);
        t.start();
        t.join();
        long wall = System.nanoTime() - wall0;
        long work = workThreadsCpu() - work0 + benchThreadCpu[0];
        long proc = processCpu() - proc0;
        long pg = postgresCpu(postmaster) - pg0;
        if (failure[0] != null) {
            throw failure[0];
        }
        // every path must store exactly the same rows: count and a fingerprint of all values in order
        String stored;
        try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) || ' '"
                + " || md5(string_agg(concat_ws(E'\\x1f', record_number, sku, name, description), E'\\x1e'"
                + " ORDER BY record_number)) FROM " + table)) {
            rs.next();
            stored = rs.getString(1);
            st.execute("DROP TABLE " + table);
        }
        if (fingerprint == null) {
            fingerprint = stored;
        }
        if (!stored.equals(fingerprint) || !stored.startsWith(rows.size() + " ")) {
            throw new IllegalStateException(name + " stored " + stored + ", expected " + fingerprint);
        }
        print("%-22s wall %5.2f s  JVM work %5.2f s  JVM process %5.2f s  PostgreSQL %5.2f s", name, wall / 1e9,
                work / 1e9, proc / 1e9, pg / 1e9);
        return new double[] { work / 1e9, proc / 1e9, pg / 1e9 };
    }

    interface SqlWork {
        void run() throws SQLException;
    }

    private static void inTransaction(Connection jdbc, SqlWork work) throws SQLException {
        jdbc.setAutoCommit(false);
        try {
            work.run();
            jdbc.commit();
        } finally {
            jdbc.setAutoCommit(true);
        }
    }

    /** The former path: batches of 20,000 rows as column arrays, two statements in flight, one transaction. */
    private static void insertUnnest(Pool pool, String table, List<ProductRow> chunk) {
        List<Tuple> batches = new ArrayList<>();
        for (int from = 0; from < chunk.size(); from += 20_000) {
            List<ProductRow> part = chunk.subList(from, Math.min(chunk.size(), from + 20_000));
            Long[] records = new Long[part.size()];
            String[] skus = new String[part.size()];
            String[] names = new String[part.size()];
            String[] descriptions = new String[part.size()];
            for (int i = 0; i < part.size(); i++) {
                ProductRow row = part.get(i);
                records[i] = row.recordNumber();
                skus[i] = row.sku();
                names[i] = row.name();
                descriptions[i] = row.description();
            }
            batches.add(Tuple.of(records, skus, names, descriptions));
        }
        String sql = INSERT_UNNEST.formatted(table);
        pool.withTransaction(tx -> Multi.createFrom().iterable(batches)
                .onItem().transformToUni(params -> tx.preparedQuery(sql).execute(params))
                .merge(2).collect().last().replaceWithVoid())
                .await().indefinitely();
    }

    /** COPY in text format: tab-separated, backslash, tab, LF and CR escaped; 64 KiB sent at a time. */
    private static void copyText(Connection jdbc, String table, List<ProductRow> chunk) throws SQLException {
        CopyIn in = jdbc.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + table + " (record_number, sku, name, description) FROM STDIN");
        try {
            byte[] buffer = new byte[65536];
            int[] pos = { 0 };
            for (ProductRow row : chunk) {
                byte[][] fields = { Long.toString(row.recordNumber()).getBytes(StandardCharsets.US_ASCII),
                        row.sku().getBytes(StandardCharsets.UTF_8), row.name().getBytes(StandardCharsets.UTF_8),
                        row.description().getBytes(StandardCharsets.UTF_8) };
                for (int f = 0; f < fields.length; f++) {
                    for (byte b : fields[f]) {
                        if (pos[0] + 2 > buffer.length) {
                            in.writeToCopy(buffer, 0, pos[0]);
                            pos[0] = 0;
                        }
                        byte escaped = b == '\\' ? (byte) '\\' : b == '\t' ? (byte) 't' : b == '\n' ? (byte) 'n'
                                : b == '\r' ? (byte) 'r' : 0;
                        if (escaped != 0) {
                            buffer[pos[0]++] = '\\';
                            buffer[pos[0]++] = escaped;
                        } else {
                            buffer[pos[0]++] = b;
                        }
                    }
                    if (pos[0] + 1 > buffer.length) {
                        in.writeToCopy(buffer, 0, pos[0]);
                        pos[0] = 0;
                    }
                    buffer[pos[0]++] = (byte) (f == fields.length - 1 ? '\n' : '\t');
                }
            }
            in.writeToCopy(buffer, 0, pos[0]);
            in.endCopy();
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private static UUID uploadOf(String table) {
        String hex = table.substring("ingest_staging_".length());
        return new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                Long.parseUnsignedLong(hex.substring(16), 16));
    }

    /** Rows shaped like the bench generator's (~190 bytes, LF inside half the descriptions, quotes, commas). */
    static List<ProductRow> generate(int n) {
        Random random = new Random(1);
        String[] words = { "steel", "bolt", "washer", "zinc", "plated", "hex", "nut", "M8", "stainless", "pack",
                "of", "100", "heavy", "duty", "anchor", "screw", "wood", "timber", "coated", "\"premium\"",
                "grade", "A2", "70", "müller", "größe", "café" };
        String[] titles = { "Dr.", "Mr.", "Ms.", "Prof." };
        String[] first = { "Maria", "John", "Wei", "Aisha", "Lukas", "Olga", "Pedro", "Yuki", "Amara", "Noah" };
        List<ProductRow> rows = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            String name = titles[random.nextInt(titles.length)] + " " + first[random.nextInt(first.length)] + " "
                    + "Lopez" + random.nextInt(25_000);
            String sku = random.nextBoolean()
                    ? words[random.nextInt(words.length)] + "-" + words[random.nextInt(words.length)] + "-" + i
                    : String.format(Locale.ROOT, "ABC-%06d", i);
            StringBuilder d = new StringBuilder(160);
            while (d.length() < 140) {
                d.append(words[random.nextInt(words.length)]).append(random.nextInt(8) == 0 ? ", " : " ");
            }
            if (i % 2 == 0) {
                d.append("\nsecond line");
            }
            rows.add(new ProductRow(sku, name, d.toString(), i));
        }
        return rows;
    }

    /** CPU of the threads that do the staging: the bench thread, Vert.x event loops, GC, JIT (ns). */
    private static long workThreadsCpu() throws IOException {
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (comm.startsWith("vert.x-eventloo") || comm.startsWith("GC Thread") || comm.startsWith("G1 ")
                        || comm.equals("VM Thread") || comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler")) {
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return ticks * TICK_NS;
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** utime+stime+cutime+cstime of the postmaster plus utime+stime of its live children (ns). */
    private static long postgresCpu(long postmaster) throws IOException {
        String[] pm = statFields(postmaster);
        long ticks = Long.parseLong(pm[11]) + Long.parseLong(pm[12]) + Long.parseLong(pm[13]) + Long.parseLong(pm[14]);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path proc : (Iterable<Path>) procs::iterator) {
                String name = proc.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                String[] f;
                try {
                    f = statFields(Long.parseLong(name));
                } catch (IOException gone) {
                    continue;
                }
                if (Long.parseLong(f[1]) == postmaster) {
                    ticks += Long.parseLong(f[11]) + Long.parseLong(f[12]);
                }
            }
        }
        return ticks * TICK_NS;
    }

    /** /proc/PID/stat fields after the command: [0] = state (field 3), [1] = ppid, [11] = utime, [12] = stime, ... */
    private static String[] statFields(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }

    private static long postmasterPid(Connection jdbc) throws Exception {
        try (Statement st = jdbc.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return Long.parseLong(statFields(rs.getLong(1))[1]);
        }
    }

    private void print(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println("[staging-cost] " + line);
        report.add(line);
    }
}
