package org.segrank.metrics.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The numpy details COCOeval's numbers depend on, and the parameters built from them. */
class NumericsTest {

    @Test
    void iouThresholdsAreNumpyLinspaceValues() {
        double[] t = EvalParams.defaults().iouThresholds();
        assertEquals(10, t.length);
        // i * (0.45 / 9) + 0.5: 0.75 comes out exact (so AP75 finds its threshold), 0.9 does not.
        assertEquals(0.75, t[5]);
        assertEquals(0.8999999999999999, t[8]);
        assertEquals(0.95, t[9]);
        double[] r = EvalParams.defaults().recallThresholds();
        assertEquals(101, r.length);
        assertEquals(0.5, r[50]);
        assertEquals(1.0, r[100]);
    }

    @Test
    void meanUsesPairwiseSummation() {
        // numpy sums ten values as eight partial sums r0..r7 combined as ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)),
        // then adds the remaining two: ten copies of 0.1 give 0.8 + 0.1 + 0.1 = 1.0 exactly, mean 0.1.
        // A plain left-to-right loop gives 0.9999999999999999 and mean 0.09999999999999999.
        double[] tenths = new double[10];
        java.util.Arrays.fill(tenths, 0.1);
        assertEquals(0.1, NumpyCompat.mean(tenths, 10));
        double naive = 0;
        for (double v : tenths) {
            naive += v;
        }
        assertNotEquals(0.1, naive / 10);
    }

    @Test
    void formattingRoundsLikePython() {
        // '{:0.3f}'.format(x) rounds the exact binary value: 1.0005 is 1.000499999..., 0.0005 is 0.000500000...01.
        assertEquals("1.000", NumpyCompat.formatFixed(1.0005, 3));
        assertEquals("0.001", NumpyCompat.formatFixed(0.0005, 3));
        assertEquals("0.636", NumpyCompat.formatFixed(0.6365, 3));
        assertEquals("-1.000", NumpyCompat.formatFixed(-1, 3));
        assertEquals("0.50", NumpyCompat.formatFixed(0.5, 2));
    }

    @Test
    void stableDescendingOrderKeepsTies() {
        // Scores 0.5, 0.9, 0.5, 0.9, 0.0, -0.0: descending, equal keys in index order, 0.0 == -0.0 as in numpy.
        double[] scores = {0.5, 0.9, 0.5, 0.9, 0.0, -0.0};
        assertArrayEquals(new int[] {1, 3, 0, 2, 4, 5}, NumpyCompat.stableOrderByDescending(scores, 6));
        double[] many = new double[100];
        for (int i = 0; i < many.length; i++) {
            many[i] = (i * 7) % 5; // values 0..4, 20 of each
        }
        int[] order = NumpyCompat.stableOrderByDescending(many, many.length);
        for (int i = 1; i < order.length; i++) {
            boolean descending = many[order[i - 1]] > many[order[i]];
            boolean tieInOrder = many[order[i - 1]] == many[order[i]] && order[i - 1] < order[i];
            assertEquals(true, descending || tieInOrder, "position " + i);
        }
    }

    @Test
    void searchSortedLeft() {
        // First index whose value is >= key.
        double[] recall = {0.5, 0.5, 1.0};
        assertEquals(0, NumpyCompat.searchSortedLeft(recall, 3, 0.0));
        assertEquals(0, NumpyCompat.searchSortedLeft(recall, 3, 0.5));
        assertEquals(2, NumpyCompat.searchSortedLeft(recall, 3, 0.51));
        assertEquals(3, NumpyCompat.searchSortedLeft(recall, 3, 1.01));
    }

    @Test
    void maxDetsParameters() {
        assertArrayEquals(new int[] {1, 10, 1000}, EvalParams.defaults().maxDets());
        assertArrayEquals(new int[] {1, 10, 100}, EvalParams.cocoDefaults().maxDets());
        assertArrayEquals(new int[] {1, 10, 500}, EvalParams.defaults().withMaxDets(500).maxDets());
        assertEquals(500, EvalParams.defaults().withMaxDets(500).maxDetections());
        assertThrows(IllegalArgumentException.class, () -> EvalParams.defaults().withMaxDets(5));
        assertThrows(IllegalArgumentException.class, () -> EvalParams.defaults().withMaxDets(10, 10, 100));
    }
}
