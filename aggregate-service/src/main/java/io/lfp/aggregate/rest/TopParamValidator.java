package io.lfp.aggregate.rest;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.lfp.aggregate.config.AggregateConfig;
import io.lfp.errors.Violations;

/** Checks {@link TopParam} against the configured maximum ({@code lfp.aggregate.max-top}). */
@Dependent
public class TopParamValidator implements ConstraintValidator<TopParam, String> {

    /** Read when a value is checked: validators are made at static init, before the runtime configuration. */
    private final Provider<AggregateConfig> config;

    public TopParamValidator(Provider<AggregateConfig> config) {
        this.config = config;
    }

    @Override
    public boolean isValid(String raw, ConstraintValidatorContext context) {
        String violation = violation(raw, config.get().maxTop());
        return violation == null || Violations.reject(context, violation);
    }

    /**
     * @param raw the parameter as the client sent it; null or blank means "not given"
     * @param maxTop largest allowed value; the smallest is 1
     * @return what is wrong with it, or null when it is absent or a whole number in 1..maxTop
     */
    static String violation(String raw, int maxTop) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        int top;
        try {
            top = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            return outOfRange(maxTop);
        }
        return top < 1 || top > maxTop ? outOfRange(maxTop) : null;
    }

    /** The number of names to return for a parameter {@link TopParam} accepted. */
    static Integer value(String valid) {
        return valid == null || valid.isBlank() ? null : Integer.valueOf(valid);
    }

    private static String outOfRange(int maxTop) {
        return "top must be between 1 and " + maxTop;
    }
}
