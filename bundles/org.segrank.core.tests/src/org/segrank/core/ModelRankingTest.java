package org.segrank.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ModelRankingTest {

    private static final ModelId A = new ModelId("A");
    private static final ModelId B = new ModelId("B");
    private static final ModelId C = new ModelId("C");
    private static final ModelId D = new ModelId("D");

    // APs A=0.7, B=0.7, C=0.5, D=0.1: AP descending gives {A,B} (tied), C, D; the tie A/B is
    // broken by id ascending, so the ranking is [A, B, C, D].
    private static final List<ModelScore> SCORES = List.of(
            new ModelScore(C, 0.5), new ModelScore(B, 0.7), new ModelScore(D, 0.1), new ModelScore(A, 0.7));

    @Test
    void byApSortsByApDescendingThenModelId() {
        Map<ModelId, Double> aps = new LinkedHashMap<>();
        aps.put(C, 0.5);
        aps.put(B, 0.7);
        aps.put(D, 0.1);
        aps.put(A, 0.7);
        assertEquals(List.of(A, B, C, D), ModelRanking.byAp(aps).models());
    }

    @Test
    void byApIsIndependentOfMapIterationOrder() {
        // Every one of the 4! = 24 insertion orders must give [A, B, C, D].
        for (List<ModelScore> order : permutations(SCORES)) {
            Map<ModelId, Double> aps = new LinkedHashMap<>();
            order.forEach(score -> aps.put(score.model(), score.ap()));
            assertEquals(List.of(A, B, C, D), ModelRanking.byAp(aps).models(), "insertion order " + order);
        }
        assertEquals(24, permutations(SCORES).size());
        Map<ModelId, Double> hashed = new HashMap<>(Map.of(C, 0.5, B, 0.7, D, 0.1, A, 0.7));
        assertEquals(List.of(A, B, C, D), ModelRanking.byAp(hashed).models());
    }

    @Test
    void constructorPutsScoresIntoTheSameOrder() {
        assertEquals(List.of(A, B, C, D), new ModelRanking(SCORES).models());
    }

    @Test
    void tieBreakIsStringOrderNotNumericOrder() {
        // Tied AP 0.5: "resnet10" < "resnet2" because '1' < '2'.
        ModelId resnet2 = new ModelId("resnet2");
        ModelId resnet10 = new ModelId("resnet10");
        ModelRanking ranking = ModelRanking.byAp(Map.of(resnet2, 0.5, resnet10, 0.5));
        assertEquals(List.of(resnet10, resnet2), ranking.models());
    }

    @Test
    void positionsAreOneBased() {
        ModelRanking ranking = new ModelRanking(SCORES);
        assertEquals(1, ranking.positionOf(A));
        assertEquals(2, ranking.positionOf(B));
        assertEquals(4, ranking.positionOf(D));
        assertEquals(4, ranking.size());
        assertEquals(0.5, ranking.apOf(C));
        assertEquals(0.7, ranking.bestAp());
        assertTrue(ranking.contains(D));
        assertFalse(ranking.contains(new ModelId("X")));
        IllegalArgumentException error =
                assertThrows(IllegalArgumentException.class, () -> ranking.positionOf(new ModelId("X")));
        assertEquals("model X is not in the ranking [A, B, C, D]", error.getMessage());
    }

    @Test
    void topClipsAndRejectsNonPositive() {
        ModelRanking ranking = new ModelRanking(SCORES);
        assertEquals(List.of(A, B), ranking.top(2).models());
        assertEquals(List.of(A, B, C, D), ranking.top(10).models());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> ranking.top(0));
        assertEquals("top(n) needs n >= 1, got 0", error.getMessage());
    }

    @Test
    void rejectsDuplicatesEmptyAndMissingAps() {
        IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
                () -> new ModelRanking(List.of(new ModelScore(A, 0.3), new ModelScore(A, 0.4))));
        assertEquals("model A appears more than once in the ranking", duplicate.getMessage());

        IllegalArgumentException empty =
                assertThrows(IllegalArgumentException.class, () -> ModelRanking.byAp(Map.of()));
        assertEquals("a ranking needs at least one model", empty.getMessage());

        Map<ModelId, Double> withNull = new HashMap<>();
        withNull.put(A, null);
        IllegalArgumentException missing =
                assertThrows(IllegalArgumentException.class, () -> ModelRanking.byAp(withNull));
        assertEquals("AP of model A is missing (null)", missing.getMessage());

        IllegalArgumentException nan =
                assertThrows(IllegalArgumentException.class, () -> ModelRanking.byAp(Map.of(B, Double.NaN)));
        assertEquals("AP of model B must be a finite number in [0, 1], got NaN", nan.getMessage());

        IllegalArgumentException negative =
                assertThrows(IllegalArgumentException.class, () -> ModelRanking.byAp(Map.of(B, -0.2)));
        assertEquals("AP of model B must be a finite number in [0, 1], got -0.2", negative.getMessage());
    }

    @Test
    void isImmutable() {
        List<ModelScore> input = new ArrayList<>(SCORES);
        ModelRanking ranking = new ModelRanking(input);
        input.clear();
        assertEquals(4, ranking.size());
        assertThrows(UnsupportedOperationException.class, () -> ranking.models().add(A));
        assertThrows(UnsupportedOperationException.class, () -> ranking.scores().remove(0));
    }

    private static <T> List<List<T>> permutations(List<T> items) {
        if (items.isEmpty()) {
            return List.of(List.of());
        }
        List<List<T>> result = new ArrayList<>();
        for (int index = 0; index < items.size(); index++) {
            List<T> rest = new ArrayList<>(items);
            T head = rest.remove(index);
            for (List<T> tail : permutations(rest)) {
                List<T> permutation = new ArrayList<>();
                permutation.add(head);
                permutation.addAll(tail);
                result.add(permutation);
            }
        }
        return result;
    }
}
