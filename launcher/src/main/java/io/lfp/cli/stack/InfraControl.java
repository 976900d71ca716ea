package io.lfp.cli.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Sends one command ("stop redis", "start redis", "stop pg", …) to the fault-control port of a stack's
 * local-infra (its {@code FaultControl}), which only stacks other than {@code ./lfp up}'s open
 * ({@link Infrastructure#controlPortFile}). The benchmark's read phase stops and starts Redis through it.
 */
public final class InfraControl {
    /** Stopping PostgreSQL or Kafka cleanly can take a while on a busy machine. */
    static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(3);

    private final Path portFile;

    public InfraControl(Path portFile) {
        this.portFile = portFile;
    }

    /** The control of {@code settings}' local-infra (the port is read when a command is sent). */
    public static InfraControl of(StackSettings settings) {
        return new InfraControl(Infrastructure.controlPortFile(settings));
    }

    /**
     * Sends {@code command} and waits for local-infra's answer.
     *
     * @throws StackException when the stack has no control port, cannot be reached, or answers other than OK
     */
    public void command(String command) {
        int port = port();
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
            out.println(command);
            String answer = in.readLine();
            if (!"OK".equals(answer)) {
                throw new StackException(Infrastructure.NAME + " refused \"" + command + "\": " + answer);
            }
        } catch (IOException e) {
            throw new StackException("cannot send \"" + command + "\" to " + Infrastructure.NAME + "'s control port "
                    + port + ": " + e.getMessage());
        }
    }

    private int port() {
        try {
            return Integer.parseInt(Files.readString(portFile, StandardCharsets.UTF_8).trim());
        } catch (NoSuchFileException e) {
            throw new StackException("this stack's " + Infrastructure.NAME + " takes no fault commands (no " + portFile
                    + "; ./lfp up's own stack never opens that port)");
        } catch (IOException | NumberFormatException e) {
            throw new StackException("cannot read the control port from " + portFile + ": " + e.getMessage());
        }
    }
}
