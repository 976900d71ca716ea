package io.lfp.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfraControlTest {
    private static final Path REPO = Path.of("/work/checkout");

    @TempDir
    Path dir;

    @Test
    void aCommandIsOneLineAndOkIsItsOnlyGoodAnswer() throws Exception {
        ConcurrentLinkedQueue<String> received = new ConcurrentLinkedQueue<>();
        try (ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                for (String answer : List.of("OK", "ERROR cannot start Redis on port 16379")) {
                    try (Socket client = server.accept();
                            BufferedReader in = new BufferedReader(
                                    new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8));
                            PrintWriter out = new PrintWriter(client.getOutputStream(), true, StandardCharsets.UTF_8)) {
                        received.add(in.readLine());
                        out.println(answer);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            answering.start();
            Path portFile = dir.resolve("local-infra.control-port");
            Files.writeString(portFile, server.getLocalPort() + "\n");
            InfraControl control = new InfraControl(portFile);

            control.command("stop redis");
            StackException refused = assertThrows(StackException.class, () -> control.command("start redis"));

            answering.join();
            assertEquals(List.of("stop redis", "start redis"), List.copyOf(received));
            assertEquals("local-infra refused \"start redis\": ERROR cannot start Redis on port 16379",
                    refused.getMessage());
        }
    }

    @Test
    void aStackWithoutAControlPortSaysSo() {
        Path portFile = dir.resolve("run/local-infra.control-port");
        StackException e = assertThrows(StackException.class, () -> new InfraControl(portFile).command("stop redis"));
        assertEquals("this stack's local-infra takes no fault commands (no " + portFile
                + "; ./lfp up's own stack never opens that port)", e.getMessage());
    }

    @Test
    void onlyTheLocalRunsOwnStackTakesNoFaultCommands() {
        StackSettings local = StackSettings.localDefaults(REPO, 1);
        assertFalse(Infrastructure.command(local, "java").contains("--control-port-file"));

        StackSettings benchmark = new StackSettings(REPO, REPO.resolve("bench/work/stack"),
                REPO.resolve("bench/work/stack/data"), 1, 2, 3, 4, 5, 6, 7, List.of(8), Map.of(),
                REPO.resolve("bench/work/stack/secrets.properties"), 9, null);
        List<String> command = Infrastructure.command(benchmark, "java");
        int at = command.indexOf("--data-dir");
        assertEquals(List.of("--data-dir", "/work/checkout/bench/work/stack/data", "--control-port-file",
                "/work/checkout/bench/work/stack/run/local-infra.control-port"), command.subList(at, at + 4));
    }
}
