package org.segrank.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segrank.djl.DjlEngines;

class TorchCosineIndexTest {

    @BeforeAll
    static void engines() {
        DjlEngines.ensureInitialized();
    }

    private static float[][] random(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] out = new float[n][d];
        for (float[] row : out) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return out;
    }

    @Test
    void topOneEqualsTheExactJavaIndexOnRandomData() {
        float[][] base = random(3000, 64, 1);
        float[][] queries = random(700, 64, 2);
        ExactCosineIndex exact = new ExactCosineIndex(64);
        exact.addAll(base);
        try (TorchCosineIndex torch = new TorchCosineIndex(64)) {
            int[] ids = new int[base.length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = 10_000 + i;
            }
            torch.addAll(ids, base);
            List<List<Hit>> expected = exact.searchBatch(queries, 1);
            List<List<Hit>> got = torch.searchBatch(queries, 1);
            int agree = 0;
            for (int q = 0; q < queries.length; q++) {
                Hit e = expected.get(q).get(0);
                Hit g = got.get(q).get(0);
                assertEquals(e.similarity(), g.similarity(), 1e-5, "query " + q);
                agree += e.id() + 10_000 == g.id() ? 1 : 0;
            }
            // random Gaussian data has no near-ties at this size: every top-1 agrees
            assertEquals(queries.length, agree);
            // top-N > 1 answers exactly too
            assertEquals(exact.search(queries[0], 3).get(2).similarity(), torch.search(queries[0], 3).get(2).similarity(), 1e-6);
        }
    }

    @Test
    void tiesGoToTheRowAddedFirstAndZeroVectorsAreRefused() {
        try (TorchCosineIndex torch = new TorchCosineIndex(2)) {
            torch.addAll(new int[] { 7, 3 }, new float[][] { { 1, 0 }, { 2, 0 } });
            Hit hit = torch.search(new float[] { 5, 0 }, 1).get(0);
            assertEquals(7, hit.id());
            assertEquals(1.0, hit.similarity(), 1e-6);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> torch.add(1, new float[] { 0, 0 }));
            assertTrue(e.getMessage().contains("all zeros"), e.getMessage());
        }
    }
}
