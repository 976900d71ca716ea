package io.lfp.upload.service;

import java.nio.charset.StandardCharsets;

import io.lfp.upload.domain.EmptyFileException;
import io.lfp.upload.domain.WrongHeaderException;

/**
 * Checks the first record of an upload before anything is stored. Works on the first bytes of the
 * file (the first part buffer), so a wrong file is refused without reading the rest of it.
 */
public final class CsvHeaderCheck {

    public static final String EXPECTED = "name,sku,description";
    /** How much of a wrong header the error message shows. */
    static final int MAX_SHOWN_CHARS = 200;

    private static final byte[] EXPECTED_BYTES = EXPECTED.getBytes(StandardCharsets.US_ASCII);
    // enough bytes for MAX_SHOWN_CHARS characters of UTF-8
    private static final int MAX_DECODED_BYTES = MAX_SHOWN_CHARS * 4;

    private CsvHeaderCheck() {
    }

    /**
     * @param data the file's first bytes
     * @param length how many of them are valid
     * @throws EmptyFileException when there are no bytes (an optional BOM aside)
     * @throws WrongHeaderException when the first line, without BOM and CRLF/LF, is not {@link #EXPECTED}
     */
    public static void check(byte[] data, int length) {
        int start = hasBom(data, length) ? 3 : 0;
        if (length - start <= 0) {
            throw new EmptyFileException(EXPECTED);
        }
        int end = start;
        while (end < length && data[end] != '\n') {
            end++;
        }
        // no LF at all: a file that is only a header without a line end is still a valid (empty) file
        if (end > start && data[end - 1] == '\r') {
            end--;
        }
        if (!matches(data, start, end)) {
            throw new WrongHeaderException(EXPECTED, shown(data, start, end));
        }
    }

    private static boolean hasBom(byte[] data, int length) {
        return length >= 3 && (data[0] & 0xFF) == 0xEF && (data[1] & 0xFF) == 0xBB && (data[2] & 0xFF) == 0xBF;
    }

    private static boolean matches(byte[] data, int start, int end) {
        if (end - start != EXPECTED_BYTES.length) {
            return false;
        }
        for (int i = 0; i < EXPECTED_BYTES.length; i++) {
            if (data[start + i] != EXPECTED_BYTES[i]) {
                return false;
            }
        }
        return true;
    }

    private static String shown(byte[] data, int start, int end) {
        String found = new String(data, start, Math.min(end - start, MAX_DECODED_BYTES), StandardCharsets.UTF_8);
        return found.length() > MAX_SHOWN_CHARS ? found.substring(0, MAX_SHOWN_CHARS) : found;
    }
}
