package io.lfp.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP server on a free port standing in for a service (upload-service, Keycloak, a health endpoint) in
 * the launcher's tests: a handler per path, started once they are set, stopped on close.
 */
public final class StandInServer implements AutoCloseable {

    private final HttpServer server;
    private final Set<String> paths = new HashSet<>();

    public StandInServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Answers requests to {@code path} and below with {@code handler}, in place of an earlier one. */
    public StandInServer on(String path, HttpHandler handler) {
        if (paths.contains(path)) {
            server.removeContext(path);
        }
        server.createContext(path, handler);
        paths.add(path);
        return this;
    }

    public StandInServer start() {
        server.start();
        return this;
    }

    /** {@code http://127.0.0.1:<port><path>}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** Sends {@code json} with {@code status} and closes the exchange. */
    public static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
