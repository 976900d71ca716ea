package io.lfp.dashboard.rest;

import io.lfp.dashboard.domain.InvalidParameterException;

/**
 * Reads numeric query parameters by hand: a JAX-RS int parameter that is not a number answers
 * 404, where a client deserves a 400 saying which parameter is wrong.
 */
final class QueryParams {

    private QueryParams() {
    }

    static int intParam(String name, String value, int defaultValue, int min, int max) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name + " must be a whole number, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidParameterException(max == Integer.MAX_VALUE
                    ? name + " must be at least " + min + ", got " + parsed
                    : name + " must be between " + min + " and " + max + ", got " + parsed);
        }
        return parsed;
    }

    /** A required whole number between min and max. */
    static long longParam(String name, String value, long min, long max) {
        if (value == null || value.isBlank()) {
            throw new InvalidParameterException(name + " is required here");
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidParameterException(name + " must be a whole number, got '" + value + "'");
        }
        if (parsed < min || parsed > max) {
            throw new InvalidParameterException(name + " must be at least " + min + ", got " + parsed);
        }
        return parsed;
    }

    /** A keyset cursor replaces the page number: both at once would be ambiguous. */
    static void notBoth(String pageName, String pageValue, String cursorName) {
        if (pageValue != null && !pageValue.isBlank()) {
            throw new InvalidParameterException(pageName + " and " + cursorName + " cannot be used together");
        }
    }

    /** One of {@code allowed}; absent or blank means {@code defaultValue}. */
    static String choice(String name, String value, String defaultValue, String... allowed) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        for (String candidate : allowed) {
            if (candidate.equals(value)) {
                return value;
            }
        }
        throw new InvalidParameterException(name + " must be " + String.join(" or ", allowed) + ", got '"
                + value + "'");
    }

    /** Free text; absent means "everything". */
    static String text(String name, String value, int maxLength) {
        if (value == null) {
            return "";
        }
        if (value.length() > maxLength) {
            throw new InvalidParameterException(name + " must be at most " + maxLength + " characters");
        }
        return value;
    }
}
