package io.lfp.cli.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Polls a service's {@code /q/health/ready} until it reports {@code "status":"UP"}. */
public final class HealthWaiter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);
    private static final int LOG_LINES_ON_FAILURE = 30;

    public enum Health {
        UP,
        DOWN,
        UNREACHABLE
    }

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(REQUEST_TIMEOUT)
            .build();

    /** One look: UP, DOWN (answers, but not UP), or UNREACHABLE (no answer at all). */
    public Health check(URI url) {
        return probe(url).health();
    }

    /**
     * Returns once {@code url} answers UP. Fails early when the process has exited, and on
     * timeout; either way the message names the service, the last answer and the tail of its log.
     */
    public void awaitUp(String name, URI url, Duration timeout, ManagedProcess process) {
        Instant deadline = Instant.now().plus(timeout);
        Probe last = new Probe(Health.UNREACHABLE, "no answer yet");
        while (true) {
            last = probe(url);
            if (last.health() == Health.UP) {
                return;
            }
            if (process != null && !process.isAlive()) {
                throw failure(name + " exited before it became ready (" + url + ")", process.logFile());
            }
            if (Instant.now().isAfter(deadline)) {
                throw failure(name + " did not become ready within " + timeout.toSeconds() + " s at " + url
                        + "; last answer: " + last.detail(), process == null ? null : process.logFile());
            }
            sleep(POLL_INTERVAL);
        }
    }

    private Probe probe(URI url) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(REQUEST_TIMEOUT).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Probe(isUp(body) ? Health.UP : Health.DOWN, "HTTP " + response.statusCode() + " " + abbreviate(body));
        } catch (IOException e) {
            return new Probe(Health.UNREACHABLE, "no connection (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted while waiting for " + url, e);
        }
    }

    static boolean isUp(String body) {
        try {
            JsonNode status = JSON.readTree(body).path("status");
            return "UP".equals(status.asText());
        } catch (IOException e) {
            return false;
        }
    }

    private static StackException failure(String message, Path log) {
        return new StackException(log == null ? message : message + "\n" + LogTail.describe(log, LOG_LINES_ON_FAILURE));
    }

    private static String abbreviate(String body) {
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private record Probe(Health health, String detail) {
    }
}
