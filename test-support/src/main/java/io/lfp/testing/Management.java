package io.lfp.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import io.quarkus.test.common.http.TestHTTPResourceManager;

/**
 * The management interface of the application under test ({@code @QuarkusTest}): health, metrics and OpenAPI are
 * served there, on their own test port, not on the API port.
 */
public final class Management {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Management() {
    }

    /** {@code path} (e.g. {@code /q/health/ready}) on the management interface. */
    public static String url(String path) {
        String root = TestHTTPResourceManager.getManagementUri();
        return (root.endsWith("/q") ? root.substring(0, root.length() - 2) : root) + path;
    }

    /** The Prometheus text of {@code /q/metrics}, as a scraper reads it. */
    public static String metrics() {
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(URI.create(url("/q/metrics"))).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /q/metrics", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200) {
            throw new AssertionError("/q/metrics answered " + response.statusCode());
        }
        return response.body();
    }

    /** The value of metric {@code name} whose labels include all of {@code labels} ({@code k="v"}), 0 if absent. */
    public static double counter(String name, String... labels) {
        for (String line : metrics().split("\n")) {
            if (!line.startsWith(name + "{")) {
                continue;
            }
            String labelPart = line.substring(line.indexOf('{'), line.lastIndexOf('}') + 1);
            boolean all = true;
            for (String label : labels) {
                all &= labelPart.contains(label);
            }
            if (all) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
