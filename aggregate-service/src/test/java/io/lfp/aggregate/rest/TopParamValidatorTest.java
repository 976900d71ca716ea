package io.lfp.aggregate.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The rule of {@link TopParam}; the 400 a client gets for it is asserted in AggregateResourceTest. */
class TopParamValidatorTest {

    @Test
    void absentOrBlankMeansTheDefault() {
        assertNull(TopParamValidator.violation(null, 1000));
        assertNull(TopParamValidator.violation("", 1000));
        assertNull(TopParamValidator.violation("  ", 1000));
        assertNull(TopParamValidator.value(null));
        assertNull(TopParamValidator.value("  "));
    }

    @Test
    void acceptsTheWholeRangeInclusive() {
        for (String top : new String[] { "1", "57", "1000" }) {
            assertNull(TopParamValidator.violation(top, 1000), top);
            assertEquals(Integer.valueOf(top), TopParamValidator.value(top));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "0", "-1", "1001", "2147483648", "abc", "1.5", " 5", "5 " })
    void refusesAnythingElseWithTheRangeInTheMessage(String raw) {
        assertEquals("top must be between 1 and 1000", TopParamValidator.violation(raw, 1000));
    }

    @Test
    void theMessageFollowsTheConfiguredMaximum() {
        assertNull(TopParamValidator.violation("50", 50));
        assertEquals("top must be between 1 and 50", TopParamValidator.violation("51", 50));
    }
}
