package org.segrank.metrics.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.segrank.metrics.ranking.Rankings.A;
import static org.segrank.metrics.ranking.Rankings.B;
import static org.segrank.metrics.ranking.Rankings.C;
import static org.segrank.metrics.ranking.Rankings.D;
import static org.segrank.metrics.ranking.Rankings.TOLERANCE;
import static org.segrank.metrics.ranking.Rankings.aps;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.segrank.core.ModelId;
import org.segrank.core.ModelRanking;

/** Every expected value is computed by hand in the comment next to it (DCG terms: see {@link Rankings}). */
class NdcgTest {

    /** Truth A=0.9, B=0.8, C=0.1. Method 1 (0.8): threshold 0.72 -> A, B relevant. Method 2: only A. */
    private static final ModelRanking TRUTH_ABC = aps("A", 0.9, "B", 0.8, "C", 0.1);

    private static final Ndcg METHOD_1 = Ndcg.withDefaults();
    private static final Ndcg METHOD_2 = new Ndcg(NdcgSettings.defaults().withRelevanceRule(RelevanceRule.bestOnly()));

    private static NdcgResult.Scored scored(Ndcg ndcg, List<ModelId> predicted, ModelRanking truth) {
        return assertInstanceOf(NdcgResult.Scored.class, ndcg.evaluate(predicted, truth));
    }

    @Test
    void defaultsAreMethodOneFullListExclude() {
        assertEquals(new NdcgSettings(new RelevanceRule.WithinRatioOfBest(0.8), new CutOff.FullList(),
                AllZeroPolicy.EXCLUDE), METHOD_1.settings());
    }

    @Test
    void methodOneRelevantModelsInAnyOrderAtTopScoreOne() {
        // Predicted [B, A, C]: rel = [1, 1, 0] (B 0.8 >= 0.72, A 0.9 >= 0.72, C 0.1 < 0.72).
        // DCG = 1/log2(2) + 1/log2(3) = 1 + 0.6309297536 = 1.6309297536; ideal [1, 1, 0] is the same -> 1.0.
        NdcgResult.Scored result = scored(METHOD_1, List.of(B, A, C), TRUTH_ABC);
        assertEquals(1.0, result.ndcg(), TOLERANCE);
        assertEquals(3, result.k());
        assertEquals(2, result.relevantCount());
        assertEquals(2, result.relevantInTopK());
    }

    @Test
    void methodOneIrrelevantModelFirst() {
        // Predicted [C, A, B]: rel = [0, 1, 1].
        // DCG = 0 + 1/log2(3) + 1/log2(4) = 0.6309297536 + 0.5 = 1.1309297536
        // IDCG (rel [1, 1, 0]) = 1 + 0.6309297536 = 1.6309297536
        // nDCG = 1.1309297536 / 1.6309297536 = 0.6934264036
        assertEquals(0.6934264036, scored(METHOD_1, List.of(C, A, B), TRUTH_ABC).ndcg(), TOLERANCE);
    }

    @Test
    void methodTwoOnlyBestIsRelevant() {
        // Predicted [B, A, C]: only A (0.9) relevant, at position 2: rel = [0, 1, 0].
        // DCG = 1/log2(3) = 0.6309297536; IDCG (rel [1, 0, 0]) = 1 -> nDCG = 0.6309297536.
        NdcgResult.Scored result = scored(METHOD_2, List.of(B, A, C), TRUTH_ABC);
        assertEquals(0.6309297536, result.ndcg(), TOLERANCE);
        assertEquals(1, result.relevantCount());
    }

    @Test
    void methodTwoTiedBestAreAllRelevant() {
        ModelRanking tiedTruth = aps("A", 0.7, "B", 0.7, "C", 0.5);
        // Predicted [C, A, B]: A and B tie for best -> rel = [0, 1, 1].
        // DCG = 0.6309297536 + 0.5 = 1.1309297536; IDCG = 1 + 0.6309297536 = 1.6309297536 -> 0.6934264036.
        NdcgResult.Scored cFirst = scored(METHOD_2, List.of(C, A, B), tiedTruth);
        assertEquals(0.6934264036, cFirst.ndcg(), TOLERANCE);
        assertEquals(2, cFirst.relevantCount());
        // Predicted [A, C, B]: rel = [1, 0, 1]. DCG = 1 + 0.5 = 1.5; IDCG = 1.6309297536 -> 0.9197207891.
        assertEquals(0.9197207891, scored(METHOD_2, List.of(A, C, B), tiedTruth).ndcg(), TOLERANCE);
    }

    @Test
    void thresholdToleranceKeepsApExactlyAtRatioTimesBest() {
        // Truth A=0.9, B=0.72, C=0.1; 0.8 * 0.9 evaluates to 0.7200000000000001 in doubles.
        // Predicted [C, B, A]: with the tolerance B is relevant -> rel = [0, 1, 1] -> 0.6934264036 (as above).
        // Without it rel would be [0, 0, 1] -> 0.5 / 1 = 0.5.
        assertEquals(0.6934264036, scored(METHOD_1, List.of(C, B, A), aps("A", 0.9, "B", 0.72, "C", 0.1)).ndcg(),
                TOLERANCE);
    }

