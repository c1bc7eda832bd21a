package org.segrank.metrics.ranking;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.segrank.core.ModelId;
import org.segrank.core.ModelRanking;

/**
 * Borda count: one consensus ranking from several rankings of the same models (SegRank's fixed
 * baseline ranking, built from the candidates' rankings).
 *
 * <p>In a ranking of {@code n} models the model at 1-based position {@code i} gets
 * {@code n - i} points (best {@code n - 1}, last 0). Points are summed over all rankings and
 * models are ordered by total descending.
 *
 * <p>Ties: input rankings are {@link ModelRanking}s, which are strict orders (equal APs are
 * already ordered by model id), so positions never tie. Equal totals are broken by
 * {@link ModelId} ascending (natural {@code String} order), so the result is deterministic and
 * independent of the order of the input rankings.
 */
public final class BordaCount {

    static final Comparator<BordaRanking.Entry> BEST_FIRST =
            Comparator.comparingLong(BordaRanking.Entry::points).reversed()
                    .thenComparing(BordaRanking.Entry::model);

    private BordaCount() {
    }

    /**
     * @param rankings at least one ranking; all over the same set of models
     * @throws IllegalArgumentException if {@code rankings} is empty or a ranking's model set differs
     *     from the first one's (the message names the missing and extra models)
     */
    public static BordaRanking rank(Collection<ModelRanking> rankings) {
        Objects.requireNonNull(rankings, "rankings must not be null");
        if (rankings.isEmpty()) {
            throw new IllegalArgumentException("Borda count needs at least one ranking");
        }
        Set<ModelId> modelSet = null;
        Map<ModelId, Long> points = new HashMap<>();
        int rankingIndex = 0;
        for (ModelRanking ranking : rankings) {
            Objects.requireNonNull(ranking, "rankings must not contain null");
            List<ModelId> models = ranking.models();
            if (modelSet == null) {
                modelSet = new TreeSet<>(models);
            } else {
                requireSameModels(modelSet, models, rankingIndex);
            }
            int n = models.size();
            for (int position = 1; position <= n; position++) {
                points.merge(models.get(position - 1), (long) (n - position), Long::sum);
            }
            rankingIndex++;
        }
        List<BordaRanking.Entry> entries = new ArrayList<>();
        points.forEach((model, total) -> entries.add(new BordaRanking.Entry(model, total)));
        entries.sort(BEST_FIRST);
        return new BordaRanking(entries);
    }

    private static void requireSameModels(Set<ModelId> expected, List<ModelId> actual, int rankingIndex) {
        Set<ModelId> missing = new TreeSet<>(expected);
        missing.removeAll(actual);
        Set<ModelId> extra = new TreeSet<>(actual);
        extra.removeAll(expected);
        if (!missing.isEmpty() || !extra.isEmpty()) {
            throw new IllegalArgumentException("ranking #" + rankingIndex + " (0-based) is not over the same models"
                    + " as ranking #0: missing " + missing + ", extra " + extra);
        }
    }
}
