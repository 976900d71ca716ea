package io.lfp.ingest.rest;

import java.util.UUID;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.lfp.errors.Violations;

/** Checks {@link UploadIdParam}; the message names the value, as the client sent it. */
public class UploadIdValidator implements ConstraintValidator<UploadIdParam, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        return value == null || parse(value) != null
                || Violations.reject(context, "'" + value + "' is not a valid upload id (expected a UUID)");
    }

    /** The id, or null when it is not a UUID. */
    static UUID parse(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
