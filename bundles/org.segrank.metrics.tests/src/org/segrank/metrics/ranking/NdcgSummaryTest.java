package org.segrank.metrics.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segrank.metrics.ranking.Rankings.A;
import static org.segrank.metrics.ranking.Rankings.B;
import static org.segrank.metrics.ranking.Rankings.C;
import static org.segrank.metrics.ranking.Rankings.TOLERANCE;
import static org.segrank.metrics.ranking.Rankings.aps;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.segrank.core.ImageId;

class NdcgSummaryTest {

    private static final ImageId IMG1 = new ImageId("img1");
    private static final ImageId IMG2 = new ImageId("img2");
    private static final ImageId IMG3 = new ImageId("img3");
    private static final ImageId IMG4 = new ImageId("img4");

    /**
     * Four queries, method 1 (ratio 0.8), full list:
     * img1: truth A=0.9, B=0.8, C=0.1, predicted [A, B, C] -> rel [1, 1, 0] = ideal -> 1.0
     * img2: same truth, predicted [C, A, B] -> rel [0, 1, 1] -> 1.1309297536 / 1.6309297536 = 0.6934264036
     * img3: truth all 0 -> all-zero policy
     * img4: truth A=0.9, B=0.5, C=0.4 (threshold 0.72, only A relevant), predicted [C, B, A]
     *       -> rel [0, 0, 1] -> 0.5 / 1 = 0.5
     */
    private static Map<ImageId, NdcgResult> evaluateAll(Ndcg ndcg) {
        Map<ImageId, NdcgResult> results = new LinkedHashMap<>();
        results.put(IMG3, ndcg.evaluate(List.of(A, B, C), aps("A", 0.0, "B", 0.0, "C", 0.0)));
        results.put(IMG1, ndcg.evaluate(List.of(A, B, C), aps("A", 0.9, "B", 0.8, "C", 0.1)));
        results.put(IMG4, ndcg.evaluate(List.of(C, B, A), aps("A", 0.9, "B", 0.5, "C", 0.4)));
        results.put(IMG2, ndcg.evaluate(List.of(C, A, B), aps("A", 0.9, "B", 0.8, "C", 0.1)));
        return results;
    }

    @Test
    void excludedQueriesAreCountedAndListedButNotAveraged() {
        NdcgSettings settings = NdcgSettings.defaults();
        NdcgSummary summary = NdcgSummary.of(settings, evaluateAll(new Ndcg(settings)));
        // mean over img1, img2, img4 = (1 + 0.6934264036 + 0.5) / 3 = 2.1934264036 / 3 = 0.7311421345
        assertEquals(0.7311421345, summary.meanNdcg().getAsDouble(), TOLERANCE);
        assertEquals(4, summary.queryCount());
        assertEquals(3, summary.scoredCount());
        assertEquals(List.of(IMG3), summary.excludedQueries());
        assertEquals(List.of(IMG3), summary.allZeroQueries());
        assertEquals(settings, summary.settings());
        assertTrue(summary.describe().contains("over 3 of 4 queries"), summary.describe());
        assertTrue(summary.describe().contains("all-zero queries: EXCLUDE"), summary.describe());
        assertTrue(summary.describe().contains("excluded: 1 [img3]"), summary.describe());
    }

    @Test
    void allZeroQueriesScoredByPolicyAreAveragedAndStillReported() {
        NdcgSettings asZero = NdcgSettings.defaults().withAllZeroPolicy(AllZeroPolicy.SCORE_AS_ZERO);
        NdcgSummary zero = NdcgSummary.of(asZero, evaluateAll(new Ndcg(asZero)));
        // (1 + 0.6934264036 + 0 + 0.5) / 4 = 2.1934264036 / 4 = 0.5483566009
        assertEquals(0.5483566009, zero.meanNdcg().getAsDouble(), TOLERANCE);
        assertEquals(4, zero.scoredCount());
        assertEquals(List.of(), zero.excludedQueries());
        assertEquals(List.of(IMG3), zero.allZeroQueries());

        NdcgSettings asOne = NdcgSettings.defaults().withAllZeroPolicy(AllZeroPolicy.SCORE_AS_ONE);
        NdcgSummary one = NdcgSummary.of(asOne, evaluateAll(new Ndcg(asOne)));
        // (1 + 0.6934264036 + 1 + 0.5) / 4 = 3.1934264036 / 4 = 0.7983566009
        assertEquals(0.7983566009, one.meanNdcg().getAsDouble(), TOLERANCE);
        assertEquals(List.of(IMG3), one.allZeroQueries());
    }

    @Test
    void noScoredQueryMeansNoMean() {
        NdcgSettings settings = NdcgSettings.defaults();
        Ndcg ndcg = new Ndcg(settings);
        NdcgSummary summary = NdcgSummary.of(settings,
                Map.of(IMG1, ndcg.evaluate(List.of(A, B), aps("A", 0.0, "B", 0.0))));
        assertFalse(summary.meanNdcg().isPresent());
        assertEquals(0, summary.scoredCount());
        assertEquals(List.of(IMG1), summary.excludedQueries());
        assertTrue(summary.describe().startsWith("mean nDCG n/a over 0 of 1 queries"), summary.describe());

        assertFalse(NdcgSummary.of(settings, Map.of()).meanNdcg().isPresent());
    }

    @Test
    void rejectsResultsFromAnotherAllZeroPolicy() {
        NdcgResult fromOtherSettings = new NdcgResult.ScoredByAllZeroPolicy(1.0, 2, AllZeroPolicy.SCORE_AS_ONE);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> NdcgSummary.of(NdcgSettings.defaults(), Map.of(IMG2, fromOtherSettings)));
        assertEquals("result of query img2 was computed with all-zero policy SCORE_AS_ONE but the summary's"
                + " settings say EXCLUDE", error.getMessage());
    }
}
