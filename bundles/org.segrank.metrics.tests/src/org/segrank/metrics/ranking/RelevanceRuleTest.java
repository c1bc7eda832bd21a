package org.segrank.metrics.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.segrank.metrics.ranking.Rankings.A;
import static org.segrank.metrics.ranking.Rankings.B;
import static org.segrank.metrics.ranking.Rankings.C;
import static org.segrank.metrics.ranking.Rankings.aps;

import java.util.Set;

import org.junit.jupiter.api.Test;

class RelevanceRuleTest {

    @Test
    void defaultRatioIsPoint8() {
        assertEquals(new RelevanceRule.WithinRatioOfBest(0.8), RelevanceRule.withinRatioOfBest());
    }

    @Test
    void methodOneMarksModelsWithinRatioOfBest() {
        // best 0.9, threshold 0.8 * 0.9 = 0.72: A 0.9 yes, B 0.8 yes, C 0.1 no.
        assertEquals(Set.of(A, B), RelevanceRule.withinRatioOfBest().relevantModels(aps("A", 0.9, "B", 0.8, "C", 0.1)));
    }

    @Test
    void methodOneCountsApExactlyAtThresholdAsRelevant() {
        // In doubles 0.8 * 0.9 = 0.7200000000000001 > 0.72, so without the 1e-12 tolerance B (0.72) would
        // be dropped. With it B is relevant; 0.7199 stays irrelevant.
        RelevanceRule rule = RelevanceRule.withinRatioOfBest();
        assertEquals(Set.of(A, B), rule.relevantModels(aps("A", 0.9, "B", 0.72, "C", 0.1)));
        assertEquals(Set.of(A), rule.relevantModels(aps("A", 0.9, "B", 0.7199, "C", 0.1)));
    }

    @Test
    void methodTwoMarksOnlyBestOrAllTiedBest() {
        assertEquals(Set.of(A), RelevanceRule.bestOnly().relevantModels(aps("A", 0.9, "B", 0.8, "C", 0.1)));
        // A and B tie at 0.7 -> both relevant; C 0.5 not.
        assertEquals(Set.of(A, B), RelevanceRule.bestOnly().relevantModels(aps("A", 0.7, "B", 0.7, "C", 0.5)));
    }

    @Test
    void rejectsRatioOutsideZeroToOne() {
        for (double ratio : new double[] {0.0, -0.5, 1.5, Double.NaN}) {
            IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                    () -> RelevanceRule.withinRatioOfBest(ratio), "ratio " + ratio);
            assertEquals("relevance ratio must be in (0, 1], got " + ratio, error.getMessage());
        }
        // 1.0 is allowed: only models with AP >= best - 1e-12.
        assertEquals(Set.of(C), RelevanceRule.withinRatioOfBest(1.0).relevantModels(aps("A", 0.3, "C", 0.4)));
    }
}
