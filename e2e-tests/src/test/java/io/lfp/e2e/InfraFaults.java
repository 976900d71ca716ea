package io.lfp.e2e;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

import io.lfp.cli.stack.Infrastructure;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Stops and restarts the servers of a test stack's local-infra (PostgreSQL, Kafka, S3) through its loopback
 * fault-control port (local-infra's {@code FaultControl}), and follows an upload while they are down.
 */
final class InfraFaults {

    private final RunningStack system;
    private final int controlPort;

    InfraFaults(RunningStack system) {
        this.system = system;
        try {
            this.controlPort = Integer.parseInt(
                    Files.readString(Infrastructure.controlPortFile(system.settings)).trim());
        } catch (IOException e) {
            throw new AssertionError("the test stack's local-infra wrote no control port", e);
        }
    }

    /** "stop pg", "restart pg", "start s3", "stop kafka", …; fails unless local-infra answers OK. */
    void command(String command) {
        System.out.println("[fault] " + command);
        try (Socket socket = new Socket("127.0.0.1", controlPort);
                PrintWriter out = new PrintWriter(socket.getOutputStream(), true, StandardCharsets.UTF_8);
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            socket.setSoTimeout((int) Duration.ofMinutes(3).toMillis());
            out.println(command);
            String answer = in.readLine();
            if (!"OK".equals(answer)) {
                throw new AssertionError("local-infra: " + command + " -> " + answer);
            }
        } catch (IOException e) {
            throw new AssertionError("fault control: " + command, e);
        }
    }

    /**
     * Polls the upload until {@code condition} holds, like {@link RunningStack#awaitUpload}, but a poll that
     * gets no 200 (upload-service cannot reach PostgreSQL right now) is simply tried again.
     */
    JsonPath awaitUpload(String id, Predicate<JsonPath> condition, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        String last = "(no answer yet)";
        do {
            try {
                Response response = system.asAdmin().get(system.settings.uploadApiUrl() + "/" + id);
                last = response.statusCode() + " " + response.asString();
                if (response.statusCode() == 200) {
                    JsonPath upload = response.jsonPath();
                    if (condition.test(upload)) {
                        return upload;
                    }
                }
            } catch (RuntimeException connectionProblem) {
                last = connectionProblem.toString();
            }
            Thread.sleep(100);
        } while (Instant.now().isBefore(deadline));
        throw new AssertionError("upload " + id + " did not get there within " + timeout + ": " + last);
    }

    /** Chunks of the upload recorded by the workers ({@code ingest_chunks}), straight from the database. */
    long chunksRecorded(String uploadId) {
        return system.queryLong("SELECT count(*) FROM ingest_chunks WHERE upload_id = ?::uuid", uploadId);
    }

    /** True once the worker ended the upload's job (ingest_jobs.state final), straight from the database. */
    boolean jobEnded(String uploadId) {
        return system.queryLong("SELECT count(*) FROM ingest_jobs WHERE upload_id = ?::uuid"
                + " AND state IN ('COMPLETED', 'COMPLETED_WITH_ERRORS', 'FAILED')", uploadId) > 0;
    }

    /** Waits until the job ended and its counts were added, riding out failed polls. */
    JsonPath awaitJobAndCounts(String id, Duration timeout) throws InterruptedException {
        return awaitUpload(id, RunningStack.JOB_AND_COUNTS_DONE, timeout);
    }
}
