package org.segrank.metrics.ranking;

/**
 * What nDCG does with a query on which every model's true AP is {@code 0}.
 *
 * <p>For such a query {@code ratio * best = 0}, so method 1 would mark every model relevant, and
 * method 2 would mark every model "tied best"; either way any prediction would get nDCG 1, which
 * says nothing about the ranking. The query is detected as {@code best AP == 0} (APs are validated
 * to {@code [0, 1]}, so this means all APs are 0; undefined/NaN APs are rejected earlier by
 * {@link org.segrank.core.ModelScore}). The policy applies before the {@link RelevanceRule}.
 *
 * <p>Every outcome reports the policy that applied, and {@link NdcgSummary} counts and lists the
 * queries it hit.
 */
public enum AllZeroPolicy {

    /** Default: skip the query; it is reported as excluded and not part of the mean. */
    EXCLUDE,

    /** Score the query as nDCG 1 (what the naive formula gives); it is part of the mean. */
    SCORE_AS_ONE,

    /** Score the query as nDCG 0; it is part of the mean. */
    SCORE_AS_ZERO;

    /** {@link #EXCLUDE}. */
    public static AllZeroPolicy defaultPolicy() {
        return EXCLUDE;
    }
}
