package io.lfp.errors;

import jakarta.validation.ConstraintValidatorContext;

/** Helpers for constraint validators whose message is composed at validation time (a configured limit, the value). */
public final class Violations {

    private Violations() {
    }

    /**
     * Replaces the constraint's default message with this text, taken literally: a value a client sent may hold
     * "{" or "$", which the message interpolation would otherwise evaluate.
     *
     * @return false, so a validator can {@code return Violations.reject(context, "...")}
     */
    public static boolean reject(ConstraintValidatorContext context, String message) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(literal(message)).addConstraintViolation();
        return false;
    }

    /** The message template that interpolates to exactly {@code text}. */
    static String literal(String text) {
        StringBuilder template = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '{' || c == '}' || c == '$') {
                template.append('\\');
            }
            template.append(c);
        }
        return template.toString();
    }
}
