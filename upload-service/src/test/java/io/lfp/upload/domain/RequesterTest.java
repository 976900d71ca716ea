package io.lfp.upload.domain;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.lfp.events.IngestState;

class RequesterTest {

    private static final UUID ID = UUID.fromString("11111111-2222-3333-4444-555555555555");

    @Test
    void theUploaderAndAdminsMayActOnAnHttpUpload() {
        Upload upload = upload(UploadSource.HTTP, "alice");
        assertDoesNotThrow(() -> new Requester("alice", false).mayActOn(upload));
        assertDoesNotThrow(() -> new Requester("root", true).mayActOn(upload));
    }

    @Test
    void anotherPrincipalIsRefused() {
        NotAllowedOnUploadException e = assertThrows(NotAllowedOnUploadException.class,
                () -> new Requester("bob", false).mayActOn(upload(UploadSource.HTTP, "alice")));
        assertEquals("Forbidden", e.error());
        assertEquals("Only the principal who made upload " + ID + ", or an admin, may retry it or read its rejected rows",
                e.detail());
    }

    @Test
    void onlyAdminsMayActOnAnUploadRequestedOnKafka() {
        Upload requested = upload(UploadSource.KAFKA, Upload.INGEST_REQUESTED);
        assertDoesNotThrow(() -> new Requester("root", true).mayActOn(requested));
        NotAllowedOnUploadException e = assertThrows(NotAllowedOnUploadException.class,
                () -> new Requester(Upload.INGEST_REQUESTED, false).mayActOn(requested));
        assertEquals("Upload " + ID + " was requested on ingest-requested: only an admin may retry it or read its "
                + "rejected rows", e.detail());
    }

    private static Upload upload(UploadSource source, String uploadedBy) {
        return new Upload(ID, 1, "a.csv", "b", "k", 10, IngestState.FAILED, 0, 0, 0, 0, 0, "boom", Instant.EPOCH,
                null, null, null, 1, 0, 1, 1, source, List.of(), true, 0, uploadedBy);
    }
}
