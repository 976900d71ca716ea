package io.lfp.cli.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Where an upload's time went, read from the services' own bookkeeping in PostgreSQL (one clock):
 * seconds after upload-service recorded the upload until the first and the last chunk were staged, the
 * merge started, the job ended and the counts were announced. Read-only.
 */
final class Timeline {

    /* ingest_merges.merged_at is now() of a bucket's merge transaction, i.e. when that merge started. */
    static final String QUERY = """
            SELECT extract(epoch FROM (SELECT min(c.finished_at) FROM ingest_chunks c WHERE c.upload_id = u.id) - u.created_at),
                   extract(epoch FROM (SELECT max(c.finished_at) FROM ingest_chunks c WHERE c.upload_id = u.id) - u.created_at),
                   extract(epoch FROM (SELECT min(m.merged_at) FROM ingest_merges m WHERE m.upload_id = u.id) - u.created_at),
                   extract(epoch FROM u.finished_at - u.created_at),
                   extract(epoch FROM u.aggregated_at - u.created_at)
            FROM uploads u WHERE u.id = ?""";

    static final String[] STEPS = { "firstChunkStaged", "lastChunkStaged", "mergeStarted", "jobEnded", "countsAnnounced" };

    private Timeline() {
    }

    /** Step → seconds after the upload was recorded; a step that did not happen is left out. */
    static Map<String, Double> of(Connection db, String uploadId) throws SQLException {
        Map<String, Double> steps = new LinkedHashMap<>();
        try (PreparedStatement ps = db.prepareStatement(QUERY)) {
            ps.setObject(1, UUID.fromString(uploadId));
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    for (int i = 0; i < STEPS.length; i++) {
                        double seconds = rs.getDouble(i + 1);
                        if (!rs.wasNull()) {
                            steps.put(STEPS[i], Math.round(seconds * 100) / 100.0);
                        }
                    }
                }
            }
        }
        return steps;
    }

    /** "first chunk 0.91 s · last chunk 4.02 s · merge from 4.20 s · job ended 6.51 s · counts 7.30 s". */
    static String describe(Map<String, Double> steps) {
        StringBuilder out = new StringBuilder();
        append(out, "first chunk", steps.get("firstChunkStaged"));
        append(out, "last chunk", steps.get("lastChunkStaged"));
        append(out, "merge from", steps.get("mergeStarted"));
        append(out, "job ended", steps.get("jobEnded"));
        append(out, "counts", steps.get("countsAnnounced"));
        return out.toString();
    }

    private static void append(StringBuilder out, String label, Double seconds) {
        if (seconds != null) {
            out.append(out.isEmpty() ? "" : " · ").append(label).append(' ')
                    .append(String.format(Locale.ROOT, "%.2f s", seconds));
        }
    }
}
