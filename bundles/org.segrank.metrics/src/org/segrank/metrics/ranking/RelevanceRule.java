package org.segrank.metrics.ranking;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import org.segrank.core.ModelId;
import org.segrank.core.ModelRanking;
import org.segrank.core.ModelScore;

/**
 * Decides which models are relevant for a query from the query's true APs. Relevance is binary:
 * {@code rel = 1} for a model in {@link #relevantModels}, {@code 0} otherwise.
 *
 * <p>Both rules always mark the query's best model relevant. A query whose true APs are all
 * {@code 0} has no meaningful "best"; {@link Ndcg} intercepts it with {@link AllZeroPolicy} before
 * a rule is applied.
 */
public sealed interface RelevanceRule {

    /** The paper's default ratio for {@link WithinRatioOfBest}. */
    double DEFAULT_RATIO = 0.8;

    /**
     * Absolute tolerance for the method-1 threshold. {@code ratio * best} is rounded in floating
     * point (e.g. {@code 0.8 * 0.9 == 0.7200000000000001}), which would otherwise make a model with
     * AP exactly {@code 0.72} irrelevant. {@code 1e-12} is far below any meaningful AP difference.
     */
    double THRESHOLD_TOLERANCE = 1e-12;

    /**
     * The relevant models of the query, in the order of {@code truth}.
     *
     * @param truth the query's true APs
     */
    Set<ModelId> relevantModels(ModelRanking truth);

    /** A one-line description of the rule and its parameters, for recording with results. */
    String describe();

    /** Method 1 with the default ratio {@value #DEFAULT_RATIO}. */
    static RelevanceRule withinRatioOfBest() {
        return new WithinRatioOfBest(DEFAULT_RATIO);
    }

    /** Method 1 with the given ratio. */
    static RelevanceRule withinRatioOfBest(double ratio) {
        return new WithinRatioOfBest(ratio);
    }

    /** Method 2. */
    static RelevanceRule bestOnly() {
        return new BestOnly();
    }

    /**
     * Method 1: a model is relevant iff {@code ap >= ratio * best - 1e-12}, where {@code best} is
     * the highest true AP of the query (see {@link #THRESHOLD_TOLERANCE}).
     *
     * @param ratio in {@code (0, 1]}; the paper's default is {@value RelevanceRule#DEFAULT_RATIO}
     */
    record WithinRatioOfBest(double ratio) implements RelevanceRule {

        public WithinRatioOfBest {
            if (!(ratio > 0.0 && ratio <= 1.0)) {
                throw new IllegalArgumentException("relevance ratio must be in (0, 1], got " + ratio);
            }
        }

        @Override
        public Set<ModelId> relevantModels(ModelRanking truth) {
            Objects.requireNonNull(truth, "truth must not be null");
            double threshold = ratio * truth.bestAp() - THRESHOLD_TOLERANCE;
            Set<ModelId> relevant = new LinkedHashSet<>();
            for (ModelScore score : truth.scores()) {
                if (score.ap() >= threshold) {
                    relevant.add(score.model());
                }
            }
            return Collections.unmodifiableSet(relevant);
        }

        @Override
        public String describe() {
            return "method 1: relevant iff ap >= " + ratio + " * best - " + THRESHOLD_TOLERANCE;
        }
    }

    /**
     * Method 2: only the query's best model is relevant; when several models share the highest AP
     * (exact equality of the stored values, consistent with the {@link ModelRanking} tie-break)
     * all of them are relevant.
     */
    record BestOnly() implements RelevanceRule {

        @Override
        public Set<ModelId> relevantModels(ModelRanking truth) {
            Objects.requireNonNull(truth, "truth must not be null");
            double best = truth.bestAp();
            Set<ModelId> relevant = new LinkedHashSet<>();
            for (ModelScore score : truth.scores()) {
                if (score.ap() == best) {
                    relevant.add(score.model());
                }
            }
            return Collections.unmodifiableSet(relevant);
        }

        @Override
        public String describe() {
            return "method 2: relevant iff ap == best (all tied best models relevant)";
        }
    }
}
