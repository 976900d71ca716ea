package io.lfp.dashboard.repository;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LikePatternsTest {

    @Test
    void emptyMatchesEverything() {
        assertEquals("%", LikePatterns.prefix(""));
    }

    @Test
    void wildcardsAndTheEscapeAreTakenLiterally() {
        assertEquals("SKU-1%", LikePatterns.prefix("SKU-1"));
        assertEquals("50\\%\\_off\\\\%", LikePatterns.prefix("50%_off\\"));
    }
}
