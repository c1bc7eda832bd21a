package org.segrank.metrics.ranking;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.segrank.core.ModelId;

/**
 * The result of {@link BordaCount}: models ordered by Borda points, best first.
 *
 * <p>Order: points descending, then {@link ModelId} ascending (natural {@code String} order).
 *
 * @param entries the models with their point totals, in the order above
 */
public record BordaRanking(List<Entry> entries) {

    /**
     * One model's Borda total.
     *
     * @param model the model
     * @param points sum over the input rankings of {@code n - position}
     */
    public record Entry(ModelId model, long points) {
        public Entry {
            Objects.requireNonNull(model, "model must not be null");
        }
    }

    public BordaRanking {
        entries = List.copyOf(entries);
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("a Borda ranking needs at least one model");
        }
        Set<ModelId> seen = new HashSet<>();
        for (int index = 0; index < entries.size(); index++) {
            Entry entry = entries.get(index);
            if (!seen.add(entry.model())) {
                throw new IllegalArgumentException("model " + entry.model() + " appears more than once");
            }
            if (index > 0 && BordaCount.BEST_FIRST.compare(entries.get(index - 1), entry) > 0) {
                throw new IllegalArgumentException("entries must be ordered by points descending, then model id: "
                        + entries.get(index - 1) + " before " + entry);
            }
        }
    }

    /** The models, best first; usable as a predicted ranking for {@link Ndcg}. */
    public List<ModelId> models() {
        return entries.stream().map(Entry::model).toList();
    }

    public int size() {
        return entries.size();
    }

    /**
     * The model's point total.
     *
     * @throws IllegalArgumentException if the model is not ranked
     */
    public long pointsOf(ModelId model) {
        return entries.get(positionOf(model) - 1).points();
    }

    /**
     * The model's 1-based position.
     *
     * @throws IllegalArgumentException if the model is not ranked
     */
    public int positionOf(ModelId model) {
        for (int index = 0; index < entries.size(); index++) {
            if (entries.get(index).model().equals(model)) {
                return index + 1;
            }
        }
        throw new IllegalArgumentException("model " + model + " is not in the Borda ranking " + models());
    }
}
