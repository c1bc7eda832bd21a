package org.segrank.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class HnswCosineIndexTest {
    @Test
    void recallAtOneAgainstTheExactIndex() {
        double[][] centres = TestData.centres(40, 32, 1, 1);
        float[][] pool = TestData.blobs(centres, 3000, 0.4, 2, null);
        float[][] queries = TestData.blobs(centres, 200, 0.4, 3, null);
        int[] ids = new int[pool.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 5 * i + 1;
        }
        ExactCosineIndex exact = new ExactCosineIndex(32);
        exact.addAll(ids, pool);
        try (HnswCosineIndex hnsw = new HnswCosineIndex(32, 16, 100, 50, 2)) {
            hnsw.addAll(ids, pool);
            assertEquals(3000, hnsw.size());
            List<List<Hit>> approximate = hnsw.searchBatch(queries, 5);
            List<List<Hit>> truth = exact.searchBatch(queries, 5);
            int found = 0;
            for (int q = 0; q < queries.length; q++) {
                List<Hit> hits = approximate.get(q);
                assertEquals(5, hits.size());
                Hit best = hits.get(0);
                if (best.id() == truth.get(q).get(0).id()) {
                    found++;
                }
                // Whatever it returns, the similarity is the id's true similarity.
                assertEquals(TestData.cosine(pool[(best.id() - 1) / 5], queries[q]), best.similarity(), 1e-5);
                for (int r = 1; r < hits.size(); r++) {
                    assertTrue(hits.get(r - 1).similarity() >= hits.get(r).similarity());
                }
            }
            double recall = found / (double) queries.length;
            assertTrue(recall >= 0.9, "recall@1 " + recall);
        }
    }

    @Test
    void addingAfterSearchingExtendsTheIndex() {
        float[][] pool = TestData.gaussian(400, 16, 4);
        try (HnswCosineIndex hnsw = new HnswCosineIndex(16)) {
            for (int i = 0; i < 200; i++) {
                hnsw.add(i, pool[i]);
            }
            assertEquals(150, hnsw.search(pool[150], 1).get(0).id());
            for (int i = 200; i < 400; i++) {
                hnsw.add(i, pool[i]);
            }
            Hit hit = hnsw.search(pool[321], 1).get(0);
            assertEquals(321, hit.id());
            assertEquals(1.0, hit.similarity(), 1e-5);
        }
    }

    @Test
    void acceptsMoreDimensionsThanLucenesDefaultLimit() {
        float[][] pool = TestData.gaussian(150, 2048, 5);
        try (HnswCosineIndex hnsw = new HnswCosineIndex(2048)) {
            hnsw.addAll(pool);
            assertEquals(42, hnsw.search(pool[42], 1).get(0).id());
        }
    }

    @Test
    void badInputIsRejected() {
        try (HnswCosineIndex hnsw = new HnswCosineIndex(4)) {
            float[][] rows = TestData.gaussian(5, 4, 6);
            rows[1] = new float[4];
            IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> hnsw.addAll(rows));
            assertTrue(zero.getMessage().contains("row 1"), zero.getMessage());
            assertEquals(0, hnsw.size());
            assertThrows(IllegalArgumentException.class, () -> hnsw.add(0, new float[3]));
            assertEquals(List.of(), hnsw.search(new float[] { 1, 0, 0, 0 }, 3));
            assertThrows(IllegalArgumentException.class, () -> hnsw.search(new float[4], 3));
        }
        assertThrows(IllegalArgumentException.class, () -> new HnswCosineIndex(0));
        assertThrows(IllegalArgumentException.class, () -> new HnswCosineIndex(8, 0, 100, 10, 1));
        HnswCosineIndex closed = new HnswCosineIndex(2);
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.add(0, new float[] { 1, 0 }));
    }
}