    @Test
    void cutOffs() {
        // Truth A=0.9, B=0.85, C=0.75, D=0.2; threshold 0.72 -> A, B, C relevant, D not.
        // Predicted [D, A, B, C]: rel = [0, 1, 1, 1]; ideal rel = [1, 1, 1, 0].
        ModelRanking truth = aps("A", 0.9, "B", 0.85, "C", 0.75, "D", 0.2);
        List<ModelId> predicted = List.of(D, A, B, C);

        // @1: DCG = 0; IDCG = 1 -> 0.
        NdcgResult.Scored at1 = scored(ndcgAt(CutOff.at(1)), predicted, truth);
        assertEquals(0.0, at1.ndcg(), TOLERANCE);
        assertEquals(1, at1.k());
        assertEquals(0, at1.relevantInTopK());
        assertEquals(3, at1.relevantCount());

        // @2: DCG = 0.6309297536; IDCG = 1 + 0.6309297536 = 1.6309297536 -> 0.3868528072.
        assertEquals(0.3868528072, scored(ndcgAt(CutOff.at(2)), predicted, truth).ndcg(), TOLERANCE);

        // @3: DCG = 0.6309297536 + 0.5 = 1.1309297536; IDCG = 1 + 0.6309297536 + 0.5 = 2.1309297536
        //     -> 1.1309297536 / 2.1309297536 = 0.5307212740.
        NdcgResult.Scored at3 = scored(ndcgAt(CutOff.at(3)), predicted, truth);
        assertEquals(0.5307212740, at3.ndcg(), TOLERANCE);
        assertEquals(2, at3.relevantInTopK());

        // full (@4): DCG = 1.1309297536 + 0.4306765581 = 1.5616063117; IDCG = 2.1309297536 + 0 (D not relevant)
        //     -> 1.5616063117 / 2.1309297536 = 0.7328286205.
        NdcgResult.Scored full = scored(METHOD_1, predicted, truth);
        assertEquals(0.7328286205, full.ndcg(), TOLERANCE);
        assertEquals(4, full.k());

        // @10 is clipped to the 4 models: same as full.
        NdcgResult.Scored at10 = scored(ndcgAt(CutOff.at(10)), predicted, truth);
        assertEquals(0.7328286205, at10.ndcg(), TOLERANCE);
        assertEquals(4, at10.k());
    }

