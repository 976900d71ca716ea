package io.lfp.security.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import jakarta.ws.rs.HttpMethod;

/**
 * Every JAX-RS endpoint of the classes in a package (the service's rest package, read from its compiled classes),
 * so that a role-matrix test fails when an endpoint has no rule.
 */
public final class Endpoints {

    private Endpoints() {
    }

    /**
     * The endpoints of every class in the package (and below) that has a {@code @Path}, sorted; an endpoint
     * appears once per resource method (two methods for one path, e.g. raw and multipart uploads, twice).
     */
    public static List<Endpoint> inPackage(String packageName) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Class<?> type : classes(packageName)) {
            endpoints.addAll(of(type));
        }
        Collections.sort(endpoints);
        return endpoints;
    }

    /** The endpoints of one resource class; none when it has no class-level {@code @Path}. */
    public static List<Endpoint> of(Class<?> resource) {
        List<Endpoint> endpoints = new ArrayList<>();
        jakarta.ws.rs.Path root = resource.getAnnotation(jakarta.ws.rs.Path.class);
        if (root == null) {
            return endpoints;
        }
        for (Method method : resource.getMethods()) {
            String httpMethod = httpMethod(method);
            if (httpMethod == null) {
                continue;
            }
            jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
            endpoints.add(new Endpoint(httpMethod, join(root.value(), sub == null ? "" : sub.value())));
        }
        return endpoints;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }

    /** "/api/x" + "{name: .+}" = "/api/x/{name}". */
    static String join(String root, String sub) {
        String path = "/" + strip(root) + (strip(sub).isEmpty() ? "" : "/" + strip(sub));
        return path.replaceAll("\\{\\s*([^:}\\s]+)\\s*:[^}]*}", "{$1}");
    }

    private static String strip(String segment) {
        String s = segment.trim();
        while (s.startsWith("/")) {
            s = s.substring(1);
        }
        while (s.endsWith("/")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }

    private static List<Class<?>> classes(String packageName) {
        String dir = packageName.replace('.', '/');
        List<Class<?>> classes = new ArrayList<>();
        try {
            for (URL url : Collections.list(Thread.currentThread().getContextClassLoader().getResources(dir))) {
                if (!"file".equals(url.getProtocol())) {
                    throw new IllegalStateException("Package " + packageName + " is not in a class directory: " + url);
                }
                Path root = Path.of(url.toURI());
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                        String relative = root.relativize(file).toString().replace('/', '.');
                        String name = packageName + "." + relative.substring(0, relative.length() - ".class".length());
                        classes.add(Class.forName(name, false, Thread.currentThread().getContextClassLoader()));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
        if (classes.isEmpty()) {
            throw new IllegalStateException("No classes found in package " + packageName);
        }
        return classes;
    }
}
