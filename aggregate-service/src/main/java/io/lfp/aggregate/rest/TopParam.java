package io.lfp.aggregate.rest;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The {@code top} parameter of the top-names query: absent, or a whole number from 1 to
 * {@code lfp.aggregate.max-top}. Taken as text, so a non-number gets the same 400 as an out-of-range number.
 */
@Retention(RUNTIME)
@Target(PARAMETER)
@Constraint(validatedBy = TopParamValidator.class)
public @interface TopParam {

    String message() default "top must be between 1 and the configured maximum";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
