package io.lfp.upload.service;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.lfp.upload.domain.NotTextFileException;

/**
 * Refuses binary files before anything is stored: the first {@value #CHECKED_BYTES} bytes (which
 * include the header) must be UTF-8 without NUL bytes. A multi-byte character cut by the end of
 * that window is not an error. Bytes further on are not checked here: the ingest-worker rejects a
 * bad row on its own, and reading the whole file twice is what we avoid.
 */
public final class TextCheck {

    public static final int CHECKED_BYTES = 64 * 1024;
    static final String RULE = "the first " + CHECKED_BYTES + " bytes of a CSV file must be UTF-8 text without NUL bytes";

    private TextCheck() {
    }

    /**
     * @param data the file's first bytes
     * @param length how many of them are valid
     * @throws NotTextFileException naming the offset of the first offending byte
     */
    public static void check(byte[] data, int length) {
        int checked = Math.min(length, CHECKED_BYTES);
        int nul = -1;
        for (int i = 0; i < checked; i++) {
            if (data[i] == 0) {
                nul = i;
                break;
            }
        }
        int invalid = firstInvalidUtf8(data, nul < 0 ? checked : nul);
        if (invalid >= 0) {
            throw new NotTextFileException("Byte " + invalid + " is not valid UTF-8; " + RULE);
        }
        if (nul >= 0) {
            throw new NotTextFileException("Byte " + nul + " is a NUL byte; " + RULE);
        }
    }

    /** Offset of the first malformed sequence in data[0, length), or -1. */
    private static int firstInvalidUtf8(byte[] data, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(data, 0, length);
        CharBuffer out = CharBuffer.allocate(4096);
        while (true) {
            // endOfInput=false: a character cut at the end of the window is not malformed
            CoderResult result = decoder.decode(in, out, false);
            if (result.isError()) {
                return in.position();
            }
            if (result.isUnderflow()) {
                return -1;
            }
            out.clear();
        }
    }
}
