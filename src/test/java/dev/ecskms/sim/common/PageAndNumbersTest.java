package dev.ecskms.sim.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PageAndNumbersTest {

    @Test
    void aPagePastTheEndIsEmptyEvenWhereTheOffsetOverflowsAnInt() {
        List<Integer> all = List.of(1, 2, 3);
        assertEquals(List.of(), Page.of(all, Integer.MAX_VALUE, 100).items());
        assertEquals(3, Page.of(all, Integer.MAX_VALUE, 100).totalCount());
        assertEquals(List.of(), Page.of(all, 65_536, 65_536).items()); // (n - 1) * size wraps to a negative int
        assertEquals(List.of(3), Page.of(all, 2, 2).items());
        assertEquals(List.of(1, 2), Page.of(all, 1, 2).items());
    }

    @Test
    void pagingOutOfRangeIsInvalidParameter() {
        assertEquals("InvalidParameter", assertThrows(ApiException.class,
                () -> Page.validate(0, null, 10, 100)).code());
        assertEquals("InvalidParameter", assertThrows(ApiException.class,
                () -> Page.validate(1, 101, 10, 100)).code());
        assertEquals(Integer.MAX_VALUE, Page.validate(Integer.MAX_VALUE, 100, 10, 100)[0]);
    }

    @Test
    void onlyAsciiDigitsAreNumbers() {
        assertEquals(20, Numbers.parseInt("Size", "20"));
        assertEquals(7, Numbers.parseInt("Size", "007"));
        for (String text : List.of("\uFF12\uFF10", "\u0667", "+20", "-20", " 20", "20 ", "", "2e1", "2147483648")) {
            ApiException e = assertThrows(ApiException.class, () -> Numbers.parseInt("Size", text), text);
            assertEquals("InvalidParameter", e.code());
            assertTrue(e.getMessage().contains("\"Size\""), e.getMessage());
        }
        assertEquals(Long.MAX_VALUE, Numbers.parseLong("N", Long.toString(Long.MAX_VALUE)));
        assertThrows(ApiException.class, () -> Numbers.parseLong("N", "9223372036854775808"));
    }

    @Test
    void wellFormedTextHasNoUnpairedSurrogates() {
        assertTrue(Text.isWellFormed("plain"));
        assertTrue(Text.isWellFormed("\uD835\uDC00"));
        assertFalse(Text.isWellFormed("\uD800"));
        assertFalse(Text.isWellFormed("a\uDC00b"));
        assertFalse(Text.isWellFormed("\uD800\uD800\uDC00"));
    }
}
