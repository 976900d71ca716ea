package io.lfp.localinfra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection for end-to-end tests and the benchmark: stops and restarts PostgreSQL, Kafka, Redis or S3 of a running
 * {@link LocalInfraMain} on the same ports with the same data, so a test can check how the services ride
 * out an outage. Off unless {@code --control-port-file} is given (the launcher gives it to throwaway test
 * stacks only). Listens on 127.0.0.1 only, on a free port it writes into that file. One command per
 * connection, one line each way:
 *
 * <pre>
 * stop pg | start pg | restart pg     (pg_ctl stop -m fast / start; UNLOGGED tables survive)
 * stop s3 | start s3                  (the s3proxy child process)
 * stop kafka | start kafka            (the in-process KRaft broker + controller)
 * stop redis | start redis            (the redis-server child process; it comes back empty)
 * → "OK" once done, or "ERROR &lt;message&gt;"
 * </pre>
 */
final class FaultControl implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FaultControl.class);

    private final LocalInfrastructure infra;
    private final ServerSocket server;
    private final Thread acceptor;

    private FaultControl(LocalInfrastructure infra, ServerSocket server) {
        this.infra = infra;
        this.server = server;
        this.acceptor = new Thread(this::serve, "lfp-local-infra-fault-control");
        this.acceptor.setDaemon(true);
    }

    /** Opens the control port and writes its number into {@code portFile} (written whole, then moved in place). */
    static FaultControl start(LocalInfrastructure infra, Path portFile) {
        try {
            ServerSocket server = new ServerSocket(0, 4, InetAddress.getByName(Net.HOST));
            Path dir = portFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "control", ".tmp");
            Files.writeString(tmp, server.getLocalPort() + "\n");
            Files.move(tmp, portFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            FaultControl control = new FaultControl(infra, server);
            control.acceptor.start();
            LOG.info("Fault control on {}:{} (port in {})", Net.HOST, server.getLocalPort(), portFile);
            return control;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the fault control port", e);
        }
    }

    /** Commands run one after another: two outages never overlap half-done. */
    private void serve() {
        while (!server.isClosed()) {
            try (Socket client = server.accept();
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
                String line = in.readLine();
                out.println(line == null ? "ERROR empty command" : run(line.trim()));
            } catch (SocketException closed) {
                return;
            } catch (IOException e) {
                LOG.warn("fault control: {}", e.toString());
            }
        }
    }

    /** Runs one command; the answer line. */
    String run(String command) {
        long t = System.nanoTime();
        try {
            switch (command.toLowerCase(Locale.ROOT)) {
                case "stop pg" -> infra.stopPostgres();
                case "start pg" -> infra.startPostgres();
                case "restart pg" -> {
                    infra.stopPostgres();
                    infra.startPostgres();
                }
                case "stop s3" -> infra.stopS3();
                case "start s3" -> infra.startS3();
                case "stop kafka" -> infra.stopKafka();
                case "start kafka" -> infra.startKafka();
                case "stop redis" -> infra.stopRedis();
                case "start redis" -> infra.startRedis();
                default -> {
                    return "ERROR unknown command: " + command;
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("fault control: {} failed: {}", command, e.toString());
            return "ERROR " + String.valueOf(e.getMessage()).replace('\n', ' ');
        }
        LOG.info("fault control: {} in {} ms", command, (System.nanoTime() - t) / 1_000_000);
        return "OK";
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing a listening socket loses nothing
        }
    }
}
