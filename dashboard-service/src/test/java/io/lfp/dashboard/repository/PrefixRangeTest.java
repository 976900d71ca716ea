package io.lfp.dashboard.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PrefixRangeTest {

    @Test
    void theRangeEndsAtThePrefixWithItsLastCharacterIncremented() {
        assertEquals(new PrefixRange("SKU-1", "SKU-2"), PrefixRange.of("SKU-1"));
        assertEquals(new PrefixRange("50%_", "50%`"), PrefixRange.of("50%_"));
        assertEquals(new PrefixRange("Ö", "×"), PrefixRange.of("Ö"));
    }

    @Test
    void charactersBeyondTheBasicPlaneAreOneCodePoint() {
        assertEquals(new PrefixRange("a\uD83D\uDE00", "a\uD83D\uDE01"), PrefixRange.of("a\uD83D\uDE00"));
        // U+FFFF is followed by U+10000, which UTF-16 writes as a surrogate pair
        assertEquals(new PrefixRange("a\uFFFF", "a\uD800\uDC00"), PrefixRange.of("a\uFFFF"));
    }

    @Test
    void surrogatesAreSkippedAndTheLastCodePointCarries() {
        assertEquals(new PrefixRange("a\uD7FF", "a\uE000"), PrefixRange.of("a\uD7FF"));
        assertEquals(new PrefixRange("ab\uDBFF\uDFFF", "ac"), PrefixRange.of("ab\uDBFF\uDFFF"));
        assertEquals(new PrefixRange("\uDBFF\uDFFF", ""), PrefixRange.of("\uDBFF\uDFFF"));
    }
}
