package org.segrank.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class KMeansTest {
    private static final double[][] CORNERS = { { -10, -10 }, { -10, 10 }, { 10, -10 }, { 10, 10 } };

    @Test
    void recoversWellSeparatedBlobs() {
        int[] truth = new int[400];
        float[][] points = TestData.blobs(CORNERS, 400, 1.0, 1, truth);
        KMeansResult result = KMeans.clusters(4).seed(2).fit(points);
        int[] labels = result.labels();
        int[] clusterOfBlob = new int[4];
        java.util.Arrays.fill(clusterOfBlob, -1);
        for (int i = 0; i < labels.length; i++) {
            if (clusterOfBlob[truth[i]] < 0) {
                clusterOfBlob[truth[i]] = labels[i];
            }
            assertEquals(clusterOfBlob[truth[i]], labels[i], "point " + i + " left its blob");
        }
        assertEquals(4, new HashSet<>(java.util.Arrays.stream(clusterOfBlob).boxed().toList()).size());
        double[][] centroids = result.centroids();
        for (int b = 0; b < 4; b++) {
            double[] c = centroids[clusterOfBlob[b]];
            assertEquals(CORNERS[b][0], c[0], 0.3);
            assertEquals(CORNERS[b][1], c[1], 0.3);
        }
        assertArrayEquals(new int[] { 100, 100, 100, 100 }, result.clusterSizes());
        assertTrue(result.converged());
        assertEquals(0, result.emptyClusters());
    }

    @Test
    void recoversBlobsInHigherDimension() {
        double[][] centres = TestData.centres(6, 20, 10, 3);
        int[] truth = new int[600];
        float[][] points = TestData.blobs(centres, 600, 0.5, 4, truth);
        KMeansResult result = KMeans.clusters(6).seed(1).fit(points);
        int[] labels = result.labels();
        for (int i = 0; i < labels.length; i++) {
            assertEquals(labels[truth[i]], labels[i], "point " + i);
        }
    }

    @Test
    void sameSeedSameResultWhateverTheThreads() {
        float[][] points = TestData.blobs(TestData.centres(30, 2, 10, 5), 20_000, 1.5, 6, null);
        KMeansResult a = KMeans.clusters(50).seed(7).restarts(3).threads(1).fit(points);
        KMeansResult b = KMeans.clusters(50).seed(7).restarts(3).threads(1).fit(points);
        KMeansResult c = KMeans.clusters(50).seed(7).restarts(3).threads(3).fit(points);
        for (KMeansResult other : new KMeansResult[] { b, c }) {
            assertArrayEquals(a.labels(), other.labels());
            assertEquals(a.inertia(), other.inertia(), 0.0);
            for (int k = 0; k < 50; k++) {
                assertArrayEquals(a.centroids()[k], other.centroids()[k], 0.0);
            }
        }
    }

    @Test
    void differentSeedsAreRecordedAndExploreDifferentSolutions() {
        float[][] points = TestData.gaussian(3000, 2, 8);
        Set<Double> inertias = new HashSet<>();
        for (long seed = 0; seed < 4; seed++) {
            KMeansResult result = KMeans.clusters(15).seed(seed).restarts(1).fit(points);
            assertEquals(new KMeans.Settings(15, seed, 1, KMeans.DEFAULT_MAX_ITERATIONS, KMeans.DEFAULT_TOLERANCE,
                    2 + (int) Math.log(15)), result.settings());
            inertias.add(result.inertia());
        }
        assertTrue(inertias.size() > 1, "four seeds on unstructured data all gave inertia " + inertias);
    }

    @Test
    void labelsAreNearestCentroidsAndCentroidsAreMeans() {
        float[][] points = TestData.blobs(TestData.centres(20, 2, 10, 9), 5000, 2.0, 10, null);
        KMeansResult result = KMeans.clusters(25).seed(3).tolerance(0).restarts(2).fit(points);
        assertTrue(result.converged());
        double[][] centroids = result.centroids();
        int[] labels = result.labels();
        double inertia = 0;
        double[][] sums = new double[25][2];
        int[] counts = new int[25];
        for (int i = 0; i < points.length; i++) {
            int nearest = 0;
            for (int c = 1; c < 25; c++) {
                if (TestData.distance2(points[i], centroids[c]) < TestData.distance2(points[i], centroids[nearest])) {
                    nearest = c;
                }
            }
            assertEquals(nearest, labels[i], "point " + i);
            inertia += TestData.distance2(points[i], centroids[labels[i]]);
            sums[labels[i]][0] += points[i][0];
            sums[labels[i]][1] += points[i][1];
            counts[labels[i]]++;
        }
        assertEquals(inertia, result.inertia(), 1e-9 * inertia);
        for (int c = 0; c < 25; c++) {
            assertEquals(sums[c][0] / counts[c], centroids[c][0], 1e-9);
            assertEquals(sums[c][1] / counts[c], centroids[c][1], 1e-9);
        }
        double[] perRestart = result.restartInertias();
        assertEquals(2, perRestart.length);
        assertEquals(Math.min(perRestart[0], perRestart[1]), result.inertia(), 0.0);
        assertEquals(result.inertia(), perRestart[result.bestRestart()], 0.0);
    }

    @Test
    void onePointPerClusterWhenKEqualsN() {
        float[][] points = TestData.gaussian(12, 3, 11);
        KMeansResult result = KMeans.clusters(12).seed(1).fit(points);
        assertEquals(0.0, result.inertia(), 1e-12);
        assertEquals(12, new HashSet<>(java.util.Arrays.stream(result.labels()).boxed().toList()).size());
    }

    @Test
    void fewerDistinctPointsThanClustersLeavesEmptyClusters() {
        float[][] points = new float[30][];
        for (int i = 0; i < points.length; i++) {
            points[i] = new float[] { i % 3, 2 * (i % 3) };
        }
        KMeansResult result = KMeans.clusters(5).seed(4).fit(points);
        assertEquals(0.0, result.inertia(), 1e-12);
        int[] sizes = result.clusterSizes();
        int nonEmpty = 0;
        for (int size : sizes) {
            nonEmpty += size > 0 ? 1 : 0;
        }
        assertTrue(nonEmpty >= 3, "the three distinct points need three clusters");
        assertEquals(5 - nonEmpty, result.emptyClusters());
    }

    @Test
    void badArgumentsAreRejected() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> KMeans.clusters(0));
        assertTrue(zero.getMessage().contains("k must be >= 1"), zero.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KMeans.clusters(-3));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> KMeans.clusters(11).fit(TestData.gaussian(10, 2, 1)));
        assertTrue(tooMany.getMessage().contains("k (11)") && tooMany.getMessage().contains("(10)"),
                tooMany.getMessage());
        float[][] nan = TestData.gaussian(10, 2, 1);
        nan[6][1] = Float.NaN;
        IllegalArgumentException badValue = assertThrows(IllegalArgumentException.class,
                () -> KMeans.clusters(2).fit(nan));
        assertTrue(badValue.getMessage().contains("row 6"), badValue.getMessage());
        float[][] ragged = TestData.gaussian(10, 2, 1);
        ragged[9] = new float[3];
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> KMeans.clusters(2).fit(ragged));
        assertTrue(mismatch.getMessage().contains("row 9"), mismatch.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KMeans.clusters(2).restarts(0));
        assertThrows(IllegalArgumentException.class, () -> KMeans.clusters(2).tolerance(-1));
        assertThrows(IllegalArgumentException.class, () -> KMeans.clusters(2).maxIterations(0));
    }

    @Test
    void flatInputMatchesRows() {
        float[][] points = TestData.blobs(TestData.centres(5, 3, 10, 12), 1000, 1.0, 13, null);
        float[] flat = new float[3000];
        for (int i = 0; i < 1000; i++) {
            System.arraycopy(points[i], 0, flat, 3 * i, 3);
        }
        KMeansResult rows = KMeans.clusters(5).seed(1).fit(points);
        KMeansResult packed = KMeans.clusters(5).seed(1).fit(flat, 1000, 3);
        assertArrayEquals(rows.labels(), packed.labels());
        assertNotEquals(0.0, rows.inertia());
        assertEquals(rows.inertia(), packed.inertia(), 0.0);
    }
}
