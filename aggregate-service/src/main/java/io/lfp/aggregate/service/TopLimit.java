package io.lfp.aggregate.service;

import io.lfp.aggregate.domain.InvalidParameterException;

/** Reads the {@code top} parameter of the top-names query. */
public final class TopLimit {

    private TopLimit() {
    }

    /**
     * @param raw        the parameter as the client sent it; null or blank means "not given"
     * @param defaultTop value when not given
     * @param maxTop     largest allowed value; the smallest is 1
     * @return the number of names to return
     * @throws InvalidParameterException when raw is not a whole number in 1..maxTop
     */
    public static int parse(String raw, int defaultTop, int maxTop) {
        if (raw == null || raw.isBlank()) {
            return defaultTop;
        }
        int top;
        try {
            top = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw outOfRange(maxTop);
        }
        if (top < 1 || top > maxTop) {
            throw outOfRange(maxTop);
        }
        return top;
    }

    private static InvalidParameterException outOfRange(int maxTop) {
        return new InvalidParameterException("top must be between 1 and " + maxTop);
    }
}
