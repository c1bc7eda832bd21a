package org.segrank.metrics.ranking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.segrank.metrics.ranking.Rankings.A;
import static org.segrank.metrics.ranking.Rankings.B;
import static org.segrank.metrics.ranking.Rankings.C;
import static org.segrank.metrics.ranking.Rankings.D;
import static org.segrank.metrics.ranking.Rankings.aps;
import static org.segrank.metrics.ranking.Rankings.order;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.segrank.core.ModelId;
import org.segrank.core.ModelRanking;

class BordaCountTest {

    @Test
    void sumsPointsOverRankings() {
        // n = 4, positions 1..4 give 3, 2, 1, 0 points.
        // R1 [A, B, C, D]: A3 B2 C1 D0
        // R2 [B, A, D, C]: B3 A2 D1 C0
        // R3 [C, B, A, D]: C3 B2 A1 D0
        // Totals: A = 3+2+1 = 6, B = 2+3+2 = 7, C = 1+0+3 = 4, D = 0+1+0 = 1 -> [B, A, C, D].
        BordaRanking borda = BordaCount.rank(List.of(order(A, B, C, D), order(B, A, D, C), order(C, B, A, D)));
        assertEquals(List.of(B, A, C, D), borda.models());
        assertEquals(List.of(new BordaRanking.Entry(B, 7), new BordaRanking.Entry(A, 6),
                new BordaRanking.Entry(C, 4), new BordaRanking.Entry(D, 1)), borda.entries());
        assertEquals(6, borda.pointsOf(A));
        assertEquals(3, borda.positionOf(C));
    }

    @Test
    void breaksEqualTotalsByModelIdWhateverTheInputOrder() {
        // R1 [D, B, A, C]: D3 B2 A1 C0
        // R2 [A, D, C, B]: A3 D2 C1 B0
        // R3 [B, C, A, D]: B3 C2 A1 D0
        // Totals: A = 1+3+1 = 5, B = 2+0+3 = 5, C = 0+1+2 = 3, D = 3+2+0 = 5.
        // A, B, D tie at 5 -> id order A, B, D; then C -> [A, B, D, C] (D was first in R1 but loses the tie).
        ModelRanking r1 = order(D, B, A, C);
        ModelRanking r2 = order(A, D, C, B);
        ModelRanking r3 = order(B, C, A, D);
        List<BordaRanking.Entry> expected = List.of(new BordaRanking.Entry(A, 5), new BordaRanking.Entry(B, 5),
                new BordaRanking.Entry(D, 5), new BordaRanking.Entry(C, 3));
        assertEquals(expected, BordaCount.rank(List.of(r1, r2, r3)).entries());
        assertEquals(expected, BordaCount.rank(List.of(r3, r1, r2)).entries());
    }

    @Test
    void fullTieIsOrderedByIdNotByFirstAppearanceOrHashing() {
        // n = 3, points 2, 1, 0.
        // R1 [yolact, mask_rcnn, solo]: yolact 2, mask_rcnn 1, solo 0
        // R2 [mask_rcnn, solo, yolact]: mask_rcnn 2, solo 1, yolact 0
        // R3 [solo, yolact, mask_rcnn]: solo 2, yolact 1, mask_rcnn 0
        // Totals: every model 3 -> id order [mask_rcnn, solo, yolact]. (First appearance is yolact first, and a
        // HashMap iterates these names as yolact, solo, mask_rcnn, so neither can pass by accident.)
        ModelId yolact = new ModelId("yolact");
        ModelId maskRcnn = new ModelId("mask_rcnn");
        ModelId solo = new ModelId("solo");
        BordaRanking borda = BordaCount.rank(List.of(order(yolact, maskRcnn, solo), order(maskRcnn, solo, yolact),
                order(solo, yolact, maskRcnn)));
        assertEquals(List.of(new BordaRanking.Entry(maskRcnn, 3), new BordaRanking.Entry(solo, 3),
                new BordaRanking.Entry(yolact, 3)), borda.entries());
    }

    @Test
    void tiedApsInsideARankingFollowTheModelRankingTieBreak() {
        // R1 APs A=0.5, B=0.5, C=0.1 -> strict order [A, B, C] (tie by id): A2 B1 C0
        // R2 APs C=0.9, B=0.8, A=0.1 -> [C, B, A]: C2 B1 A0
        // Totals A = 2, B = 2, C = 2 -> all tie -> [A, B, C].
        BordaRanking borda = BordaCount.rank(
                List.of(aps("A", 0.5, "B", 0.5, "C", 0.1), aps("C", 0.9, "B", 0.8, "A", 0.1)));
        assertEquals(List.of(new BordaRanking.Entry(A, 2), new BordaRanking.Entry(B, 2), new BordaRanking.Entry(C, 2)),
                borda.entries());
    }

    @Test
    void singleRankingIsReproduced() {
        // [C, A, B]: C2 A1 B0.
        BordaRanking borda = BordaCount.rank(List.of(order(C, A, B)));
        assertEquals(List.of(new BordaRanking.Entry(C, 2), new BordaRanking.Entry(A, 1), new BordaRanking.Entry(B, 0)),
                borda.entries());
    }

    @Test
    void rejectsRankingsOverDifferentModels() {
        IllegalArgumentException swapped = assertThrows(IllegalArgumentException.class,
                () -> BordaCount.rank(List.of(order(A, B, C), order(A, B, D))));
        assertEquals("ranking #1 (0-based) is not over the same models as ranking #0: missing [C], extra [D]",
                swapped.getMessage());

        IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
                () -> BordaCount.rank(List.of(order(A, B, C), order(A, B, C), order(B, A))));
        assertEquals("ranking #2 (0-based) is not over the same models as ranking #0: missing [C], extra []",
                shorter.getMessage());

        IllegalArgumentException none = assertThrows(IllegalArgumentException.class, () -> BordaCount.rank(List.of()));
        assertEquals("Borda count needs at least one ranking", none.getMessage());
    }

    @Test
    void resultValidatesItsOrder() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> new BordaRanking(List.of(new BordaRanking.Entry(A, 1), new BordaRanking.Entry(B, 2))));
        assertEquals("entries must be ordered by points descending, then model id: Entry[model=A, points=1]"
                + " before Entry[model=B, points=2]", error.getMessage());
    }

    @Test
    void bordaRankingCanBeScoredWithNdcg() {
        // Borda of [A, B, C] and [B, A, C]: A = 2+1 = 3, B = 1+2 = 3, C = 0 -> tie A/B by id -> [A, B, C].
        // Truth B=0.9, A=0.3, C=0.2 with method 2: only B relevant, at position 2 -> 1/log2(3) = 0.6309297536.
        BordaRanking borda = BordaCount.rank(List.of(order(A, B, C), order(B, A, C)));
        NdcgResult result = new Ndcg(NdcgSettings.defaults().withRelevanceRule(RelevanceRule.bestOnly()))
                .evaluate(borda.models(), aps("B", 0.9, "A", 0.3, "C", 0.2));
        assertEquals(0.6309297536, ((NdcgResult.Scored) result).ndcg(), Rankings.TOLERANCE);
    }
}
