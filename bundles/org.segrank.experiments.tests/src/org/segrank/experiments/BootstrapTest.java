package org.segrank.experiments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BootstrapTest {

    @Test
    void meanIsExactAndTheIntervalSurroundsIt() {
        double[] values = { 0.2, 0.4, 0.6, 0.8, 1.0 };
        Bootstrap.Interval interval = Bootstrap.meanInterval(values, 2000, 7);
        assertEquals(0.6, interval.mean(), 1e-12);
        assertTrue(interval.low() < 0.6 && interval.high() > 0.6, interval.toString());
        assertTrue(interval.low() >= 0.2 && interval.high() <= 1.0, interval.toString());
        assertEquals(5, interval.n());
        // the standard error of this mean is 0.126; the 95% interval spans about 2 x 1.96 x 0.126 = 0.5
        assertEquals(0.5, interval.high() - interval.low(), 0.1);
    }

    @Test
    void sameSeedSameInterval_constantValuesZeroWidth_noValuesNaN() {
        double[] values = { 0.1, 0.9, 0.5, 0.3 };
        assertEquals(Bootstrap.meanInterval(values, 500, 3), Bootstrap.meanInterval(values, 500, 3));
        Bootstrap.Interval constant = Bootstrap.meanInterval(new double[] { 0.7, 0.7, 0.7 }, 100, 1);
        assertEquals(0.7, constant.low(), 1e-12);
        assertEquals(0.7, constant.high(), 1e-12);
        assertTrue(Double.isNaN(Bootstrap.meanInterval(new double[0], 100, 1).mean()));
    }

    @Test
    void quantileInterpolatesLinearlyLikeNumpy() {
        double[] sorted = { 1, 2, 3, 4 };
        assertEquals(1.075, Bootstrap.quantile(sorted, 0.025), 1e-12); // position 0.075
        assertEquals(3.925, Bootstrap.quantile(sorted, 0.975), 1e-12); // position 2.925
    }
}
