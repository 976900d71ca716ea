package io.lfp.upload.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import io.lfp.events.DeadLetterException;
import io.lfp.events.IngestRequested;

class IngestRequestValidatorTest {

    private static final List<String> PREFIXES = List.of("incoming/", "partners/acme/");

    @Test
    void aKeyUnderAnAllowedPrefixInTheConfiguredBucketPasses() {
        IngestRequestValidator.check(new IngestRequested(1, "lfp-uploads", "incoming/a.csv", null), "lfp-uploads",
                PREFIXES);
        IngestRequestValidator.check(new IngestRequested(1, "lfp-uploads", "partners/acme/2026/b.csv", "b"),
                "lfp-uploads", PREFIXES);
        IngestRequestValidator.checkSize(100L, 100);
    }

    @Test
    void anythingElseIsRefusedWithItsRule() {
        String outside = "ingest-requested: the key is outside the allowed prefixes [incoming/, partners/acme/]";
        refused(DeadLetterException.NOT_ALLOWED, outside, () -> IngestRequestValidator.check(
                new IngestRequested(1, "lfp-uploads", "uploads/1234/products.csv.part-00001", null), "lfp-uploads",
                PREFIXES));
        refused(DeadLetterException.NOT_ALLOWED, outside, () -> IngestRequestValidator.check(
                new IngestRequested(1, "lfp-uploads", "incoming/../uploads/x.csv", null), "lfp-uploads", PREFIXES));
        refused(DeadLetterException.NOT_ALLOWED, "ingest-requested: names a bucket other than the configured one",
                () -> IngestRequestValidator.check(new IngestRequested(1, "private", "incoming/a.csv", null),
                        "lfp-uploads", PREFIXES));
        refused(DeadLetterException.INVALID, "ingest-requested: expected a bucket and a key",
                () -> IngestRequestValidator.check(new IngestRequested(1, "lfp-uploads", " ", null), "lfp-uploads",
                        PREFIXES));
        refused(DeadLetterException.UNKNOWN_VERSION, "Unknown ingest-requested version 2 (this consumer reads v1)",
                () -> IngestRequestValidator.check(new IngestRequested(2, "lfp-uploads", "incoming/a.csv", null),
                        "lfp-uploads", PREFIXES));
        refused(DeadLetterException.OUT_OF_RANGE,
                "ingest-requested: the object has 101 bytes, more than the limit of 100",
                () -> IngestRequestValidator.checkSize(101L, 100));
    }

    private static void refused(String reason, String message, Executable check) {
        DeadLetterException e = assertThrows(DeadLetterException.class, check);
        assertEquals(reason, e.reason());
        assertEquals(message, e.getMessage());
    }
}
