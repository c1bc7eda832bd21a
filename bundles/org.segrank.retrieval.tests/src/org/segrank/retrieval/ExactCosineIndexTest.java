package org.segrank.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

class ExactCosineIndexTest {
    /** Float similarities are exact to about 1e-6; reference gaps below this count as ties. */
    private static final double TOLERANCE = 1e-5;

    @Test
    void matchesDoublePrecisionBruteForce() {
        // 1000 rows: three full panels and a partial one; d = 37 is not a multiple of any block.
        float[][] pool = TestData.gaussian(1000, 37, 1);
        float[][] queries = TestData.gaussian(70, 37, 2);
        ExactCosineIndex index = new ExactCosineIndex(37, 2);
        index.addAll(pool);
        assertEquals(1000, index.size());
        List<List<Hit>> results = index.searchBatch(queries, 10);
        int exactOrder = 0;
        for (int q = 0; q < queries.length; q++) {
            Integer[] reference = reference(pool, queries[q]);
            List<Hit> hits = results.get(q);
            assertEquals(10, hits.size());
            for (int r = 0; r < 10; r++) {
                Hit hit = hits.get(r);
                double expected = TestData.cosine(pool[reference[r]], queries[q]);
                double actual = TestData.cosine(pool[hit.id()], queries[q]);
                assertEquals(actual, hit.similarity(), TOLERANCE, "similarity of id " + hit.id());
                // Same row, or a reference near-tie.
                assertEquals(expected, actual, TOLERANCE, "query " + q + " rank " + r);
                if (hit.id() == reference[r]) {
                    exactOrder++;
                }
                if (r > 0) {
                    assertTrue(hits.get(r - 1).similarity() >= hit.similarity(), "descending order");
                }
            }
        }
        // Random data has essentially no near-ties: the order must match almost everywhere.
        assertTrue(exactOrder >= 695, "rows in the reference order: " + exactOrder + " of 700");
    }

    @Test
    void fewQueriesOverManyPanelsSplitThePool() {
        float[][] pool = TestData.gaussian(5000, 24, 3);
        float[][] queries = TestData.gaussian(2, 24, 4);
        ExactCosineIndex index = new ExactCosineIndex(24, 4);
        index.addAll(pool);
        for (int q = 0; q < 2; q++) {
            Integer[] reference = reference(pool, queries[q]);
            List<Hit> hits = index.search(queries[q], 3);
            assertEquals(reference[0].intValue(), hits.get(0).id());
            assertEquals(TestData.cosine(pool[reference[0]], queries[q]), hits.get(0).similarity(), TOLERANCE);
        }
    }

    @Test
    void hitsDoNotDependOnThreadsOrHowVectorsWereAdded() {
        float[][] pool = TestData.gaussian(700, 50, 5);
        float[][] queries = TestData.gaussian(130, 50, 6);
        ExactCosineIndex batch = new ExactCosineIndex(50, 1);
        batch.addAll(pool);
        ExactCosineIndex single = new ExactCosineIndex(50, 3);
        for (int i = 0; i < pool.length; i++) {
            single.add(i, pool[i]);
        }
        assertEquals(batch.searchBatch(queries, 5), single.searchBatch(queries, 5));
        assertEquals(batch.searchBatch(queries, 5).get(77), batch.search(queries[77], 5));
    }

    @Test
    void searchingWhileAddingGrowsTheLastPanelWithoutChangingHits() {
        // 1100 rows added 37 at a time with a search after each: the last panel grows in steps and a second and
        // third panel start; every hit and similarity equals the batch-built index's
        float[][] pool = TestData.gaussian(1100, 33, 11);
        float[][] queries = TestData.gaussian(9, 33, 12);
        ExactCosineIndex growing = new ExactCosineIndex(33, 2);
        for (int from = 0; from < pool.length; from += 37) {
            float[][] part = Arrays.copyOfRange(pool, from, Math.min(pool.length, from + 37));
            growing.addAll(part);
            ExactCosineIndex batch = new ExactCosineIndex(33, 1);
            batch.addAll(Arrays.copyOf(pool, from + part.length));
            assertEquals(batch.searchBatch(queries, 4), growing.searchBatch(queries, 4), "after " + (from + part.length));
        }
        assertEquals(0, growing.cells(), "brute force below the partition threshold");
    }

