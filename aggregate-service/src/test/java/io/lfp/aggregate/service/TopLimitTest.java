package io.lfp.aggregate.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.lfp.aggregate.domain.InvalidParameterException;

class TopLimitTest {

    @Test
    void absentOrBlankMeansTheDefault() {
        assertEquals(20, TopLimit.parse(null, 20, 1000));
        assertEquals(20, TopLimit.parse("", 20, 1000));
        assertEquals(20, TopLimit.parse("  ", 20, 1000));
    }

    @Test
    void acceptsTheWholeRangeInclusive() {
        assertEquals(1, TopLimit.parse("1", 20, 1000));
        assertEquals(57, TopLimit.parse("57", 20, 1000));
        assertEquals(1000, TopLimit.parse("1000", 20, 1000));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-1", "1001", "2147483648", "abc", "1.5", " 5", "5 " })
    void refusesAnythingElseWithTheRangeInTheMessage(String raw) {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> TopLimit.parse(raw, 20, 1000));
        assertEquals("Invalid parameter", e.error());
        assertEquals("top must be between 1 and 1000", e.detail());
    }

    @Test
    void theMessageFollowsTheConfiguredMaximum() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class, () -> TopLimit.parse("51", 20, 50));
        assertEquals("top must be between 1 and 50", e.detail());
    }
}
