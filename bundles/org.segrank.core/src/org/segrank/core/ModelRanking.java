package org.segrank.core;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An immutable ranking of models by AP on one image, best first.
 *
 * <p><b>Order (the SegRank tie-break).</b> Scores are always held in this order, whatever order
 * they were given in:
 * <ol>
 *   <li>AP descending;</li>
 *   <li>for equal AP (exact equality of the stored doubles), {@link ModelId} ascending in natural
 *       {@link String} order.</li>
 * </ol>
 * The id tie-break makes a ranking deterministic and independent of the iteration order of the
 * input (e.g. a {@code HashMap} of APs), so the same APs always yield the same ranking and every
 * ranking is a strict order (no ties), which is what nDCG and Borda count consume.
 *
 * <p>A ranking contains at least one model and each model at most once.
 *
 * @param scores the scores; re-ordered into the order above and copied (the accessor returns an
 *     unmodifiable list)
 */
public record ModelRanking(List<ModelScore> scores) {

    private static final Comparator<ModelScore> BEST_FIRST =
            Comparator.comparingDouble(ModelScore::ap).reversed()
                    .thenComparing(ModelScore::model);

    public ModelRanking {
        Objects.requireNonNull(scores, "scores must not be null");
        if (scores.isEmpty()) {
            throw new IllegalArgumentException("a ranking needs at least one model");
        }
        Set<ModelId> seen = new HashSet<>();
        for (ModelScore score : scores) {
            Objects.requireNonNull(score, "scores must not contain null");
            if (!seen.add(score.model())) {
                throw new IllegalArgumentException(
                        "model " + score.model() + " appears more than once in the ranking");
            }
        }
        List<ModelScore> sorted = new ArrayList<>(scores);
        sorted.sort(BEST_FIRST);
        scores = List.copyOf(sorted);
    }

    /**
     * Ranks the given APs with the SegRank tie-break (AP descending, then model id ascending).
     *
     * @param apByModel AP per model; non-empty, no {@code null} keys or values, every AP finite in
     *     {@code [0, 1]}
     * @throws IllegalArgumentException if the map is empty or an AP is missing or invalid (the
     *     message names the model)
     */
    public static ModelRanking byAp(Map<ModelId, Double> apByModel) {
        Objects.requireNonNull(apByModel, "apByModel must not be null");
        List<ModelScore> scores = new ArrayList<>(apByModel.size());
        for (Map.Entry<ModelId, Double> entry : apByModel.entrySet()) {
            if (entry.getValue() == null) {
                throw new IllegalArgumentException("AP of model " + entry.getKey() + " is missing (null)");
            }
            scores.add(new ModelScore(entry.getKey(), entry.getValue()));
        }
        return new ModelRanking(scores);
    }

    /** The models, best first. */
    public List<ModelId> models() {
        return scores.stream().map(ModelScore::model).toList();
    }

    /** Number of models in the ranking. */
    public int size() {
        return scores.size();
    }

    /** Whether the model is ranked here. */
    public boolean contains(ModelId model) {
        return scores.stream().anyMatch(score -> score.model().equals(model));
    }

    /**
     * The 1-based position of the model (1 = best), matching the rank position {@code i} of the
     * nDCG formula.
     *
     * @throws IllegalArgumentException if the model is not in the ranking
     */
    public int positionOf(ModelId model) {
        for (int index = 0; index < scores.size(); index++) {
            if (scores.get(index).model().equals(model)) {
                return index + 1;
            }
        }
        throw new IllegalArgumentException("model " + model + " is not in the ranking " + models());
    }

    /**
     * The AP of the model.
     *
     * @throws IllegalArgumentException if the model is not in the ranking
     */
    public double apOf(ModelId model) {
        return scores.get(positionOf(model) - 1).ap();
    }

    /** The highest AP in the ranking (the AP of the model at position 1). */
    public double bestAp() {
        return scores.get(0).ap();
    }

    /**
     * The first {@code n} models as a ranking; {@code n} larger than {@link #size()} is clipped to
     * the whole ranking.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public ModelRanking top(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("top(n) needs n >= 1, got " + n);
        }
        return new ModelRanking(scores.subList(0, Math.min(n, scores.size())));
    }
}
