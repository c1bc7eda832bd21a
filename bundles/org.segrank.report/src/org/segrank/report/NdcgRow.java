package org.segrank.report;

import java.util.Objects;

/**
 * One nDCG result: the mean over the query images and its 95% bootstrap confidence interval.
 *
 * @param extractor feature extractor; {@code "-"} for baselines that use no features
 * @param strategy ranking strategy ("nearest", "vote-m5", "borda", "oracle", "random", ...)
 * @param k number of representatives (k-means clusters); {@code null} for rows that do not depend on k
 *     (baselines). Positive otherwise.
 * @param method relevance rule ("method 1": relevant if AP >= ratio x best AP; "method 2": only the best model)
 * @param cutoff nDCG cutoff (nDCG@cutoff), positive; {@code null} for the full ranked list
 * @param mean mean nDCG in [0, 1]
 * @param ciLow lower bound of the 95% confidence interval, in [0, 1]; NaN (together with {@code ciHigh}) if
 *     no interval was computed
 * @param ciHigh upper bound of the 95% confidence interval, {@code >= ciLow}
 * @param queries number of query images the mean is over
 */
public record NdcgRow(String extractor, String strategy, Integer k, String method, Integer cutoff, double mean,
        double ciLow, double ciHigh, int queries) {

    public NdcgRow {
        Checks.text(extractor, "extractor");
        Checks.text(strategy, "strategy");
        Checks.text(method, "method");
        if (k != null && k < 1) {
            throw new IllegalArgumentException("k must be positive or null, got " + k);
        }
        if (cutoff != null && cutoff < 1) {
            throw new IllegalArgumentException("cutoff must be positive or null, got " + cutoff);
        }
        Checks.unit(mean, "mean");
        if (Double.isNaN(ciLow) != Double.isNaN(ciHigh)) {
            throw new IllegalArgumentException("ciLow and ciHigh must both be NaN or both be defined");
        }
        Checks.unitOrNaN(ciLow, "ciLow");
        Checks.unitOrNaN(ciHigh, "ciHigh");
        if (ciLow > ciHigh) {
            throw new IllegalArgumentException("ciLow " + ciLow + " > ciHigh " + ciHigh);
        }
        Checks.nonNegative(queries, "queries");
    }

    /** Whether this row is a baseline, i.e. does not depend on k. */
    public boolean isBaseline() {
        return k == null;
    }

    /** Same extractor, strategy, k, method and cutoff. */
    boolean sameKey(NdcgRow other) {
        return extractor.equals(other.extractor) && strategy.equals(other.strategy) && Objects.equals(k, other.k)
                && method.equals(other.method) && Objects.equals(cutoff, other.cutoff);
    }
}
