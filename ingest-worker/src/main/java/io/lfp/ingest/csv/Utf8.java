package io.lfp.ingest.csv;

/** UTF-8 checks on raw bytes, so that valid text need not be decoded to be checked. */
final class Utf8 {

    private Utf8() {
    }

    /**
     * Whether {@code bytes[from, to)} is well-formed UTF-8 (Unicode's table 3-7: no overlong forms, no
     * surrogates, nothing past U+10FFFF) — exactly what Java's UTF-8 decoder reads without a replacement.
     */
    static boolean isValid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xFF;
            if (lead >= 0xC2 && lead <= 0xDF) {
                if (i + 1 >= to || !isContinuation(bytes[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                if (i + 2 >= to || !isContinuation(bytes[i + 2])) {
                    return false;
                }
                int second = bytes[i + 1] & 0xFF;
                int min = lead == 0xE0 ? 0xA0 : 0x80; // shorter forms are overlong
                int max = lead == 0xED ? 0x9F : 0xBF; // ED A0..BF would be surrogates
                if (second < min || second > max) {
                    return false;
                }
                i += 3;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                if (i + 3 >= to || !isContinuation(bytes[i + 2]) || !isContinuation(bytes[i + 3])) {
                    return false;
                }
                int second = bytes[i + 1] & 0xFF;
                int min = lead == 0xF0 ? 0x90 : 0x80; // shorter forms are overlong
                int max = lead == 0xF4 ? 0x8F : 0xBF; // past F4 8F is past U+10FFFF
                if (second < min || second > max) {
                    return false;
                }
                i += 4;
            } else {
                return false; // a continuation byte without a lead, C0, C1 or F5..FF
            }
        }
        return true;
    }

    /** Code points of valid UTF-8 (what a user calls characters): every byte but continuation bytes. */
    static long countCharacters(byte[] bytes, int from, int to) {
        long characters = 0;
        for (int i = from; i < to; i++) {
            if (!isContinuation(bytes[i])) {
                characters++;
            }
        }
        return characters;
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
