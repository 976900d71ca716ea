package io.lfp.dashboard.rest;

import java.util.List;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.lfp.errors.Violations;

/** Checks {@link OneOfParam}. */
public class OneOfValidator implements ConstraintValidator<OneOfParam, String> {

    private OneOfParam constraint;

    @Override
    public void initialize(OneOfParam constraint) {
        this.constraint = constraint;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        String violation = violation(constraint.name(), value, List.of(constraint.values()));
        return violation == null || Violations.reject(context, violation);
    }

    /** What is wrong with the value, or null when it is absent, blank or allowed. */
    static String violation(String name, String value, List<String> allowed) {
        if (value == null || value.isBlank() || allowed.contains(value)) {
            return null;
        }
        return name + " must be " + String.join(" or ", allowed) + ", got '" + value + "'";
    }

    /** A value {@link OneOfParam} accepted, or {@code absent} when it was not given. */
    static String value(String value, String absent) {
        return value == null || value.isBlank() ? absent : value;
    }
}
