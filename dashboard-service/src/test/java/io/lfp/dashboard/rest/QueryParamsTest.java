package io.lfp.dashboard.rest;

import io.lfp.dashboard.domain.InvalidParameterException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class QueryParamsTest {

    @Test
    void absentOrBlankTakesTheDefault() {
        assertEquals(20, QueryParams.intParam("size", null, 20, 1, 200));
        assertEquals(20, QueryParams.intParam("size", " ", 20, 1, 200));
    }

    @Test
    void acceptsTheBounds() {
        assertEquals(1, QueryParams.intParam("size", "1", 20, 1, 200));
        assertEquals(200, QueryParams.intParam("size", "200", 20, 1, 200));
    }

    @Test
    void outOfRangeSaysTheRange() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> QueryParams.intParam("size", "201", 20, 1, 200));
        assertEquals("size must be between 1 and 200, got 201", e.getMessage());
        e = assertThrows(InvalidParameterException.class,
                () -> QueryParams.intParam("page", "-1", 0, 0, Integer.MAX_VALUE));
        assertEquals("page must be at least 0, got -1", e.getMessage());
    }

    @Test
    void notANumberSaysWhatCame() {
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> QueryParams.intParam("top", "ten", 20, 1, 1000));
        assertEquals("top must be a whole number, got 'ten'", e.getMessage());
        e = assertThrows(InvalidParameterException.class,
                () -> QueryParams.intParam("top", "99999999999", 20, 1, 1000));
        assertEquals("top must be a whole number, got '99999999999'", e.getMessage());
    }

    @Test
    void aChoiceIsOneOfItsValues() {
        assertEquals("count", QueryParams.choice("sort", null, "count", "count", "name"));
        assertEquals("name", QueryParams.choice("sort", "name", "count", "count", "name"));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> QueryParams.choice("sort", "Name", "count", "count", "name"));
        assertEquals("sort must be count or name, got 'Name'", e.getMessage());
    }

    @Test
    void textIsEmptyWhenAbsentAndBounded() {
        assertEquals("", QueryParams.text("q", null, 5));
        assertEquals("abcde", QueryParams.text("q", "abcde", 5));
        InvalidParameterException e = assertThrows(InvalidParameterException.class,
                () -> QueryParams.text("q", "abcdef", 5));
        assertEquals("q must be at most 5 characters", e.getMessage());
    }
}
