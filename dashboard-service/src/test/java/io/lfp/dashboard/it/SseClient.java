package io.lfp.dashboard.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.restassured.RestAssured;

/** A Server-Sent Events client as a browser's EventSource reads the stream: events and comments, in order. */
final class SseClient implements AutoCloseable {

    record Event(String name, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final List<String> comments = new CopyOnWriteArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile String contentType;

    private SseClient(String path, String authorization) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Accept", "text/event-stream");
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        HttpRequest request = builder.build();
        response = HttpClient.newHttpClient().sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        response.thenAcceptAsync(r -> {
            contentType = r.headers().firstValue("Content-Type").orElse("");
            read(r.body());
        });
    }

    static SseClient open(String path) {
        return new SseClient(path, null);
    }

    /** The stream with this Authorization header (e.g. a bearer token). */
    static SseClient open(String path, String authorization) {
        return new SseClient(path, authorization);
    }

    /** The next event with a name, waiting at most {@code timeout}. */
    Event next(Duration timeout) {
        try {
            Event event = events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (event == null) {
                throw new AssertionError("no event within " + timeout + " (comments seen: " + comments + ")");
            }
            return event;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** No further event within {@code quiet}. */
    void assertNoEvent(Duration quiet) {
        try {
            Event event = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS);
            if (event != null) {
                throw new AssertionError("unexpected event " + event);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    List<String> comments() {
        return comments;
    }

    String contentType() {
        return contentType;
    }

    private void read(Stream<String> lines) {
        StringBuilder data = new StringBuilder();
        String[] name = { null };
        boolean[] hasData = { false };
        try (lines) {
            lines.forEach(line -> {
                if (line.isEmpty()) {
                    if (hasData[0]) {
                        events.add(new Event(name[0], data.toString()));
                    }
                    data.setLength(0);
                    name[0] = null;
                    hasData[0] = false;
                } else if (line.startsWith(":")) {
                    comments.add(line.substring(1));
                } else {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    if (field.equals("event")) {
                        name[0] = value;
                    } else if (field.equals("data")) {
                        if (hasData[0]) {
                            data.append('\n');
                        }
                        data.append(value);
                        hasData[0] = true;
                    }
                }
            });
        } catch (RuntimeException closed) {
            // the test closed the stream
        }
    }

    @Override
    public void close() {
        response.thenAccept(r -> {
            try {
                r.body().close();
            } catch (RuntimeException ignored) {
                // already closed
            }
        });
        response.cancel(true);
    }
}
