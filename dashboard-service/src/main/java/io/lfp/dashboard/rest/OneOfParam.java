package io.lfp.dashboard.rest;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/** A query parameter with a few allowed values: absent or blank (the endpoint's default), or exactly one of them. */
@Retention(RUNTIME)
@Target(PARAMETER)
@Constraint(validatedBy = OneOfValidator.class)
public @interface OneOfParam {

    /** The parameter's name, as the message shows it. */
    String name();

    /** The allowed values, case-sensitive. */
    String[] values();

    String message() default "not one of the allowed values";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
