package io.lfp.ingest.rest;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** An upload id in a path: a UUID. Taken as text, so a malformed one is a clear 400 rather than a 404. */
@Retention(RUNTIME)
@Target(PARAMETER)
@Constraint(validatedBy = UploadIdValidator.class)
public @interface UploadIdParam {

    /** The error title of the 400 (service-errors' ErrorMappers reads it). */
    String error() default "Bad request";

    String message() default "not a valid upload id (expected a UUID)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
