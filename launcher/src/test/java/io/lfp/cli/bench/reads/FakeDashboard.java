package io.lfp.cli.bench.reads;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.lfp.cli.StandInServer;

/**
 * A loopback HTTP server standing in for dashboard-service in the read phase's tests: answers every GET with
 * {@code {"value":1,"cache":<cache>}} unless a path has its own answer, and remembers every request.
 */
final class FakeDashboard implements AutoCloseable {

    /** An answer to one request. */
    @FunctionalInterface
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(16);
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> authorizations = new ConcurrentLinkedQueue<>();
    volatile String cache = "online";

    FakeDashboard() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            String request = exchange.getRequestURI().getRawPath()
                    + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
            received.computeIfAbsent(request, r -> new AtomicInteger()).incrementAndGet();
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "(none)" : authorization);
            Handler handler = handlers.get(exchange.getRequestURI().getRawPath());
            if (handler != null) {
                handler.handle(exchange);
            } else {
                answer(exchange, 200, "{\"items\":[{\"cache\":\"inner\"}],\"value\":1,\"cache\":\"" + cache + "\"}");
            }
        });
        server.start();
    }

    /** Answers requests to exactly {@code path} (any query) with {@code handler}. */
    FakeDashboard on(String path, Handler handler) {
        handlers.put(path, handler);
        return this;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Requests received, by raw path and query. */
    Map<String, Integer> received() {
        Map<String, Integer> counts = new ConcurrentHashMap<>();
        received.forEach((request, n) -> counts.put(request, n.get()));
        return counts;
    }

    int total() {
        return received.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    List<String> authorizations() {
        return List.copyOf(authorizations);
    }

    static void answer(HttpExchange exchange, int status, String json) throws IOException {
        StandInServer.answer(exchange, status, json);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
