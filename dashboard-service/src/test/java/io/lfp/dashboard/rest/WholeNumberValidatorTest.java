package io.lfp.dashboard.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The rules of {@link WholeNumberParam} and {@link OneOfParam}; the 400 bodies a client gets for them are asserted
 * in DashboardApiTest and DashboardLimitsTest.
 */
class WholeNumberValidatorTest {

    @Test
    void absentOrBlankTakesTheDefault() {
        assertNull(WholeNumberValidator.violation("size", null, 1, 200));
        assertNull(WholeNumberValidator.violation("size", " ", 1, 200));
        assertEquals(20, WholeNumberValidator.intValue(null, 20));
        assertEquals(20, WholeNumberValidator.intValue(" ", 20));
    }

    @Test
    void acceptsTheBounds() {
        assertNull(WholeNumberValidator.violation("size", "1", 1, 200));
        assertNull(WholeNumberValidator.violation("size", "200", 1, 200));
        assertNull(WholeNumberValidator.violation("size", " 7 ", 1, 200));
        assertEquals(7, WholeNumberValidator.intValue(" 7 ", 20));
    }

    @Test
    void outOfRangeSaysTheRange() {
        assertEquals("size must be between 1 and 200, got 201", WholeNumberValidator.violation("size", "201", 1, 200));
        assertEquals("afterCount must be at least 0, got -1",
                WholeNumberValidator.violation("afterCount", "-1", 0, Long.MAX_VALUE));
        assertNull(WholeNumberValidator.violation("afterCount", "99999999999", 0, Long.MAX_VALUE));
        assertEquals(99999999999L, WholeNumberValidator.longValue("99999999999"));
    }

    @Test
    void notANumberSaysWhatCame() {
        assertEquals("top must be a whole number, got 'ten'", WholeNumberValidator.violation("top", "ten", 1, 1000));
        assertEquals("top must be a whole number, got '99999999999'",
                WholeNumberValidator.violation("top", "99999999999", 1, 1000));
    }

    @Test
    void aChoiceIsOneOfItsValues() {
        List<String> sorts = List.of("count", "name");
        assertNull(OneOfValidator.violation("sort", null, sorts));
        assertNull(OneOfValidator.violation("sort", "name", sorts));
        assertEquals("count", OneOfValidator.value(null, "count"));
        assertEquals("count", OneOfValidator.value(" ", "count"));
        assertEquals("name", OneOfValidator.value("name", "count"));
        assertEquals("sort must be count or name, got 'Name'", OneOfValidator.violation("sort", "Name", sorts));
    }
}
