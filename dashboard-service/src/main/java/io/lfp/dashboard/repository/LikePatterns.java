package io.lfp.dashboard.repository;

/** Turns user text into a LIKE prefix pattern that matches the text literally. */
final class LikePatterns {

    private LikePatterns() {
    }

    /** {@code ab%_\} becomes {@code ab\%\_\\%}: the user's % and _ are not wildcards. */
    static String prefix(String text) {
        StringBuilder out = new StringBuilder(text.length() + 1);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' || c == '%' || c == '_') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('%').toString();
    }
}
