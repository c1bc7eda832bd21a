package org.segrank.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class RepresentativesTest {
    @Test
    void representativesAreTheRowsNearestTheirCentroids() {
        float[][] features = TestData.blobs(TestData.centres(12, 64, 5, 1), 3000, 2.0, 2, null);
        Representatives.Selection selection = Representatives.select(features, 2, 40, 17L, 3, 2);
        float[][] reduced = selection.pca().transform(features);
        double[][] centroids = selection.clustering().centroids();
        int[] labels = selection.clustering().labels();
        int[] sizes = selection.clustering().clusterSizes();
        List<Representatives.Representative> chosen = selection.representatives();
        assertEquals(40 - selection.clustering().emptyClusters(), chosen.size());
        int previousCluster = -1;
        for (Representatives.Representative r : chosen) {
            assertTrue(r.cluster() > previousCluster, "cluster order");
            previousCluster = r.cluster();
            int best = -1;
            double bestDistance = Double.POSITIVE_INFINITY;
            for (int i = 0; i < features.length; i++) {
                if (labels[i] == r.cluster()) {
                    double dd = TestData.distance2(reduced[i], centroids[r.cluster()]);
                    if (dd < bestDistance) {
                        bestDistance = dd;
                        best = i;
                    }
                }
            }
            assertEquals(best, r.row(), "cluster " + r.cluster());
            assertEquals(Math.sqrt(bestDistance), r.distance(), 1e-9);
            assertEquals(sizes[r.cluster()], r.clusterSize());
        }
        assertArrayEquals(chosen.stream().mapToInt(Representatives.Representative::row).toArray(), selection.rows());
        assertEquals(new Representatives.Settings(2, 2, 40, 17L, 3, KMeans.DEFAULT_MAX_ITERATIONS,
                KMeans.DEFAULT_TOLERANCE, selection.pca().settings()), selection.settings());
        assertEquals(17L, selection.settings().pca().seed());
    }

    @Test
    void sameSeedSameRepresentatives() {
        float[][] features = TestData.gaussian(2000, 150, 3);
        int[] a = Representatives.select(features, 2, 25, 5L, 2, 1).rows();
        int[] b = Representatives.select(features, 2, 25, 5L, 2, 2).rows();
        assertArrayEquals(a, b);
    }

    @Test
    void noPcaClustersTheFullVectors() {
        float[][] features = TestData.blobs(TestData.centres(4, 10, 10, 4), 200, 0.5, 5, null);
        Representatives.Selection selection = Representatives.select(features, 0, 4, 1L);
        assertTrue(selection.pca().isIdentity());
        assertEquals(10, selection.settings().reducedDimensions());
        assertEquals(4, selection.rows().length);
        assertEquals(KMeans.DEFAULT_RESTARTS, selection.settings().restarts());
    }

    @Test
    void badInputIsRejected() {
        float[][] features = TestData.gaussian(10, 8, 6);
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class,
                () -> Representatives.select(features, 2, 11, 0L));
        assertTrue(tooMany.getMessage().contains("k (11)"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Representatives.select(features, 2, 0, 0L));
        float[][] nan = TestData.gaussian(10, 8, 6);
        nan[4][0] = Float.NaN;
        IllegalArgumentException badValue = assertThrows(IllegalArgumentException.class,
                () -> Representatives.select(nan, 2, 3, 0L));
        assertTrue(badValue.getMessage().contains("row 4"), badValue.getMessage());
        float[][] ragged = TestData.gaussian(10, 8, 6);
        ragged[2] = new float[7];
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> Representatives.select(ragged, 2, 3, 0L));
        assertTrue(mismatch.getMessage().contains("row 2"), mismatch.getMessage());
    }
}
