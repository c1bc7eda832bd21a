package org.segrank.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ModelScoreTest {

    private static final ModelId A = new ModelId("A");

    @Test
    void rejectsApOutsideUnitIntervalOrNotFinite() {
        for (double ap : new double[] {-0.01, 1.01, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            IllegalArgumentException error =
                    assertThrows(IllegalArgumentException.class, () -> new ModelScore(A, ap), "AP " + ap);
            assertEquals("AP of model A must be a finite number in [0, 1], got " + ap, error.getMessage());
        }
    }

    @Test
    void nanMessageSaysNaN() {
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> new ModelScore(A, Double.NaN));
        assertEquals("AP of model A must be a finite number in [0, 1], got NaN", error.getMessage());
    }

    @Test
    void acceptsBothBounds() {
        assertEquals(0.0, new ModelScore(A, 0.0).ap());
        assertEquals(1.0, new ModelScore(A, 1.0).ap());
    }

    @Test
    void normalisesNegativeZero() {
        // assertEquals(double, double) compares bit patterns, so -0.0 would not equal 0.0 here.
        assertEquals(0.0, new ModelScore(A, -0.0).ap());
    }

    @Test
    void rejectsNullModel() {
        assertThrows(NullPointerException.class, () -> new ModelScore(null, 0.5));
    }
}
