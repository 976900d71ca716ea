package io.lfp.dashboard.rest;

import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A numeric query parameter: absent or blank (the endpoint's default), or a whole number from {@link #min()} to
 * the configured {@link #max()}. Taken as text, because a JAX-RS number parameter that is not a number answers 404
 * where a client deserves a 400 naming the parameter.
 */
@Retention(RUNTIME)
@Target(PARAMETER)
@Constraint(validatedBy = WholeNumberValidator.class)
public @interface WholeNumberParam {

    /** The parameter's name, as the message shows it. */
    String name();

    long min();

    /** Where the largest value comes from. */
    Max max();

    String message() default "not a whole number in range";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The largest value of a parameter: a setting of {@code lfp.dashboard}, or none. */
    enum Max {
        /** {@code lfp.dashboard.max-top} */
        TOP,
        /** {@code lfp.dashboard.max-page} */
        PAGE,
        /** {@code lfp.dashboard.max-page-size} */
        PAGE_SIZE,
        /** no upper bound but that of a long */
        NONE
    }
}
