package io.lfp.dashboard.rest;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.lfp.dashboard.config.DashboardConfig;
import io.lfp.errors.Violations;

/**
 * Checks {@link WholeNumberParam}; the maxima come from {@link DashboardConfig}. Dependent: one instance per annotated
 * parameter, since it keeps that parameter's name and range.
 */
@Dependent
public class WholeNumberValidator implements ConstraintValidator<WholeNumberParam, String> {

    /** Read when a value is checked: validators are made at static init, before the runtime configuration. */
    private final Provider<DashboardConfig> config;
    private WholeNumberParam constraint;

    public WholeNumberValidator(Provider<DashboardConfig> config) {
        this.config = config;
    }

    @Override
    public void initialize(WholeNumberParam constraint) {
        this.constraint = constraint;
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        long max = switch (constraint.max()) {
            case TOP -> config.get().maxTop();
            case PAGE -> config.get().maxPage();
            case PAGE_SIZE -> config.get().maxPageSize();
            case NONE -> Long.MAX_VALUE;
        };
        String violation = violation(constraint.name(), value, constraint.min(), max);
        return violation == null || Violations.reject(context, violation);
    }

    /**
     * What is wrong with the value, or null when it is absent, blank, or a whole number (surrounding blanks
     * allowed) from min to max. Up to an int's range when max fits in one, else a long's.
     */
    static String violation(String name, String value, long min, long max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        long parsed;
        try {
            parsed = max <= Integer.MAX_VALUE ? Integer.parseInt(value.trim()) : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return name + " must be a whole number, got '" + value + "'";
        }
        if (parsed >= min && parsed <= max) {
            return null;
        }
        return max == Long.MAX_VALUE ? name + " must be at least " + min + ", got " + parsed
                : name + " must be between " + min + " and " + max + ", got " + parsed;
    }

    /** A value {@link WholeNumberParam} accepted, or {@code absent} when it was not given. */
    static int intValue(String value, int absent) {
        return value == null || value.isBlank() ? absent : Integer.parseInt(value.trim());
    }

    /** A value {@link WholeNumberParam} accepted with {@link WholeNumberParam.Max#NONE}; the caller checked it is given. */
    static long longValue(String value) {
        return Long.parseLong(value.trim());
    }
}
