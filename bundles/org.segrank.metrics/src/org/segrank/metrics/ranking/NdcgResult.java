package org.segrank.metrics.ranking;

import java.util.Objects;

/**
 * The nDCG outcome of one query. Only {@link Scored} and {@link ScoredByAllZeroPolicy} carry a
 * value; {@link Excluded} has none, so an excluded query cannot be averaged by mistake.
 */
public sealed interface NdcgResult {

    /** Whether {@link AllZeroPolicy} decided this outcome (the query's true APs are all 0). */
    boolean allZeroPolicyApplied();

    /**
     * A regular nDCG value.
     *
     * @param ndcg {@code DCG@k / IDCG@k}, in {@code [0, 1]}
     * @param k the cut-off actually used (after clipping to the ranking length)
     * @param relevantCount number of relevant models for the query (over all models)
     * @param relevantInTopK number of relevant models among the first {@code k} predicted
     */
    record Scored(double ndcg, int k, int relevantCount, int relevantInTopK) implements NdcgResult {
        @Override
        public boolean allZeroPolicyApplied() {
            return false;
        }
    }

    /**
     * A value assigned by {@link AllZeroPolicy#SCORE_AS_ONE} or
     * {@link AllZeroPolicy#SCORE_AS_ZERO}, not computed from a ranking.
     *
     * @param ndcg 1 or 0
     * @param k the cut-off that would have been used
     * @param policy the policy that assigned the value
     */
    record ScoredByAllZeroPolicy(double ndcg, int k, AllZeroPolicy policy) implements NdcgResult {
        public ScoredByAllZeroPolicy {
            Objects.requireNonNull(policy, "policy must not be null");
        }

        @Override
        public boolean allZeroPolicyApplied() {
            return true;
        }
    }

    /**
     * The query was skipped.
     *
     * @param policy the policy that excluded it ({@link AllZeroPolicy#EXCLUDE})
     * @param reason human-readable reason
     */
    record Excluded(AllZeroPolicy policy, String reason) implements NdcgResult {
        public Excluded {
            Objects.requireNonNull(policy, "policy must not be null");
            Objects.requireNonNull(reason, "reason must not be null");
        }

        @Override
        public boolean allZeroPolicyApplied() {
            return true;
        }
    }
}
