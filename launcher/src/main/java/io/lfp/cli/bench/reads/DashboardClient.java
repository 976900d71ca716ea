package io.lfp.cli.bench.reads;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import io.lfp.cli.auth.TokenSource;

/** GET requests to the dashboard's API with a bearer token, for any number of threads at once. */
final class DashboardClient {
    /** The first characters of an error's body kept for the report. */
    static final int ERROR_BODY_CHARS = 300;
    private static final JsonFactory JSON = new JsonFactory();

    private final URI base;
    private final TokenSource tokens;
    private final Duration timeout;
    private final HttpClient http;

    DashboardClient(URI base, TokenSource tokens, Duration timeout) {
        this.base = URI.create(base.toString().replaceAll("/+$", ""));
        this.tokens = tokens;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    /**
     * What a client sees of one request.
     *
     * @param status the HTTP status; 0 when no answer came (timeout, connection refused)
     * @param cache the 2xx body's top-level {@code cache} field, {@link #NO_CACHE_FIELD} when it has none; null for
     *        an error
     * @param errorKind null for a 2xx answer, else the status ("503"), "timeout", "io" or "token" (none could be had)
     * @param error null for a 2xx answer, else what went wrong, with the start of the body
     */
    record Answer(int status, String cache, String errorKind, String error) {
        static final String NO_CACHE_FIELD = "(none)";

        boolean ok() {
            return errorKind == null;
        }
    }

    /** Sends {@code GET pathAndQuery}; never throws for a failed request, only when interrupted. */
    Answer get(String pathAndQuery) throws InterruptedException {
        String token;
        try {
            token = tokens.token();
        } catch (RuntimeException e) {
            return new Answer(0, null, "token", "no token: " + e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(timeout)
                .header("Accept", "application/json").GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new Answer(0, null, "timeout", "no answer within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Answer(0, null, "io", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return new Answer(status, cacheField(response.body()), null, null);
        }
        if (status == 401) {
            tokens.rejected(token);
        }
        String body = response.body() == null ? "" : response.body();
        return new Answer(status, null, Integer.toString(status),
                status + " " + (body.length() > ERROR_BODY_CHARS ? body.substring(0, ERROR_BODY_CHARS) + "…" : body));
    }

    /** The top-level {@code cache} string of a JSON object, read without building a tree. */
    static String cacheField(String body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Answer.NO_CACHE_FIELD;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("cache") && value.isScalarValue()) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return Answer.NO_CACHE_FIELD;
        } catch (IOException e) {
            return Answer.NO_CACHE_FIELD;
        }
    }
}
