package io.lfp.cli.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagedProcessTest {
    @TempDir
    Path dir;

    @Test
    void startsWithItsEnvironmentLogsOutputAndWritesItsPid() throws Exception {
        Path log = dir.resolve("logs/echo.log");
        Path pidFile = dir.resolve("run/echo.pid");
        ManagedProcess process = ManagedProcess.start("echo",
                List.of("sh", "-c", "echo port=$QUARKUS_HTTP_PORT; echo oops >&2; exec sleep 30"),
                Map.of("QUARKUS_HTTP_PORT", "8081"), dir, log, pidFile);
        try {
            assertEquals(process.pid() + "\n", Files.readString(pidFile));
            awaitLogLines(log, 2);
            assertEquals(List.of("port=8081", "oops"), Files.readAllLines(log));
            assertTrue(process.isAlive());
        } finally {
            assertEquals(ManagedProcess.StopOutcome.STOPPED, process.stop(Duration.ofSeconds(10)));
        }
        assertFalse(process.isAlive());
        assertEquals(ManagedProcess.StopOutcome.NOT_RUNNING, process.stop(Duration.ofSeconds(1)));
    }

    @Test
    void runsInItsOwnSessionSoATerminalCtrlCDoesNotReachIt() throws Exception {
        ManagedProcess process = ManagedProcess.start("sleeper", List.of("sleep", "30"), Map.of(), dir,
                dir.resolve("sleeper.log"), dir.resolve("sleeper.pid"));
        try {
            // the recorded PID is the program itself (setsid execs in place), leading its own session
            assertTrue(awaitCommand(process.pid(), "sleep"), "pid " + process.pid() + " is not sleep");
            String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            assertEquals(Long.toString(process.pid()), fields[3], "session id"); // state ppid pgrp session
        } finally {
            process.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void aRecycledPidIsNotAttached() throws Exception {
        ManagedProcess process = ManagedProcess.start("sleeper", List.of("sleep", "30"), Map.of(), dir,
                dir.resolve("sleeper.log"), dir.resolve("sleeper.pid"));
        try {
            assertTrue(ManagedProcess.attach("sleeper", process.pid(), process.startedAt(), process.logFile()).isPresent());
            Instant someoneElsesStart = process.startedAt().minus(Duration.ofHours(1));
            assertEquals(Optional.empty(),
                    ManagedProcess.attach("sleeper", process.pid(), someoneElsesStart, process.logFile()));
        } finally {
            process.stop(Duration.ofSeconds(10));
        }
    }

    @Test
    void aProcessIgnoringSigtermIsKilledWithItsChildren() throws Exception {
        ManagedProcess process = ManagedProcess.start("stubborn", List.of("sh", "-c", "trap '' TERM; sleep 30 & wait"),
                Map.of(), dir, dir.resolve("stubborn.log"), dir.resolve("stubborn.pid"));
        ProcessHandle shell = ProcessHandle.of(process.pid()).orElseThrow();
        ProcessHandle child = awaitChild(shell);
        assertEquals(ManagedProcess.StopOutcome.KILLED, process.stop(Duration.ofMillis(500)));
        assertFalse(shell.isAlive());
        child.onExit().get(5, TimeUnit.SECONDS);
        assertFalse(child.isAlive());
    }

    @Test
    void outlivesTheJvmThatStartedIt() throws Exception {
        Path pidFile = dir.resolve("orphan.pid");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = Path.of("target/classes").toAbsolutePath() + ":" + Path.of("target/test-classes").toAbsolutePath();
        Process launcher = new ProcessBuilder(java, "-cp", classpath, SpawnAndExit.class.getName(), dir.toString(),
                pidFile.toString())
                .redirectErrorStream(true).start();
        assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the launcher JVM did not exit");
        String output = new String(launcher.getInputStream().readAllBytes());
        assertEquals(0, launcher.exitValue(), output);

        long pid = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle orphan = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError("pid " + pid + " is gone"));
        try {
            Thread.sleep(300); // would a dying parent take it along, it would be gone by now
            assertTrue(orphan.isAlive());
        } finally {
            orphan.destroy();
        }
    }

    /** Started in a separate JVM by {@link #outlivesTheJvmThatStartedIt()}: starts {@code sleep 30}, then exits. */
    public static final class SpawnAndExit {
        public static void main(String[] args) {
            Path dir = Path.of(args[0]);
            ManagedProcess.start("orphan", List.of("sleep", "30"), Map.of(), dir, dir.resolve("orphan.log"), Path.of(args[1]));
            System.exit(0);
        }
    }

    private static void awaitLogLines(Path log, int lines) throws Exception {
        for (int i = 0; i < 100 && (!Files.exists(log) || Files.readAllLines(log).size() < lines); i++) {
            Thread.sleep(50);
        }
    }

    /** setsid execs the program a moment after the start: poll until the PID runs it. */
    private static boolean awaitCommand(long pid, String program) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (ProcessHandle.of(pid).flatMap(h -> h.info().command()).orElse("").endsWith("/" + program)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    private static ProcessHandle awaitChild(ProcessHandle parent) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            Optional<ProcessHandle> child = parent.children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no child of " + parent.pid());
    }
}
