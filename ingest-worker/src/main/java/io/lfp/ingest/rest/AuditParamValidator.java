package io.lfp.ingest.rest;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Provider;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

import io.lfp.errors.Violations;
import io.lfp.ingest.config.ProductEditConfig;

/**
 * Checks {@link AuditParam}; the limit's maximum is {@code lfp.products.audit-max-limit}. Dependent: one instance per
 * annotated parameter, since it keeps which parameter it checks.
 */
@Dependent
public class AuditParamValidator implements ConstraintValidator<AuditParam, String> {

    /** Read when a value is checked: validators are made at static init, before the runtime configuration. */
    private final Provider<ProductEditConfig> config;
    private AuditParam.Kind kind;

    public AuditParamValidator(Provider<ProductEditConfig> config) {
        this.config = config;
    }

    @Override
    public void initialize(AuditParam constraint) {
        kind = constraint.value();
    }

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        String violation = kind == AuditParam.Kind.AFTER ? violation("after", value, Long.MAX_VALUE)
                : violation("limit", value, config.get().auditMaxLimit());
        return violation == null || Violations.reject(context, violation);
    }

    /** What is wrong with the value, or null when it is absent or a whole number from 1 to max. */
    static String violation(String name, String value, long max) {
        if (value == null) {
            return null;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            parsed = 0;
        }
        if (parsed >= 1 && parsed <= max) {
            return null;
        }
        return max == Long.MAX_VALUE ? name + " must be an entry id (a whole number from 1)"
                : name + " must be a whole number from 1 to " + max;
    }
}
