package io.lfp.cli.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks before a start that no other program holds a port the stack needs. */
final class PortGuard {
    private static final int CONNECT_TIMEOUT_MILLIS = 500;

    private PortGuard() {
    }

    /** Every port of the stack, with what it is for, in the order a person reads them. */
    static Map<Integer, String> portsOf(StackSettings settings) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(settings.pgPort(), "PostgreSQL");
        ports.put(settings.kafkaPort(), "Kafka");
        ports.put(settings.kafkaControllerPort(), "the Kafka controller");
        ports.put(settings.redisPort(), "Redis");
        ports.put(settings.s3Port(), "S3");
        if (settings.localKeycloak()) {
            ports.put(settings.keycloakPort(), "Keycloak");
        }
        for (Service service : Service.all(settings)) {
            ports.put(service.port(), service.name());
        }
        for (Service service : Service.all(settings)) {
            ports.put(service.managementPort(), service.name() + "'s management interface");
        }
        return ports;
    }

    /** Fails naming every port that is taken. */
    static void requireFree(StackSettings settings) {
        List<String> taken = new ArrayList<>();
        portsOf(settings).forEach((port, user) -> {
            if (!isFree(port)) {
                taken.add("port " + port + " (for " + user + ")");
            }
        });
        if (!taken.isEmpty()) {
            throw new StackException("Cannot start: " + String.join(", ", taken)
                    + (taken.size() == 1 ? " is" : " are") + " already in use by another program on 127.0.0.1."
                    + " Stop that program (e.g. find it with `ss -ltnp`) and run this again.");
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // a port in TIME_WAIT after our own `down` is free
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
