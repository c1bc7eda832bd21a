package org.segrank.retrieval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The partitioned exact search against brute force, on small pools with small cells (the production thresholds
 * are for pools of 16,384 vectors and more).
 */
class PartitionedSearchTest {
    private static final int D = 40;

    private static ExactCosineIndex partitioned(int threads) {
        return new ExactCosineIndex(D, threads, 1000, 100);
    }

    /** 3000 points in 12 well separated blobs, and 400 queries from the same blobs. */
    private static float[][][] clustered(long seed) {
        double[][] centres = TestData.centres(12, D, 10, seed);
        return new float[][][] { TestData.blobs(centres, 3000, 1.0, seed + 1, null),
                TestData.blobs(centres, 400, 1.0, seed + 2, null) };
    }

    @Test
    void clusteredPoolGivesBruteForceHitsWithAFractionOfTheWork() {
        float[][][] data = clustered(11);
        ExactCosineIndex brute = ExactCosineIndex.bruteForce(D, 2);
        brute.addAll(data[0]);
        ExactCosineIndex index = partitioned(2);
        index.addAll(data[0]);
        for (int topN : new int[] { 1, 10 }) {
            assertEquals(brute.searchBatch(data[1], topN), index.searchBatch(data[1], topN), "top " + topN);
            assertEquals(400L * 3000, brute.lastSearchScoredPairs());
            long work = index.lastSearchScoredPairs();
            // a query's blob holds a twelfth of the pool; the other blobs' cells are pruned
            assertTrue(work < 400L * 3000 / 4, "top " + topN + ": scored " + work + " pairs of " + 400L * 3000);
        }
        assertTrue(index.cells() >= 12 && index.cells() <= 30, "cells " + index.cells());
    }

    @Test
    void structurelessPoolStillGivesBruteForceHits() {
        float[][] pool = TestData.gaussian(2500, D, 21);
        float[][] queries = TestData.gaussian(300, D, 22);
        ExactCosineIndex brute = ExactCosineIndex.bruteForce(D, 1);
        brute.addAll(pool);
        ExactCosineIndex index = partitioned(3);
        index.addAll(pool);
        assertEquals(brute.searchBatch(queries, 5), index.searchBatch(queries, 5));
        assertTrue(index.cells() > 1, "partitioned");
    }

    @Test
    void hitsDoNotDependOnThreads() {
        float[][][] data = clustered(31);
        ExactCosineIndex one = partitioned(1);
        one.addAll(data[0]);
        ExactCosineIndex three = partitioned(3);
        three.addAll(data[0]);
        assertEquals(one.searchBatch(data[1], 3), three.searchBatch(data[1], 3));
    }

    @Test
    void vectorsAddedAfterASearchWidenTheirCellAndAreFound() {
        float[][][] data = clustered(41);
        ExactCosineIndex index = partitioned(2);
        index.addAll(data[0]);
        index.searchBatch(data[1], 1);
        int cells = index.cells();
        // Directions unlike any blob: each new vector joins the cell of its nearest centroid, far outside that
        // cell's cap, which must widen, or a query whose nearest cell is another one would prune it.
        float[][] added = TestData.gaussian(300, D, 42);
        ExactCosineIndex brute = ExactCosineIndex.bruteForce(D, 2);
        brute.addAll(data[0]);
        for (int i = 0; i < added.length; i++) {
            index.add(3000 + i, added[i]);
            brute.add(3000 + i, added[i]);
        }
        float[][] queries = TestData.gaussian(200, D, 43);
        assertEquals(brute.searchBatch(queries, 5), index.searchBatch(queries, 5));
        assertEquals(cells, index.cells(), "no rebuild below twice the size");
        assertEquals(brute.searchBatch(data[1], 2), index.searchBatch(data[1], 2));
        // and a new blob is found by queries near it
        double[][] newCentre = TestData.centres(1, D, 10, 99);
        float[][] blob = TestData.blobs(newCentre, 100, 1.0, 100, null);
        for (int i = 0; i < blob.length; i++) {
            index.add(4000 + i, blob[i]);
        }
        for (List<Hit> h : index.searchBatch(TestData.blobs(newCentre, 20, 1.0, 101, null), 3)) {
            assertTrue(h.get(0).id() >= 4000, "the nearest of a query by the new blob is in it: " + h);
        }
    }

    @Test
    void thePartitionIsRebuiltWhenThePoolHasDoubled() {
        float[][][] data = clustered(51);
        ExactCosineIndex index = partitioned(2);
        index.addAll(Arrays.copyOf(data[0], 1200));
        index.search(data[1][0], 1);
        int before = index.cells();
        index.addAll(Arrays.copyOfRange(data[0], 1200, 3000));
        ExactCosineIndex brute = ExactCosineIndex.bruteForce(D, 2);
        brute.addAll(data[0]);
        assertEquals(brute.searchBatch(data[1], 4), index.searchBatch(data[1], 4));
        assertTrue(index.cells() > before, "cells " + before + " then " + index.cells());
    }

    @Test
    void aSmallPoolGrowsIntoAPartition() {
        float[][][] data = clustered(61);
        ExactCosineIndex index = partitioned(2);
        index.addAll(Arrays.copyOf(data[0], 500));
        index.search(data[1][0], 1);
        assertEquals(0, index.cells(), "brute force below the threshold");
        index.addAll(Arrays.copyOfRange(data[0], 500, 3000));
        ExactCosineIndex brute = ExactCosineIndex.bruteForce(D, 2);
        brute.addAll(data[0]);
        assertEquals(brute.searchBatch(data[1], 2), index.searchBatch(data[1], 2));
        assertTrue(index.cells() > 0, "partitioned from the threshold on");
    }

    @Test
    void duplicatesTieToTheLowestIdAcrossCells() {
        float[][][] data = clustered(71);
        float[][] pool = Arrays.copyOf(data[0], 3000);
        int[] ids = new int[3000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = 3000 - i;
        }
        // ten copies of one vector, spread over the pool
        for (int i = 0; i < 10; i++) {
            pool[i * 290] = data[1][0].clone();
        }
        ExactCosineIndex index = partitioned(2);
        index.addAll(ids, pool);
        List<Hit> hits = index.search(data[1][0], 10);
        for (int r = 0; r < 10; r++) {
            assertEquals(3000 - (9 - r) * 290, hits.get(r).id(), "rank " + r + ": " + hits);
            assertEquals(1.0, hits.get(r).similarity(), 1e-6);
        }
    }

    @Test
    void capBoundIsTheCosineOfTheAngleLeftOutsideTheCap() {
        // query 60 degrees from the centre, cap of 30 degrees: the closest point is 30 degrees away
        assertEquals(Math.cos(Math.toRadians(30)), ExactCosineIndex.capBound(0.5, Math.cos(Math.toRadians(30))), 1e-12);
        // 100 degrees away, cap of 45: 55 degrees
        assertEquals(Math.cos(Math.toRadians(55)),
                ExactCosineIndex.capBound(Math.cos(Math.toRadians(100)), Math.cos(Math.toRadians(45))), 1e-12);
        // inside the cap, and caps wider than a hemisphere
        assertEquals(1.0, ExactCosineIndex.capBound(0.9, 0.8));
        assertEquals(1.0, ExactCosineIndex.capBound(-0.5, -0.7));
        assertEquals(Math.cos(Math.toRadians(20)),
                ExactCosineIndex.capBound(Math.cos(Math.toRadians(170)), Math.cos(Math.toRadians(150))), 1e-12);
    }
}
