package org.segrank.features;

import java.util.Arrays;

/** Quantiles of histograms and small samples. */
final class Quantiles {
    private Quantiles() {
    }

    /**
     * The {@code q}-quantile of values binned as {@code histogram[b]} = count in
     * {@code [origin + b * binWidth, origin + (b + 1) * binWidth)}, interpolated linearly inside the bin.
     * An empty histogram gives {@code origin}.
     */
    static double ofHistogram(int[] histogram, long total, double q, double binWidth, double origin) {
        if (total <= 0) {
            return origin;
        }
        double target = q * total;
        long cumulative = 0;
        for (int b = 0; b < histogram.length; b++) {
            if (histogram[b] > 0 && cumulative + histogram[b] >= target) {
                double within = (target - cumulative) / histogram[b];
                return origin + (b + within) * binWidth;
            }
            cumulative += histogram[b];
        }
        return origin + histogram.length * binWidth;
    }

    /**
     * The lower {@code q}-quantile of integer levels: the smallest level whose cumulative count reaches
     * {@code ceil(q * total)} (at least 1). Mirrored levels ({@code 255 - v}) give
     * {@link #upperLevel} of the mirrored histogram exactly.
     */
    static int lowerLevel(int[] histogram, long total, double q) {
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long cumulative = 0;
        for (int level = 0; level < histogram.length; level++) {
            cumulative += histogram[level];
            if (cumulative >= rank) {
                return level;
            }
        }
        return histogram.length - 1;
    }

    /** The upper {@code q}-quantile: the largest level whose count from the top reaches {@code ceil(q * total)}. */
    static int upperLevel(int[] histogram, long total, double q) {
        long rank = Math.max(1, (long) Math.ceil(q * total));
        long cumulative = 0;
        for (int level = histogram.length - 1; level >= 0; level--) {
            cumulative += histogram[level];
            if (cumulative >= rank) {
                return level;
            }
        }
        return 0;
    }

    /**
     * Level quantile that mirrors exactly under {@code v -> 255 - v}: the mean of the lower quantile at
     * {@code q} and the upper quantile at {@code 1 - q}.
     */
    static double symmetricLevel(int[] histogram, long total, double q) {
        return (lowerLevel(histogram, total, q) + upperLevel(histogram, total, 1 - q)) / 2.0;
    }

    /** Linear-interpolation quantile (type 7) of a sample; {@code empty} if there is none. Sorts a copy. */
    static double[] ofSample(double[] values, double[] qs, double empty) {
        double[] result = new double[qs.length];
        if (values.length == 0) {
            Arrays.fill(result, empty);
            return result;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        for (int k = 0; k < qs.length; k++) {
            double position = qs[k] * (sorted.length - 1);
            int below = (int) Math.floor(position);
            int above = Math.min(sorted.length - 1, below + 1);
            result[k] = sorted[below] + (position - below) * (sorted[above] - sorted[below]);
        }
        return result;
    }

    /**
     * Weighted quantile: the value at which the cumulative weight of the sorted values reaches
     * {@code q} of the total; {@code empty} if there are no values.
     */
    static double weightedQuantile(double[] values, double[] weights, double q, double empty) {
        if (values.length == 0) {
            return empty;
        }
        Integer[] order = new Integer[values.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(values[a], values[b]));
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double cumulative = 0;
        for (int index : order) {
            cumulative += weights[index];
            if (cumulative >= q * total) {
                return values[index];
            }
        }
        return values[order[order.length - 1]];
    }
}
