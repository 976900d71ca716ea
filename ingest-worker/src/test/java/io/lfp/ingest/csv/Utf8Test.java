package io.lfp.ingest.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/** {@link Utf8#isValid} agrees with Java's own UTF-8 decoder, which the general way of reading uses. */
class Utf8Test {

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer out = CharBuffer.allocate(8);

    @Test
    void everySequenceOfUpToThreeBytesAndEveryFourByteLeadAgreeWithTheDecoder() {
        byte[] b = new byte[4];
        for (int first = 0; first < 256; first++) {
            for (int second = 0; second < 256; second++) {
                b[0] = (byte) first;
                b[1] = (byte) second;
                check(b, 1);
                check(b, 2);
                if (first >= 0xC0) { // only a lead byte makes a third byte matter
                    for (int third = 0; third < 256; third++) {
                        b[2] = (byte) third;
                        check(b, 3);
                        if (first >= 0xF0) {
                            for (int fourth : new int[] { 0x00, 0x41, 0x7F, 0x80, 0x9F, 0xBF, 0xC0, 0xFF }) {
                                b[3] = (byte) fourth;
                                check(b, 4);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void charactersAreCodePoints() {
        byte[] text = "aé東🚀".getBytes(StandardCharsets.UTF_8);
        assertEquals(4, Utf8.countCharacters(text, 0, text.length));
        assertEquals(2, Utf8.countCharacters(text, 1, 6)); // é and 東
    }

    private void check(byte[] bytes, int length) {
        // a CoderResult rather than an exception: millions of sequences are checked
        CoderResult result = decoder.reset().decode(ByteBuffer.wrap(bytes, 0, length), out.clear(), true);
        boolean decodes = !result.isError() && !decoder.flush(out).isError();
        assertEquals(decodes, Utf8.isValid(bytes, 0, length), () -> HexFormat.of().formatHex(bytes, 0, length));
    }
}
