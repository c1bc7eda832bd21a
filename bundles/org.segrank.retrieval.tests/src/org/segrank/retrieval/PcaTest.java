package org.segrank.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PcaTest {
    @ParameterizedTest
    @EnumSource(value = Pca.Solver.class, names = { "EXACT", "RANDOMIZED" })
    void pointsOnALineGiveTheLineDirection(Pca.Solver solver) {
        // x = (1, 2) + t (0.6, 0.8) for t = -2 .. 2: variance of t (ddof 1) = 10 / 4 = 2.5.
        float[][] rows = new float[5][];
        for (int t = -2; t <= 2; t++) {
            rows[t + 2] = new float[] { 1 + 0.6f * t, 2 + 0.8f * t };
        }
        PcaModel model = Pca.components(1).solver(solver).fit(rows);
        assertArrayEquals(new double[] { 0.6, 0.8 }, model.components()[0], 1e-6);
        assertArrayEquals(new double[] { 1, 2 }, model.mean(), 1e-6);
        assertEquals(2.5, model.explainedVariance()[0], 1e-5);
        assertEquals(1.0, model.explainedVarianceRatio()[0], 1e-6);
        assertArrayEquals(new float[] { -2f }, model.transform(rows[0]), 1e-5f);
        assertArrayEquals(new float[] { 2f }, model.transform(new float[][] { rows[4] })[0], 1e-5f);
    }

    @ParameterizedTest
    @EnumSource(value = Pca.Solver.class, names = { "EXACT", "RANDOMIZED" })
    void knownCovariance(Pca.Solver solver) {
        // Mean 0; column variances (ddof 1) 8/3, 2/3 and 0; the axes are the coordinate axes.
        float[][] rows = { { 2, 0, 0 }, { -2, 0, 0 }, { 0, 1, 0 }, { 0, -1, 0 } };
        PcaModel model = Pca.components(2).solver(solver).fit(rows);
        // The randomized solver's products run in float.
        double tolerance = solver == Pca.Solver.EXACT ? 1e-12 : 1e-6;
        assertFalse(model.isIdentity());
        assertEquals(2, model.outputDimension());
        assertArrayEquals(new double[] { 1, 0, 0 }, model.components()[0], tolerance);
        assertArrayEquals(new double[] { 0, 1, 0 }, model.components()[1], tolerance);
        assertArrayEquals(new double[] { 8.0 / 3, 2.0 / 3 }, model.explainedVariance(), tolerance);
        assertArrayEquals(new double[] { 0.8, 0.2 }, model.explainedVarianceRatio(), tolerance);
        assertEquals(10.0 / 3, model.totalVariance(), tolerance);
        assertArrayEquals(new float[] { 2, 0 }, model.transform(rows[0]), (float) tolerance);
        assertArrayEquals(new float[] { 0, -1 }, model.transform(rows[3]), (float) tolerance);
    }

    @Test
    void exactSolverMatchesEjmlSvdOnRandomMatrix() {
        float[][] rows = TestData.gaussian(500, 50, 11);
        PcaModel model = Pca.components(5).fit(rows);
        assertEquals(Pca.Solver.EXACT, model.settings().solver());
        assertMatchesSvd(rows, model, 1e-4);
    }

    @Test
    void randomizedSolverMatchesEjmlSvdOnDecayingSpectrum() {
        float[][] rows = decaying(500, 50, 12);
        PcaModel model = Pca.components(2).seed(3).solver(Pca.Solver.RANDOMIZED).fit(rows);
        assertEquals(Pca.Solver.RANDOMIZED, model.settings().solver());
        assertEquals(12, model.settings().subspace());
        assertMatchesSvd(rows, model, 1e-4);
    }

    @Test
    void randomizedSolverMatchesEjmlSvdInHighDimension() {
        // d > AUTO_EXACT_DIMENSION: AUTO picks the randomized solver.
        float[][] rows = decaying(400, 700, 13);
        PcaModel model = Pca.components(3).seed(9).fit(rows);
        assertEquals(Pca.Solver.RANDOMIZED, model.settings().solver());
        assertMatchesSvd(rows, model, 1e-4);
    }

    @Test
    void randomizedSolverWithMorePowerIterationsConvergesOnPlainNoise() {
        float[][] rows = TestData.gaussian(500, 50, 14);
        PcaModel exact = Pca.components(2).solver(Pca.Solver.EXACT).fit(rows);
        PcaModel few = Pca.components(2).solver(Pca.Solver.RANDOMIZED).powerIterations(0).fit(rows);
        PcaModel many = Pca.components(2).solver(Pca.Solver.RANDOMIZED).powerIterations(60).fit(rows);
        // The randomized estimate of the top variance is a lower bound that power iterations tighten.
        double top = exact.explainedVariance()[0];
        assertTrue(few.explainedVariance()[0] <= top * (1 + 1e-9));
        assertTrue(many.explainedVariance()[0] >= few.explainedVariance()[0]);
        assertEquals(top, many.explainedVariance()[0], 1e-4 * top);
    }

    @Test
    void signConventionMakesTheLargestEntryPositive() {
        PcaModel model = Pca.components(4).solver(Pca.Solver.RANDOMIZED).fit(TestData.gaussian(300, 200, 15));
        for (double[] axis : model.components()) {
            int best = 0;
            for (int j = 1; j < axis.length; j++) {
                if (Math.abs(axis[j]) > Math.abs(axis[best])) {
                    best = j;
                }
            }
            assertTrue(axis[best] > 0);
            double norm = 0;
            for (double v : axis) {
                norm += v * v;
            }
            assertEquals(1.0, norm, 1e-9);
        }
    }

    @Test
    void resultsDoNotDependOnThreadsAndInputLayout() {
        float[][] rows = decaying(5000, 300, 16);
        PcaModel one = Pca.components(2).seed(5).threads(1).fit(rows);
        PcaModel three = Pca.components(2).seed(5).threads(3).fit(rows);
        float[] flat = new float[5000 * 300];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * 300, 300);
        }
        PcaModel fromFlat = Pca.components(2).seed(5).threads(2).fit(flat, 5000, 300);
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(one.components()[k], three.components()[k], 0.0);
            assertArrayEquals(one.components()[k], fromFlat.components()[k], 0.0);
        }
        assertArrayEquals(one.explainedVariance(), three.explainedVariance(), 0.0);
        assertArrayEquals(one.transform(rows, 1)[17], three.transform(rows, 4)[17], 0f);
        assertRowEquals(one.transform(rows, 2)[4999], one.transform(flat, 5000, 2), 4999 * 2);
    }

    private static void assertRowEquals(float[] expected, float[] flat, int offset) {
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], flat[offset + k], 0f, "flat transform, value " + (offset + k));
        }
    }

    @Test
    void transformProjectsCentredRows() {
        float[][] rows = decaying(300, 40, 17);
        PcaModel model = Pca.components(3).fit(rows);
        double[] mean = model.mean();
        double[][] axes = model.components();
        float[][] projected = model.transform(rows);
        for (int i = 0; i < rows.length; i += 37) {
            for (int k = 0; k < 3; k++) {
                double s = 0;
                for (int j = 0; j < 40; j++) {
                    s += (rows[i][j] - mean[j]) * axes[k][j];
                }
                assertEquals(s, projected[i][k], 1e-4 * (1 + Math.abs(s)));
            }
        }
    }

    @Test
    void zeroOrFullComponentsMeanNoPca() {
        float[][] rows = TestData.gaussian(20, 6, 18);
        for (int components : new int[] { 0, 6, 9 }) {
            PcaModel model = Pca.components(components).fit(rows);
            assertTrue(model.isIdentity());
            assertEquals(6, model.outputDimension());
            assertArrayEquals(rows[3], model.transform(rows)[3], 0f);
            assertEquals(6, model.explainedVariance().length);
        }
    }

    @Test
    void badInputIsRejectedNamingTheRow() {
        float[][] rows = TestData.gaussian(10, 4, 19);
        rows[7][2] = Float.NaN;
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class, () -> Pca.fit(rows, 2, 0));
        assertTrue(nan.getMessage().contains("row 7"), nan.getMessage());

        float[][] ragged = TestData.gaussian(10, 4, 20);
        ragged[5] = new float[3];
        IllegalArgumentException mismatch = assertThrows(IllegalArgumentException.class,
                () -> Pca.fit(ragged, 2, 0));
        assertTrue(mismatch.getMessage().contains("row 5"), mismatch.getMessage());

        float[][] infinite = TestData.gaussian(300, 200, 21);
        infinite[123][50] = Float.POSITIVE_INFINITY;
        IllegalArgumentException inf = assertThrows(IllegalArgumentException.class,
                () -> Pca.fit(infinite, 2, 0));
        assertTrue(inf.getMessage().contains("row 123"), inf.getMessage());

        assertThrows(IllegalArgumentException.class, () -> Pca.components(-1));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(TestData.gaussian(2, 5, 1), 3, 0));
        assertThrows(IllegalArgumentException.class, () -> Pca.fit(new float[0][], 2, 0));
        PcaModel model = Pca.fit(TestData.gaussian(10, 4, 22), 2, 0);
        assertThrows(IllegalArgumentException.class, () -> model.transform(new float[5]));
    }

    @Test
    void rankDeficientDataStillGivesOrthonormalAxes() {
        // 3 distinct rows repeated: rank 2 after centring, 12-wide random subspace.
        float[][] base = TestData.gaussian(3, 300, 23);
        float[][] rows = new float[30][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = base[i % 3].clone();
        }
        PcaModel model = Pca.components(2).solver(Pca.Solver.RANDOMIZED).fit(rows);
        double[][] axes = model.components();
        double dot = 0;
        for (int j = 0; j < 300; j++) {
            dot += axes[0][j] * axes[1][j];
        }
        assertEquals(0, dot, 1e-6);
        assertEquals(1.0, model.explainedVarianceRatio()[0] + model.explainedVarianceRatio()[1], 1e-5);
    }

    /** Random rows with column scales 1, 0.8, 0.64, ... mixed by a random rotation. */
    private static float[][] decaying(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        DMatrixRMaj gaussian = new DMatrixRMaj(d, d);
        for (int i = 0; i < d * d; i++) {
            gaussian.data[i] = random.nextGaussian();
        }
        var qr = DecompositionFactory_DDRM.qr(d, d);
        qr.decompose(gaussian);
        DMatrixRMaj rotation = qr.getQ(null, false);
        float[][] rows = new float[n][d];
        double[] z = new double[d];
        for (float[] row : rows) {
            for (int j = 0; j < d; j++) {
                z[j] = random.nextGaussian() * Math.pow(0.8, j) * 3 + (j < 3 ? 5 : 0);
            }
            for (int r = 0; r < d; r++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += rotation.get(r, j) * z[j];
                }
                row[r] = (float) (s + 0.5);
            }
        }
        return rows;
    }

    /** Components equal to the right singular vectors of the centred data up to sign; variances s^2/(n-1). */
    private static void assertMatchesSvd(float[][] rows, PcaModel model, double tolerance) {
        int n = rows.length;
        int d = rows[0].length;
        double[] mean = new double[d];
        for (float[] row : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        DMatrixRMaj centred = new DMatrixRMaj(n, d);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                centred.set(i, j, rows[i][j] - mean[j]);
            }
        }
        assertArrayEquals(mean, model.mean(), 1e-5);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, d, false, true, true);
        assertTrue(svd.decompose(centred));
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(null, false, w, v, false);
        double total = 0;
        for (int k = 0; k < Math.min(n, d); k++) {
            total += w.get(k, k) * w.get(k, k) / (n - 1);
        }
        double[][] axes = model.components();
        for (int k = 0; k < axes.length; k++) {
            double sign = 0;
            double maxDiff = 0;
            for (int j = 0; j < d; j++) {
                if (sign == 0 && Math.abs(v.get(j, k)) > 1e-3) {
                    sign = Math.signum(v.get(j, k)) * Math.signum(axes[k][j]);
                }
            }
            for (int j = 0; j < d; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(sign * v.get(j, k) - axes[k][j]));
            }
            assertTrue(maxDiff <= tolerance, "component " + k + " differs by " + maxDiff);
            double expected = w.get(k, k) * w.get(k, k) / (n - 1);
            assertEquals(expected, model.explainedVariance()[k], 1e-5 * expected, "variance " + k);
            assertEquals(expected / total, model.explainedVarianceRatio()[k], 1e-5, "variance ratio " + k);
        }
    }
}