    @Test
    void rejectsCutOffBelowOne() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> CutOff.at(0));
        assertEquals("nDCG cut-off k must be >= 1, got 0", zero.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> CutOff.at(-2));
        assertEquals("nDCG cut-off k must be >= 1, got -2", negative.getMessage());
    }

    @Test
    void predictionEqualToTruthScoresOne() {
        // Predicting the truth's own order puts every relevant model first, so DCG = IDCG -> exactly 1
        // for both rules and every cut-off.
        ModelRanking truth = aps("A", 0.9, "B", 0.85, "C", 0.75, "D", 0.2);
        for (RelevanceRule rule : List.of(RelevanceRule.withinRatioOfBest(), RelevanceRule.bestOnly())) {
            for (CutOff cutOff : List.of(CutOff.at(1), CutOff.at(3), CutOff.fullList())) {
                Ndcg ndcg = new Ndcg(new NdcgSettings(rule, cutOff, AllZeroPolicy.EXCLUDE));
                assertEquals(1.0, scored(ndcg, truth.models(), truth).ndcg(), TOLERANCE, rule + " " + cutOff);
                assertEquals(1.0, assertInstanceOf(NdcgResult.Scored.class, ndcg.evaluate(truth, truth)).ndcg(),
                        TOLERANCE);
            }
        }
    }

    @Test
    void reversedTruthIsTheWorstRanking() {
        // Truth A=0.9, B=0.5, C=0.4, D=0.1: both rules make only A relevant (threshold 0.72).
        // Predicted [D, C, B, A]: rel = [0, 0, 0, 1]; DCG = 1/log2(5) = 0.4306765581; IDCG = 1 -> 0.4306765581.
        ModelRanking truth = aps("A", 0.9, "B", 0.5, "C", 0.4, "D", 0.1);
        double worst = 0.4306765581;
        assertEquals(worst, scored(METHOD_1, List.of(D, C, B, A), truth).ndcg(), TOLERANCE);
        assertEquals(worst, scored(METHOD_2, List.of(D, C, B, A), truth).ndcg(), TOLERANCE);
        // No order of the four models scores lower.
        for (List<ModelId> order : permutations(List.of(A, B, C, D))) {
            assertTrue(scored(METHOD_1, order, truth).ndcg() >= worst - TOLERANCE, order.toString());
        }
    }

    @Test
    void evaluatesAModelRankingAsPrediction() {
        // Representative APs A=0.5, B=0.6, C=0.2 rank [B, A, C]; against TRUTH_ABC with method 2
        // that is rel = [0, 1, 0] -> 0.6309297536.
        ModelRanking representative = aps("A", 0.5, "B", 0.6, "C", 0.2);
        NdcgResult result = METHOD_2.evaluate(representative, TRUTH_ABC);
        assertEquals(0.6309297536, assertInstanceOf(NdcgResult.Scored.class, result).ndcg(), TOLERANCE);
    }

    @Test
    void allZeroQueryIsExcludedByDefault() {
        ModelRanking allZero = aps("A", 0.0, "B", 0.0, "C", 0.0);
        for (Ndcg ndcg : List.of(METHOD_1, METHOD_2)) {
            NdcgResult.Excluded excluded =
                    assertInstanceOf(NdcgResult.Excluded.class, ndcg.evaluate(List.of(C, B, A), allZero));
            assertEquals(AllZeroPolicy.EXCLUDE, excluded.policy());
            assertEquals("every model's true AP on the query is 0, so relevance is undefined", excluded.reason());
            assertTrue(excluded.allZeroPolicyApplied());
        }
    }

    @Test
    void allZeroQueryScoredAsOneOrZeroWhenConfigured() {
        ModelRanking allZero = aps("A", 0.0, "B", 0.0, "C", 0.0);
        NdcgSettings method1 = NdcgSettings.defaults();

        NdcgResult one = new Ndcg(method1.withAllZeroPolicy(AllZeroPolicy.SCORE_AS_ONE))
                .evaluate(List.of(C, B, A), allZero);
        assertEquals(new NdcgResult.ScoredByAllZeroPolicy(1.0, 3, AllZeroPolicy.SCORE_AS_ONE), one);

        NdcgSettings method2ZeroAt2 = method1.withRelevanceRule(RelevanceRule.bestOnly())
                .withAllZeroPolicy(AllZeroPolicy.SCORE_AS_ZERO).withCutOff(CutOff.at(2));
        NdcgResult zero = new Ndcg(method2ZeroAt2).evaluate(List.of(C, B, A), allZero);
        assertEquals(new NdcgResult.ScoredByAllZeroPolicy(0.0, 2, AllZeroPolicy.SCORE_AS_ZERO), zero);
        assertTrue(zero.allZeroPolicyApplied());
    }

    @Test
    void singlePositiveApIsNotAnAllZeroQuery() {
        // Truth A=0, B=0.3, C=0: best 0.3, threshold 0.24 -> only B relevant.
        // Predicted [A, B, C]: rel = [0, 1, 0] -> 0.6309297536 / 1 = 0.6309297536.
        NdcgResult.Scored result = scored(METHOD_1, List.of(A, B, C), aps("A", 0.0, "B", 0.3, "C", 0.0));
        assertEquals(0.6309297536, result.ndcg(), TOLERANCE);
        assertEquals(false, result.allZeroPolicyApplied());
    }

    @Test
    void rejectsMismatchedModelSets() {
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> METHOD_1.evaluate(List.of(A, B), TRUTH_ABC));
        assertEquals("model C has a true AP on the query but is missing from the predicted ranking",
                missing.getMessage());

        ModelId extraModel = new ModelId("X");
        IllegalArgumentException extra = assertThrows(IllegalArgumentException.class,
                () -> METHOD_1.evaluate(List.of(A, B, C, extraModel), TRUTH_ABC));
        assertEquals("model X is in the predicted ranking but has no true AP on the query", extra.getMessage());

        IllegalArgumentException duplicate =
                assertThrows(IllegalArgumentException.class, () -> METHOD_1.evaluate(List.of(A, A, B), TRUTH_ABC));
        assertEquals("model A appears more than once in the predicted ranking", duplicate.getMessage());

        // Checked before the all-zero policy: a malformed all-zero query is not silently excluded.
        IllegalArgumentException allZeroMismatch = assertThrows(IllegalArgumentException.class,
                () -> METHOD_1.evaluate(List.of(A, B), aps("A", 0.0, "B", 0.0, "C", 0.0)));
        assertEquals("model C has a true AP on the query but is missing from the predicted ranking",
                allZeroMismatch.getMessage());
    }

    private static Ndcg ndcgAt(CutOff cutOff) {
        return new Ndcg(NdcgSettings.defaults().withCutOff(cutOff));
    }

    private static List<List<ModelId>> permutations(List<ModelId> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<ModelId>> result = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            List<ModelId> rest = new ArrayList<>(items);
            ModelId head = rest.remove(index);
            for (List<ModelId> tail : permutations(rest)) {
                List<ModelId> permutation = new ArrayList<>();
                permutation.add(head);
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }
}
