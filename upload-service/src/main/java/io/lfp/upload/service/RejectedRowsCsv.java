package io.lfp.upload.service;

import java.io.StringWriter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import com.opencsv.CSVWriterBuilder;
import com.opencsv.ICSVWriter;

import io.lfp.upload.domain.Requester;
import io.lfp.upload.domain.UploadNotFoundException;
import io.lfp.upload.repository.RejectedRowRepository;
import io.lfp.upload.repository.RejectedRowRepository.RejectedRow;
import io.lfp.upload.repository.UploadRepository;
import io.smallrye.mutiny.Multi;

/**
 * An upload's rejected rows as RFC 4180 CSV written with opencsv, the same columns and bytes as ingest-worker's
 * {@code GET /api/uploads/{id}/rejected}: a header, CRLF line ends, record order, one piece per page of
 * {@value #PAGE} rows, so a file with millions of bad rows streams instead of filling the heap.
 */
@ApplicationScoped
public class RejectedRowsCsv {

    public static final String HEADER = lines(
            List.<String[]> of(new String[] { "record_number", "line_number", "reason", "raw_text" }));
    static final int PAGE = 1000;

    private final UploadRepository uploads;
    private final RejectedRowRepository rejected;

    public RejectedRowsCsv(UploadRepository uploads, RejectedRowRepository rejected) {
        this.uploads = uploads;
        this.rejected = rejected;
    }

    /**
     * Fails with {@link UploadNotFoundException} before any piece when there is no such upload, and with a 403
     * {@link io.lfp.upload.domain.NotAllowedOnUploadException} when the requester neither made it nor is an admin.
     */
    public Multi<String> of(String id, Requester requester) {
        UUID uploadId;
        try {
            uploadId = UploadIds.parse(id);
        } catch (UploadNotFoundException e) {
            return Multi.createFrom().failure(e);
        }
        return uploads.findById(uploadId)
                .map(found -> found.orElseThrow(() -> new UploadNotFoundException(id)))
                .invoke(requester::mayActOn)
                .chain(upload -> rejected.tableExists())
                .onItem().transformToMulti(exists -> Multi.createBy().concatenating()
                        .streams(Multi.createFrom().item(HEADER),
                                exists ? pages(uploadId) : Multi.createFrom().empty()));
    }

    private Multi<String> pages(UUID uploadId) {
        AtomicLong after = new AtomicLong();
        return Multi.createBy().repeating()
                .uni(() -> rejected.page(uploadId, after.get(), PAGE).invoke(rows -> {
                    if (!rows.isEmpty()) {
                        after.set(rows.get(rows.size() - 1).recordNumber());
                    }
                }))
                .whilst(rows -> rows.size() == PAGE)
                .filter(rows -> !rows.isEmpty())
                .map(RejectedRowsCsv::toCsv);
    }

    static String toCsv(List<RejectedRow> rows) {
        return lines(rows.stream()
                .map(r -> new String[] { Long.toString(r.recordNumber()), Long.toString(r.lineNumber()), r.reason(),
                        r.rawText() })
                .toList());
    }

    /** The records, CRLF-ended; a field is quoted, quotes doubled, only when it holds a comma, quote, CR or LF. */
    static String lines(List<String[]> records) {
        // A StringWriter holds nothing to release and cannot fail, so the CSV writer needs no close.
        StringWriter out = new StringWriter();
        new CSVWriterBuilder(out).withLineEnd(ICSVWriter.RFC4180_LINE_END).build().writeAll(records, false);
        return out.toString();
    }
}