    @Test
    void tiesGoToTheLowerIdAndTopNIsCapped() {
        ExactCosineIndex index = new ExactCosineIndex(3);
        index.add(9, new float[] { 1, 1, 0 });
        index.add(2, new float[] { 2, 2, 0 });
        index.add(5, new float[] { 0.5f, 0.5f, 0 });
        index.add(7, new float[] { 0, 0, 1 });
        List<Hit> hits = index.search(new float[] { 3, 3, 0 }, 10);
        assertEquals(4, hits.size());
        assertEquals(List.of(2, 5, 9, 7), hits.stream().map(Hit::id).toList());
        assertEquals(1.0, hits.get(0).similarity(), 1e-6);
        assertEquals(0.0, hits.get(3).similarity(), 1e-6);
        assertEquals(List.of(), new ExactCosineIndex(3).search(new float[] { 1, 0, 0 }, 1));
    }

    @Test
    void customIdsAreReturned() {
        float[][] pool = TestData.gaussian(300, 8, 7);
        int[] ids = new int[300];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 10_000 + 3 * i;
        }
        ExactCosineIndex index = new ExactCosineIndex(8);
        index.addAll(ids, pool);
        Hit hit = index.search(pool[123], 1).get(0);
        assertEquals(10_000 + 3 * 123, hit.id());
        assertEquals(1.0, hit.similarity(), 1e-6);
    }

    @Test
    void badVectorsAreRejectedNamingTheRow() {
        ExactCosineIndex index = new ExactCosineIndex(4);
        float[][] rows = TestData.gaussian(6, 4, 8);
        rows[3] = new float[4];
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> index.addAll(rows));
        assertTrue(zero.getMessage().contains("row 3") && zero.getMessage().contains("zero vector"),
                zero.getMessage());
        assertEquals(0, index.size(), "nothing added");
        rows[3] = new float[5];
        IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> index.addAll(rows));
        assertTrue(length.getMessage().contains("row 3") && length.getMessage().contains("5 values"),
                length.getMessage());
        rows[3] = new float[] { 1, Float.NaN, 0, 0 };
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> index.addAll(rows));
        assertTrue(nan.getMessage().contains("row 3"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> index.add(1, new float[] { 0, 0, 0, 0 }));
        index.addAll(TestData.gaussian(5, 4, 9));
        float[][] queries = TestData.gaussian(3, 4, 10);
        queries[2] = new float[4];
        IllegalArgumentException query = assertThrows(IllegalArgumentException.class,
                () -> index.searchBatch(queries, 1));
        assertTrue(query.getMessage().contains("query row 2"), query.getMessage());
        IllegalArgumentException dims = assertThrows(IllegalArgumentException.class,
                () -> index.search(new float[3], 1));
        assertTrue(dims.getMessage().contains("3 values"), dims.getMessage());
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[] { 1, 0, 0, 0 }, 0));
        assertThrows(IllegalArgumentException.class, () -> new ExactCosineIndex(0));
        assertThrows(IllegalArgumentException.class, () -> index.addAll(new int[2], TestData.gaussian(3, 4, 1)));
    }

    /** Row indices by double-precision cosine, descending, ties by index. */
    static Integer[] reference(float[][] pool, float[] query) {
        double[] sims = new double[pool.length];
        Integer[] order = new Integer[pool.length];
        for (int i = 0; i < pool.length; i++) {
            sims[i] = TestData.cosine(pool[i], query);
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -sims[i]).thenComparingInt(i -> i));
        return order;
    }
}
