package org.segrank.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class AnswerTimeTest {

    @Test
    void medianPercentileAndMaximumByHand() {
        Aggregate.AnswerTime even = Aggregate.AnswerTime.of(List.of(0.004, 0.001, 0.003, 0.002));
        assertEquals(0.0025, even.median(), 1e-15);
        // nearest rank: ceil(0.95 * 4) = 4th smallest
        assertEquals(0.004, even.p95(), 1e-15);
        assertEquals(0.004, even.max(), 1e-15);
        assertEquals("2.500 / 4.000 / 4.000 ms", even.describe());
        List<Double> hundred = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            hundred.add(i / 1000.0);
        }
        Aggregate.AnswerTime many = Aggregate.AnswerTime.of(hundred);
        assertEquals(0.0505, many.median(), 1e-15);
        assertEquals(0.095, many.p95(), 1e-15);
        assertEquals(0.1, many.max(), 1e-15);
        assertEquals(0.007, Aggregate.AnswerTime.of(List.of(0.007)).median());
        assertNull(Aggregate.AnswerTime.of(List.of()));
    }
}
