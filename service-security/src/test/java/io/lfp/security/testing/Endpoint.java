package io.lfp.security.testing;

/**
 * One JAX-RS endpoint: HTTP method and path template, path parameters without their regular expressions
 * ({@code /api/aggregates/{name}}).
 */
public record Endpoint(String method, String path) implements Comparable<Endpoint> {

    @Override
    public int compareTo(Endpoint other) {
        int byPath = path.compareTo(other.path);
        return byPath != 0 ? byPath : method.compareTo(other.method);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
