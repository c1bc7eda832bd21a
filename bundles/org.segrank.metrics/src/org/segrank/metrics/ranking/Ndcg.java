package org.segrank.metrics.ranking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.segrank.core.ModelId;
import org.segrank.core.ModelRanking;

/**
 * nDCG@k of a predicted model ranking against a query's true APs.
 *
 * <pre>
 *   DCG@k  = sum_{i=1..k} rel_i / log2(1 + i)      (i = 1-based predicted position)
 *   IDCG@k = DCG@k of the same relevances sorted descending
 *   nDCG@k = DCG@k / IDCG@k
 * </pre>
 *
 * <p>Rules, all fixed by {@link NdcgSettings}:
 * <ul>
 *   <li>{@code rel_i} is 1 if the model at position {@code i} is in
 *       {@link RelevanceRule#relevantModels} of the truth, else 0.</li>
 *   <li>{@code k} comes from {@link CutOff}: default the whole list; larger than the list is
 *       clipped; the ideal uses the same {@code k}.</li>
 *   <li>A query whose true APs are all 0 is handled by {@link AllZeroPolicy} (default
 *       {@link AllZeroPolicy#EXCLUDE}) before relevance is computed.</li>
 *   <li>Otherwise the best model is always relevant and {@code k >= 1}, so {@code IDCG@k >= 1} and
 *       the division is always defined.</li>
 * </ul>
 *
 * <p>The prediction must rank exactly the models that have a true AP, each once; anything else is
 * an {@link IllegalArgumentException} naming the offending model. This is checked before the
 * all-zero policy, so a malformed query is never silently excluded.
 */
public final class Ndcg {

    private final NdcgSettings settings;

    public Ndcg(NdcgSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings must not be null");
    }

    /** nDCG with {@link NdcgSettings#defaults()}. */
    public static Ndcg withDefaults() {
        return new Ndcg(NdcgSettings.defaults());
    }

    public NdcgSettings settings() {
        return settings;
    }

    /** Evaluates the models of {@code predicted} in its order (best first). */
    public NdcgResult evaluate(ModelRanking predicted, ModelRanking truth) {
        Objects.requireNonNull(predicted, "predicted ranking must not be null");
        return evaluate(predicted.models(), truth);
    }

    /**
     * Evaluates a predicted order (first element = predicted best) against the query's true APs.
     *
     * @param predicted every model of {@code truth}, each exactly once
     * @param truth the query's true APs
     * @throws IllegalArgumentException if the model sets differ or {@code predicted} repeats a model
     */
    public NdcgResult evaluate(List<ModelId> predicted, ModelRanking truth) {
        Objects.requireNonNull(predicted, "predicted ranking must not be null");
        Objects.requireNonNull(truth, "truth must not be null");
        requireSameModels(predicted, truth);

        int k = settings.cutOff().resolve(predicted.size());
        if (truth.bestAp() == 0.0) {
            return applyAllZeroPolicy(k);
        }

        Set<ModelId> relevant = settings.relevanceRule().relevantModels(truth);
        List<Integer> relevanceByPosition = new ArrayList<>(predicted.size());
        for (ModelId model : predicted) {
            relevanceByPosition.add(relevant.contains(model) ? 1 : 0);
        }
        List<Integer> idealRelevance = new ArrayList<>(relevanceByPosition);
        idealRelevance.sort(Comparator.reverseOrder());

        double dcg = dcg(relevanceByPosition, k);
        double idealDcg = dcg(idealRelevance, k);
        if (!(idealDcg > 0.0)) { // unreachable: the best model is relevant and k >= 1
            throw new IllegalStateException("ideal DCG is 0 although the best AP is " + truth.bestAp());
        }
        int relevantInTopK = (int) relevanceByPosition.subList(0, k).stream().filter(rel -> rel == 1).count();
        return new NdcgResult.Scored(dcg / idealDcg, k, relevant.size(), relevantInTopK);
    }

    private NdcgResult applyAllZeroPolicy(int k) {
        AllZeroPolicy policy = settings.allZeroPolicy();
        return switch (policy) {
            case EXCLUDE -> new NdcgResult.Excluded(policy,
                    "every model's true AP on the query is 0, so relevance is undefined");
            case SCORE_AS_ONE -> new NdcgResult.ScoredByAllZeroPolicy(1.0, k, policy);
            case SCORE_AS_ZERO -> new NdcgResult.ScoredByAllZeroPolicy(0.0, k, policy);
        };
    }

    /** {@code sum_{i=1..k} rel_i / log2(1 + i)}, positions 1-based. */
    private static double dcg(List<Integer> relevanceByPosition, int k) {
        double sum = 0.0;
        for (int position = 1; position <= k; position++) {
            sum += relevanceByPosition.get(position - 1) / log2(1 + position);
        }
        return sum;
    }

    private static double log2(int x) {
        return Math.log(x) / Math.log(2);
    }

    private static void requireSameModels(List<ModelId> predicted, ModelRanking truth) {
        Set<ModelId> seen = new HashSet<>();
        for (ModelId model : predicted) {
            Objects.requireNonNull(model, "predicted ranking must not contain null");
            if (!seen.add(model)) {
                throw new IllegalArgumentException(
                        "model " + model + " appears more than once in the predicted ranking");
            }
            if (!truth.contains(model)) {
                throw new IllegalArgumentException(
                        "model " + model + " is in the predicted ranking but has no true AP on the query");
            }
        }
        for (ModelId model : truth.models()) {
            if (!seen.contains(model)) {
                throw new IllegalArgumentException(
                        "model " + model + " has a true AP on the query but is missing from the predicted ranking");
            }
        }
    }
}
