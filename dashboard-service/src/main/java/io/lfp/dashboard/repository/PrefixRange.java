package io.lfp.dashboard.repository;

/**
 * The strings that start with a prefix, as the range {@code from <= s < to} in byte order (COLLATE "C", where
 * UTF-8 byte order is code point order). A btree index on a C-collated column reads exactly this range, whatever
 * the plan; a {@code LIKE} with a parameter can use the index only when the planner sees the pattern.
 *
 * @param from the prefix itself
 * @param to the first string after every string starting with the prefix; "" when there is none (a prefix made
 *        only of U+10FFFF, a noncharacter no text holds): the range is then empty and matches nothing
 */
record PrefixRange(String from, String to) {

    /** The range of a prefix that is not empty (an empty one is every string: no range to read). */
    static PrefixRange of(String prefix) {
        int[] codePoints = prefix.codePoints().toArray();
        for (int i = codePoints.length - 1; i >= 0; i--) {
            if (codePoints[i] < Character.MAX_CODE_POINT) {
                int next = codePoints[i] + 1;
                // Surrogates never occur in text: the next code point after U+D7FF is U+E000.
                if (next == Character.MIN_SURROGATE) {
                    next = Character.MAX_SURROGATE + 1;
                }
                return new PrefixRange(prefix, new String(codePoints, 0, i) + Character.toString(next));
            }
        }
        return new PrefixRange(prefix, "");
    }
}
