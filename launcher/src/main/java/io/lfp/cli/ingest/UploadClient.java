package io.lfp.cli.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.lfp.cli.auth.TokenSource;

/**
 * The HTTP calls of {@code ./lfp ingest}: the upload-service's upload API and the aggregate-service. Every request
 * carries a bearer token from its {@link TokenSource}; a request answered 401 is sent once more with a new token
 * (the old one may have expired during a long upload or follow).
 */
public final class UploadClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final long UPLOAD_PROGRESS_MILLIS = 300;
    /** Attempts of one upload refused with 429 (no free upload slot): about 5 min at the service's 5 s. */
    static final int MAX_ATTEMPTS = 60;
    static final int DEFAULT_RETRY_AFTER_SECONDS = 5;
    static final int MAX_RETRY_AFTER_SECONDS = 60;

    // HTTP/1.1: no h2c upgrade attempt in front of a streamed multi-GB body
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI uploadApi;
    private final URI aggregatesApi;
    private final int maxAttempts;
    private final Sleeper sleeper;
    private final TokenSource tokens;

    public UploadClient(URI uploadApi, URI aggregatesApi, TokenSource tokens) {
        this(uploadApi, aggregatesApi, MAX_ATTEMPTS, duration -> Thread.sleep(duration.toMillis()), tokens);
    }

    UploadClient(URI uploadApi, URI aggregatesApi, int maxAttempts, Sleeper sleeper, TokenSource tokens) {
        this.uploadApi = uploadApi;
        this.aggregatesApi = aggregatesApi;
        this.maxAttempts = maxAttempts;
        this.sleeper = sleeper;
        this.tokens = tokens;
    }

    /** Told that the upload waits {@code seconds} for a free upload slot before attempt {@code attempt}. */
    @FunctionalInterface
    public interface SlotWait {
        void waiting(int seconds, int attempt, int maxAttempts);
    }

    /** How the client waits between attempts (tests do not wait). */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * Streams {@code file} as the raw request body — never held in memory — and returns the new
     * upload's id. {@code bytesSent} hears the count of bytes sent every ~300 ms while it streams.
     * When upload-service has no free upload slot it answers 429 with Retry-After before reading the
     * body (the bytes already sent are discarded): {@code slotWait} hears about it, and the upload is sent
     * again after that many seconds, up to {@link #MAX_ATTEMPTS} times. No {@code Expect: 100-continue}:
     * JDK 17's client then waits forever when the answer is a 429 instead of a 100 (seen in ConcurrentUploadsIT).
     *
     * @throws UploadRefusedException when the service answers non-2xx (429 after the last attempt)
     */
    public String upload(Path file, LongConsumer bytesSent, SlotWait slotWait) throws InterruptedException {
        boolean renewed = false;
        for (int attempt = 1;; attempt++) {
            String token = tokens.token();
            HttpResponse<String> response = send(file, bytesSent, token);
            if (response.statusCode() == 401 && !renewed) {
                tokens.rejected(token);
                renewed = true;
                attempt--;
                continue;
            }
            if (response.statusCode() == 429 && attempt < maxAttempts) {
                int seconds = retryAfterSeconds(response.headers().firstValue("Retry-After").orElse(null));
                slotWait.waiting(seconds, attempt + 1, maxAttempts);
                sleeper.sleep(Duration.ofSeconds(seconds));
                continue;
            }
            if (response.statusCode() / 100 != 2) {
                throw new UploadRefusedException(response.statusCode(),
                        refusal(response.statusCode(), response.body()));
            }
            String id = readJson(response.body()).path("id").asText(null);
            if (id == null) {
                throw new IllegalStateException("upload answered " + response.statusCode() + " without an id: "
                        + response.body());
            }
            return id;
        }
    }

    private HttpResponse<String> send(Path file, LongConsumer bytesSent, String token) {
        CountingBodyPublisher body;
        try {
            body = new CountingBodyPublisher(HttpRequest.BodyPublishers.ofFile(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        String name = file.getFileName().toString();
        URI uri = URI.create(uploadApi + "?filename=" + URLEncoder.encode(name, StandardCharsets.UTF_8));
        HttpRequest request = authorized(HttpRequest.newBuilder(uri), token)
                .header("Content-Type", contentType(name))
                .POST(body)
                .build();
        CompletableFuture<HttpResponse<String>> answer = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        return awaitReportingProgress(answer, body, bytesSent);
    }

    /** The seconds of a Retry-After header, kept within 1..60; 5 when it is missing or an HTTP date. */
    static int retryAfterSeconds(String header) {
        try {
            return header == null ? DEFAULT_RETRY_AFTER_SECONDS
                    : (int) Math.max(1, Math.min(MAX_RETRY_AFTER_SECONDS, Long.parseLong(header.strip())));
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER_SECONDS;
        }
    }

    /**
     * Asks for a retry of a FAILED upload ({@code POST /api/uploads/{id}/retry}).
     *
     * @throws UploadRefusedException when the service answers non-2xx (409: not failed or nothing kept; 404)
     */
    public void retry(String id) {
        URI uri = URI.create(uploadApi + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/retry");
        try {
            HttpResponse<String> response = sendRenewingOnce(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.noBody()));
            if (response.statusCode() / 100 != 2) {
                throw new UploadRefusedException(response.statusCode(),
                        refusal(response.statusCode(), response.body()).replaceFirst("^Upload", "Retry"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public UploadView upload(String id) {
        return UploadView.from(getJson(URI.create(uploadApi + "/" + URLEncoder.encode(id, StandardCharsets.UTF_8))));
    }

    public AggregatesView topNames(int top) {
        return AggregatesView.from(getJson(URI.create(aggregatesApi + "?top=" + top)));
    }

    /** The upload-service takes gzip-compressed CSV as application/gzip and unpacks it itself. */
    static String contentType(String filename) {
        return filename.toLowerCase(java.util.Locale.ROOT).endsWith(".gz") ? "application/gzip" : "text/csv";
    }

    /** "Upload refused (400): Wrong CSV header — expected name,sku,description" */
    static String refusal(int status, String body) {
        JsonNode json = readJsonOrNull(body);
        if (json != null && json.hasNonNull("error")) {
            String detail = json.path("detail").asText("");
            return "Upload refused (" + status + "): " + json.get("error").asText()
                    + (detail.isBlank() ? "" : " — " + detail);
        }
        String text = body == null ? "" : body.strip();
        return "Upload refused (" + status + ")" + (text.isEmpty() ? "" : ": " + text);
    }

    private static HttpResponse<String> awaitReportingProgress(CompletableFuture<HttpResponse<String>> answer,
            CountingBodyPublisher body, LongConsumer bytesSent) {
        while (true) {
            try {
                return answer.get(UPLOAD_PROGRESS_MILLIS, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillSending) {
                bytesSent.accept(body.bytesSent());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                answer.cancel(true);
                throw new IllegalStateException("interrupted during the upload", e);
            } catch (ExecutionException e) {
                throw new UncheckedIOException("the upload failed: " + e.getCause().getMessage(),
                        e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
            }
        }
    }

    /** Sends the request with a token; on 401 once more with a new one. */
    private HttpResponse<String> sendRenewingOnce(HttpRequest.Builder request) throws IOException, InterruptedException {
        String token = tokens.token();
        HttpResponse<String> response = client.send(authorized(request.copy(), token).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 401) {
            return response;
        }
        tokens.rejected(token);
        return client.send(authorized(request.copy(), tokens.token()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder authorized(HttpRequest.Builder request, String token) {
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private JsonNode getJson(URI uri) {
        try {
            HttpResponse<String> response = sendRenewingOnce(HttpRequest.newBuilder(uri).timeout(REQUEST_TIMEOUT).GET());
            if (response.statusCode() / 100 != 2) {
                throw new IllegalStateException("GET " + uri + " answered " + response.statusCode() + ": " + response.body());
            }
            return readJson(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static JsonNode readJsonOrNull(String body) {
        try {
            JsonNode node = body == null || body.isBlank() ? null : JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }
}
