package org.segrank.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RankingStrategyTest {
    private static final double NAN = Double.NaN;
    private static final double[][] AP = { { 0.5, 0.2, NAN }, { 0.1, 0.6, 0.3 }, { 0.9, 0.9, 0.9 } };
    private static final List<Hit> HITS = List.of(new Hit(1, 0.8), new Hit(0, 0.5), new Hit(2, -0.2));

    @Test
    void weightedVoteByHand() {
        RankingStrategy.Ranking ranking = RankingStrategy.weightedVote(AP, HITS, 3);
        // model 0: 0.8 * 0.1 + 0.5 * 0.5 + 0 * 0.9 = 0.33
        // model 1: 0.8 * 0.6 + 0.5 * 0.2 + 0 * 0.9 = 0.58
        // model 2: 0.8 * 0.3 + (undefined)  + 0 * 0.9 = 0.24
        assertArrayEquals(new double[] { 0.33, 0.58, 0.24 }, ranking.scores(), 1e-12);
        assertArrayEquals(new int[] { 1, 0, 2 }, ranking.models());
        assertEquals(1, ranking.best());
        assertEquals(0.58, ranking.scoreAt(0), 1e-12);
        assertEquals("weighted-vote(3)", ranking.strategy());
        assertEquals(List.of(new RankingStrategy.Evidence(1, 0.8, 0.8), new RankingStrategy.Evidence(0, 0.5, 0.5),
                new RankingStrategy.Evidence(2, -0.2, 0.0)), ranking.evidence());
    }

    @Test
    void weightedVoteOfTheNearestOnly() {
        RankingStrategy.Ranking ranking = RankingStrategy.weightedVote(AP, HITS, 1);
        assertArrayEquals(new double[] { 0.08, 0.48, 0.24 }, ranking.scores(), 1e-12);
        assertArrayEquals(new int[] { 1, 2, 0 }, ranking.models());
        assertEquals(1, ranking.evidence().size());
    }

    @Test
    void modelsWithoutEvidenceComeLast() {
        double[][] ap = { { NAN, 0.4, 0.4 }, { 0.3, NAN, 0.1 } };
        RankingStrategy.Ranking ranking = RankingStrategy.weightedVote(ap, List.of(new Hit(0, 0.5)), 5);
        assertTrue(Double.isNaN(ranking.scores()[0]));
        // Models 1 and 2 tie at 0.2: lower index first; model 0 has no defined AP.
        assertArrayEquals(new int[] { 1, 2, 0 }, ranking.models());
    }

    @Test
    void nearestRanksByApWithTiesByModelIndex() {
        double[][] ap = { { 0.5, 0.7, 0.5, 0.7, NAN, 0.1 }, { 1, 1, 1, 1, 1, 1 } };
        // Unsorted hits; the most similar is representative 0.
        List<Hit> hits = List.of(new Hit(1, 0.4), new Hit(0, 0.9));
        RankingStrategy.Ranking ranking = RankingStrategy.nearest(ap, hits);
        assertArrayEquals(new int[] { 1, 3, 0, 2, 5, 4 }, ranking.models());
        assertEquals(List.of(new RankingStrategy.Evidence(0, 0.9, 1.0)), ranking.evidence());
        assertEquals("nearest", ranking.strategy());
        // Equal similarity: the lower id wins.
        RankingStrategy.Ranking tie = RankingStrategy.nearest(ap, List.of(new Hit(1, 0.9), new Hit(0, 0.9)));
        assertEquals(0, tie.evidence().get(0).representative());
    }

    @Test
    void rankPutsNanLastAndKeepsIndexOrderOnTies() {
        assertArrayEquals(new int[] { 2, 0, 3, 1 }, RankingStrategy.rank(new double[] { 0.5, NAN, 0.9, 0.5 }));
        assertArrayEquals(new int[] { 0, 1 }, RankingStrategy.rank(new double[] { -0.0, 0.0 }));
        assertArrayEquals(new int[] { 0, 1 }, RankingStrategy.rank(new double[] { 0.0, -0.0 }));
    }

    @Test
    void badInputIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> RankingStrategy.weightedVote(AP, HITS, 0));
        assertThrows(IllegalArgumentException.class, () -> RankingStrategy.nearest(AP, List.of()));
        IllegalArgumentException outside = assertThrows(IllegalArgumentException.class,
                () -> RankingStrategy.nearest(AP, List.of(new Hit(3, 0.5))));
        assertTrue(outside.getMessage().contains("id 3"), outside.getMessage());
        IllegalArgumentException ragged = assertThrows(IllegalArgumentException.class,
                () -> RankingStrategy.nearest(new double[][] { { 1, 2 }, { 1 } }, HITS.subList(1, 2)));
        assertTrue(ragged.getMessage().contains("row 1"), ragged.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RankingStrategy.nearest(new double[][] { { Double.POSITIVE_INFINITY } }, List.of(new Hit(0, 1))));
    }
}
