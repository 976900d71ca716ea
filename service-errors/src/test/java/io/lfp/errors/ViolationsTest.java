package io.lfp.errors;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ViolationsTest {

    @Test
    void plainTextStaysAsItIs() {
        assertEquals("top must be between 1 and 1000, got 0", Violations.literal("top must be between 1 and 1000, got 0"));
    }

    @Test
    void interpolationCharactersAreEscaped() {
        assertEquals("size must be a whole number, got '\\$\\{1+1\\}'",
                Violations.literal("size must be a whole number, got '${1+1}'"));
        assertEquals("a \\\\ b \\{min\\}", Violations.literal("a \\ b {min}"));
    }
}
