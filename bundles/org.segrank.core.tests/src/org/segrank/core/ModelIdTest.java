package org.segrank.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ModelIdTest {

    @Test
    void rejectsBlankAndNullNames() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> new ModelId("  "));
        assertEquals("model name must not be blank", blank.getMessage());
        NullPointerException missing = assertThrows(NullPointerException.class, () -> new ModelId(null));
        assertEquals("model name must not be null", missing.getMessage());
    }

    @Test
    void ordersByNaturalStringOrder() {
        // String order compares UTF-16 code units: 'B' (66) < 'a' (97), and "m10" < "m2" because '1' < '2'.
        assertTrue(new ModelId("B").compareTo(new ModelId("a")) < 0);
        assertTrue(new ModelId("m10").compareTo(new ModelId("m2")) < 0);
        assertEquals(0, new ModelId("x").compareTo(new ModelId("x")));
    }

    @Test
    void imageIdRejectsBlank() {
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> new ImageId(""));
        assertEquals("image id must not be blank", blank.getMessage());
        assertTrue(new ImageId("img1").compareTo(new ImageId("img2")) < 0);
    }
}
