package io.lfp.aggregate.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class UploadCountPartsTest {

    private static final UUID UPLOAD = UUID.fromString("0bd63e0e-50a7-419a-ac4b-bafa5286e3ca");

    @Test
    void aNewUploadHasAllConfiguredPartsToAdd() {
        UploadCountParts parts = UploadCountParts.of(UPLOAD, List.of(), 3);

        assertEquals(new UploadCountParts(UPLOAD, 3, List.of(0, 1, 2)), parts);
        assertFalse(parts.allAdded());
    }

    @Test
    void partsAreRecordedOneBasedUnderTheUploadsPrefix() {
        assertEquals("upload 0bd63e0e-50a7-419a-ac4b-bafa5286e3ca names 1 of 2", UploadCountParts.source(UPLOAD, 0, 2));
        assertEquals("upload 0bd63e0e-50a7-419a-ac4b-bafa5286e3ca", UploadCountParts.sourcePrefix(UPLOAD));
    }

    @Test
    void onlyTheMissingPartsAreLeftAfterACrashBetweenParts() {
        UploadCountParts parts = UploadCountParts.of(UPLOAD,
                List.of(UploadCountParts.source(UPLOAD, 1, 3)), 3);

        assertEquals(new UploadCountParts(UPLOAD, 3, List.of(0, 2)), parts);
    }

    @Test
    void aStartedUploadKeepsItsRecordedNumberOfPartsWhenTheConfigurationChanged() {
        UploadCountParts parts = UploadCountParts.of(UPLOAD,
                List.of(UploadCountParts.source(UPLOAD, 0, 2)), 4);

        assertEquals(new UploadCountParts(UPLOAD, 2, List.of(1)), parts);
    }

    @Test
    void everyPartRecordedMeansAllAdded() {
        UploadCountParts parts = UploadCountParts.of(UPLOAD,
                List.of(UploadCountParts.source(UPLOAD, 1, 2), UploadCountParts.source(UPLOAD, 0, 2)), 2);

        assertTrue(parts.allAdded());
        assertEquals(2, parts.parts());
    }

    @Test
    void aWholeUploadRecordFromBeforePartsMeansAllAdded() {
        assertTrue(UploadCountParts.of(UPLOAD, List.of("upload " + UPLOAD), 2).allAdded());
    }

    @Test
    void anUnknownOrInconsistentRecordIsAnError() {
        assertThrows(IllegalStateException.class,
                () -> UploadCountParts.of(UPLOAD, List.of("upload " + UPLOAD + " names x of 2"), 2));
        assertThrows(IllegalStateException.class,
                () -> UploadCountParts.of(UPLOAD, List.of("upload " + UPLOAD + " names 3 of 2"), 2));
        assertThrows(IllegalStateException.class, () -> UploadCountParts.of(UPLOAD,
                List.of(UploadCountParts.source(UPLOAD, 0, 2), UploadCountParts.source(UPLOAD, 1, 3)), 2));
    }
}
