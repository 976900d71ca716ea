package io.lfp.cli.ingest;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An upload as {@code GET /api/uploads/{id}} reports it. Timestamps are null until they happen.
 * The chunk fields come from the chunked engine: 0 (counts) or null (rate, ETA) when the
 * upload-service does not report them.
 */
public record UploadView(
        String id,
        long seq,
        String filename,
        String status,
        long sizeBytes,
        long bytesRead,
        long rowsRead,
        long rowsLoaded,
        long rowsRejected,
        long productsWritten,
        String error,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        Instant aggregatedAt,
        long chunksTotal,
        long chunksDone,
        long chunksFailed,
        long recordsTotal,
        Double rowsPerSecond,
        Double etaSeconds) {

    public static final String FAILED = "FAILED";
    private static final Set<String> TERMINAL = Set.of("COMPLETED", "COMPLETED_WITH_ERRORS", FAILED);

    public static UploadView from(JsonNode json) {
        return new UploadView(
                text(json, "id"), json.path("seq").asLong(), text(json, "filename"), text(json, "status"),
                json.path("sizeBytes").asLong(), json.path("bytesRead").asLong(),
                json.path("rowsRead").asLong(), json.path("rowsLoaded").asLong(), json.path("rowsRejected").asLong(),
                json.path("productsWritten").asLong(), text(json, "error"),
                instant(json.path("createdAt")), instant(json.path("startedAt")),
                instant(json.path("finishedAt")), instant(json.path("aggregatedAt")),
                json.path("chunksTotal").asLong(), json.path("chunksDone").asLong(), json.path("chunksFailed").asLong(),
                json.path("recordsTotal").asLong(), number(json.path("rowsPerSecond")), number(json.path("etaSeconds")));
    }

    public boolean terminal() {
        return TERMINAL.contains(status);
    }

    public boolean failed() {
        return FAILED.equals(status);
    }

    /** Done for the user: ingested and the counts are exact — or failed, when no aggregate follows. */
    public boolean settled() {
        return terminal() && (aggregatedAt != null || failed());
    }

    /** Whether the upload-service reports chunks (the chunked engine) for this upload. */
    public boolean chunked() {
        return chunksTotal > 0;
    }

    /**
     * Fraction done, 0..1: of the file's bytes read; when no bytes are reported, of the records
     * (rows read of {@code recordsTotal}), else of the chunks finished; 0 while nothing is known.
     */
    public double fractionRead() {
        if (sizeBytes > 0 && bytesRead > 0) {
            return clamp((double) bytesRead / sizeBytes);
        }
        if (recordsTotal > 0) {
            return clamp((double) rowsRead / recordsTotal);
        }
        if (chunksTotal > 0) {
            return clamp((double) (chunksDone + chunksFailed) / chunksTotal);
        }
        return 0;
    }

    private static double clamp(double fraction) {
        return Math.min(1.0, Math.max(0.0, fraction));
    }

    private static Double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : null;
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.path(field);
        return node.isNull() || node.isMissingNode() ? null : node.asText();
    }

    /** ISO-8601 text (with or without offset), or epoch seconds as a number (Jackson's default for Instant). */
    static Instant instant(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isNumber()) {
            BigDecimal seconds = node.decimalValue();
            if (seconds.compareTo(BigDecimal.valueOf(100_000_000_000L)) > 0) {
                seconds = seconds.movePointLeft(3); // epoch milliseconds
            }
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
            return Instant.ofEpochSecond(whole, nanos);
        }
        String text = node.asText();
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notUtc) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }
}
