package io.lfp.localinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Loopback port helpers shared by the server starters. */
final class Net {

    static final String HOST = "127.0.0.1";

    private Net() {
    }

    /** The given port, or a port that was free a moment ago when it is 0. */
    static int portOrFree(int port) {
        if (port != 0) {
            return port;
        }
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), 500);
            // A port in the ephemeral range can be handed out as this socket's own source port: TCP then
            // "connects" the socket to itself (simultaneous open) although nothing listens there.
            return socket.getLocalPort() != port;
        } catch (IOException e) {
            return false;
        }
    }

    /** A fixed port that is already taken gives a clear message instead of a server's cryptic one. */
    static void requireFree(int port, String what) {
        if (answers(port)) {
            throw new IllegalStateException(what + ": port " + port + " on " + HOST
                    + " is already in use (another local infrastructure still running?)");
        }
    }

    /** Polls until {@code ready} is true; {@code alive} false aborts early (the process died). */
    static void await(String what, Duration timeout, BooleanSupplier ready, BooleanSupplier alive) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!alive.getAsBoolean()) {
                throw new IllegalStateException(what + " exited before it was ready");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " not ready after " + timeout.toSeconds() + " s");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
