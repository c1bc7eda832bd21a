package org.segrank.experiments;

import java.util.Arrays;
import java.util.SplittableRandom;

/** Percentile bootstrap of a mean: resample the values with replacement, take the 2.5% and 97.5% quantiles. */
public final class Bootstrap {

    private Bootstrap() {
    }

    /** A mean with its 95% interval. */
    public record Interval(double mean, double low, double high, int n) {
    }

    /**
     * @param values the per-query values (NaN not allowed)
     * @return the mean and interval; for no values all NaN; for one value a zero-width interval
     */
    public static Interval meanInterval(double[] values, int samples, long seed) {
        int n = values.length;
        if (n == 0) {
            return new Interval(Double.NaN, Double.NaN, Double.NaN, 0);
        }
        double mean = Arrays.stream(values).sum() / n;
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[samples];
        for (int s = 0; s < samples; s++) {
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += values[random.nextInt(n)];
            }
            means[s] = sum / n;
        }
        Arrays.sort(means);
        return new Interval(mean, quantile(means, 0.025), quantile(means, 0.975), n);
    }

    /** Linear interpolation between order statistics (numpy's default). */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int lower = (int) Math.floor(position);
        int upper = Math.min(sorted.length - 1, lower + 1);
        return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
    }
}
