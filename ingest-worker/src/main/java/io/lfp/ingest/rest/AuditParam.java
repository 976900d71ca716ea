package io.lfp.ingest.rest;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A paging parameter of the audit trail: absent, or a whole number from 1 (to a configured maximum for limit). */
@Retention(RUNTIME)
@Target(PARAMETER)
@Constraint(validatedBy = AuditParamValidator.class)
public @interface AuditParam {

    /** Which parameter: its name and range are in the message. */
    Kind value();

    /** The error title of the 400 (service-errors' ErrorMappers reads it). */
    String error() default "Bad Request";

    String message() default "not a whole number in range";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    enum Kind {
        /** {@code after}: an entry id, 1 or more. */
        AFTER,
        /** {@code limit}: 1 to {@code lfp.products.audit-max-limit}. */
        LIMIT
    }
}
