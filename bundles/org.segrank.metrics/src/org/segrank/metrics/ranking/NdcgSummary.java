package org.segrank.metrics.ranking;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.TreeMap;

import org.segrank.core.ImageId;

/**
 * Mean nDCG over many queries, with the queries that were not scored normally reported, never
 * hidden.
 *
 * <p>{@code meanNdcg} is the arithmetic mean of the values of {@link NdcgResult.Scored} and
 * {@link NdcgResult.ScoredByAllZeroPolicy} results; {@link NdcgResult.Excluded} results are
 * not part of it. It is empty when no query was scored.
 *
 * @param settings the settings every result was computed with
 * @param queryCount number of queries evaluated, including excluded ones
 * @param scoredCount number of queries in the mean ({@code queryCount - excludedQueries.size()})
 * @param meanNdcg mean over the scored queries; empty if there are none
 * @param allZeroQueries queries whose true APs were all 0 (hit by {@code settings.allZeroPolicy()}),
 *     sorted by id
 * @param excludedQueries queries not in the mean, sorted by id
 */
public record NdcgSummary(NdcgSettings settings, int queryCount, int scoredCount, OptionalDouble meanNdcg,
        List<ImageId> allZeroQueries, List<ImageId> excludedQueries) {

    public NdcgSummary {
        Objects.requireNonNull(settings, "settings must not be null");
        Objects.requireNonNull(meanNdcg, "meanNdcg must not be null");
        allZeroQueries = List.copyOf(allZeroQueries);
        excludedQueries = List.copyOf(excludedQueries);
        if (scoredCount + excludedQueries.size() != queryCount) {
            throw new IllegalArgumentException("scored (" + scoredCount + ") + excluded ("
                    + excludedQueries.size() + ") queries must equal all queries (" + queryCount + ")");
        }
        if (meanNdcg.isPresent() != (scoredCount > 0)) {
            throw new IllegalArgumentException("a mean exists exactly when at least one query was scored");
        }
    }

    /**
     * Summarises per-query results computed with {@code settings}.
     *
     * <p>Values are summed in {@link ImageId} order so the mean does not depend on the map's
     * iteration order.
     *
     * @throws IllegalArgumentException if a result was produced under a different
     *     {@link AllZeroPolicy} than {@code settings} records (the message names the query)
     */
    public static NdcgSummary of(NdcgSettings settings, Map<ImageId, ? extends NdcgResult> resultsByQuery) {
        Objects.requireNonNull(settings, "settings must not be null");
        Objects.requireNonNull(resultsByQuery, "resultsByQuery must not be null");
        double sum = 0.0;
        int scored = 0;
        List<ImageId> allZero = new ArrayList<>();
        List<ImageId> excluded = new ArrayList<>();
        for (Map.Entry<ImageId, ? extends NdcgResult> entry : new TreeMap<>(resultsByQuery).entrySet()) {
            ImageId query = entry.getKey();
            NdcgResult result = Objects.requireNonNull(entry.getValue(), "result of query " + query + " is null");
            if (result.allZeroPolicyApplied()) {
                allZero.add(query);
            }
            switch (result) {
                case NdcgResult.Scored s -> {
                    sum += s.ndcg();
                    scored++;
                }
                case NdcgResult.ScoredByAllZeroPolicy s -> {
                    requirePolicy(settings, s.policy(), query);
                    sum += s.ndcg();
                    scored++;
                }
                case NdcgResult.Excluded e -> {
                    requirePolicy(settings, e.policy(), query);
                    excluded.add(query);
                }
            }
        }
        OptionalDouble mean = scored == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / scored);
        return new NdcgSummary(settings, resultsByQuery.size(), scored, mean, allZero, excluded);
    }

    private static void requirePolicy(NdcgSettings settings, AllZeroPolicy used, ImageId query) {
        if (used != settings.allZeroPolicy()) {
            throw new IllegalArgumentException("result of query " + query + " was computed with all-zero policy "
                    + used + " but the summary's settings say " + settings.allZeroPolicy());
        }
    }

    /** A one-line report including the settings and every non-scored query. */
    public String describe() {
        String mean = meanNdcg.isPresent() ? String.format(java.util.Locale.ROOT, "%.4f", meanNdcg.getAsDouble())
                : "n/a";
        return "mean nDCG " + mean + " over " + scoredCount + " of " + queryCount + " queries ("
                + settings.describe() + "); all-zero queries: " + allZeroQueries.size() + " " + allZeroQueries
                + "; excluded: " + excludedQueries.size() + " " + excludedQueries;
    }
}
