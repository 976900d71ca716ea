package io.lfp.cli.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Commands to the stack's local-infra through its loopback fault-control port (local-infra's {@code FaultControl}),
 * e.g. {@code stop redis} / {@code start redis} for the read phase's Redis-down measurement.
 */
final class InfraControl {
    private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(2);

    private final Path portFile;

    /** @param portFile where local-infra wrote the port ({@code Infrastructure.controlPortFile}) */
    InfraControl(Path portFile) {
        this.portFile = portFile;
    }

    /** Sends one command; returns once local-infra answered OK, else throws with its answer. */
    void command(String command) {
        try {
            int port = Integer.parseInt(Files.readString(portFile).trim());
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                    PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                    BufferedReader in = new BufferedReader(
                            new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
                socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
                out.println(command);
                String answer = in.readLine();
                if (!"OK".equals(answer)) {
                    throw new IllegalStateException("local-infra: " + command + " -> " + answer);
                }
            }
        } catch (IOException | NumberFormatException e) {
            throw new UncheckedIOException("local-infra's control port (" + portFile + "): " + command,
                    e instanceof IOException io ? io : new IOException(e));
        }
    }
}
