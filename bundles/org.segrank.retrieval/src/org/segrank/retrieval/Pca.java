package org.segrank.retrieval;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.ejml.data.DMatrixRMaj;
import org.ejml.data.Complex_F64;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Principal component analysis of an {@code n x d} float matrix (rows are samples), configured with
 * immutable "wither" methods:
 *
 * <pre>{@code
 * PcaModel model = Pca.components(2).seed(42).threads(4).fit(features);
 * float[][] reduced = model.transform(features);
 * }</pre>
 *
 * <p>Solvers: {@link Solver#RANDOMIZED} is the randomized range finder of Halko, Martinsson and Tropp (2011)
 * as in scikit-learn's {@code randomized_svd}: a seeded Gaussian {@code d x (c + oversampling)} test matrix,
 * {@code powerIterations} power iterations (by default scikit-learn's automatic 7 or 4) with QR
 * re-orthonormalisation after every product (scikit-learn normalises with LU), then the SVD of
 * the small projected matrix. The products {@code Xc M} and {@code Xc^T Q} on the centred data run as
 * cache-blocked multi-threaded loops without materialising the centred copy. {@link Solver#EXACT} forms the
 * {@code d x d} covariance matrix and takes its symmetric eigendecomposition (for {@code d <= }
 * {@value #MAX_EXACT_DIMENSION}). {@link Solver#AUTO} (default) is exact for {@code d <= }
 * {@value #AUTO_EXACT_DIMENSION} and randomized above. Small dense decompositions (QR, SVD, symmetric eigen)
 * are EJML's.
 *
 * <p>Signs are deterministic: each component's largest-magnitude entry is positive (the first such entry on
 * ties), as scikit-learn's {@code svd_flip} with {@code u_based_decision=False}. With the same seed the result
 * does not depend on the thread count.
 *
 * <p>{@code components == 0} or {@code components >= d} means "no PCA": the fitted model is the identity.
 */
public final class Pca {
    /** How the components are computed. */
    public enum Solver {
        /** {@link #EXACT} for {@code d <= } {@value Pca#AUTO_EXACT_DIMENSION}, else {@link #RANDOMIZED}. */
        AUTO,
        /** Randomized range finder with power iterations (approximate, fast for large {@code n x d}). */
        RANDOMIZED,
        /** Covariance matrix eigendecomposition ({@code d <= } {@value Pca#MAX_EXACT_DIMENSION}). */
        EXACT
    }

    /** scikit-learn's oversampling of the randomized solver. */
    public static final int DEFAULT_OVERSAMPLING = 10;
    /**
     * Power iterations of the randomized solver chosen as scikit-learn's {@code n_iter='auto'}: 7 when
     * {@code components < 0.1 min(n, d)}, else 4.
     */
    public static final int AUTO_POWER_ITERATIONS = -1;
    /** Largest dimension {@link Solver#AUTO} solves exactly. */
    public static final int AUTO_EXACT_DIMENSION = 128;
    /** Largest dimension {@link Solver#EXACT} accepts. */
    public static final int MAX_EXACT_DIMENSION = 1024;

    private static final int STATS_CHUNK_ROWS = 2048;
    private static final int STATS_MAX_CHUNKS = 64;
    private static final int COVARIANCE_MAX_CHUNKS = 8;

    private final int components;
    private final long seed;
    private final int threads;
    private final int oversampling;
    private final int powerIterations;
    private final Solver solver;

    private Pca(int components, long seed, int threads, int oversampling, int powerIterations, Solver solver) {
        this.components = components;
        this.seed = seed;
        this.threads = threads;
        this.oversampling = oversampling;
        this.powerIterations = powerIterations;
        this.solver = solver;
    }

    /**
     * @param components number of components, {@code >= 0}; 0 (or {@code >= d} at fit time) means the
     *            identity ("no PCA")
     */
    public static Pca components(int components) {
        if (components < 0) {
            throw new IllegalArgumentException("components must be >= 0 (0 = no PCA), got " + components);
        }
        return new Pca(components, 0L, 0, DEFAULT_OVERSAMPLING, AUTO_POWER_ITERATIONS, Solver.AUTO);
    }

    /** Seed of the randomized solver's test matrix (default 0). */
    public Pca seed(long newSeed) {
        return new Pca(components, newSeed, threads, oversampling, powerIterations, solver);
    }

    /** Worker threads, {@code <= 0} for all available processors (the default). */
    public Pca threads(int newThreads) {
        return new Pca(components, seed, newThreads, oversampling, powerIterations, solver);
    }

    /** Extra random vectors of the randomized solver, {@code >= 0} (default {@value #DEFAULT_OVERSAMPLING}). */
    public Pca oversampling(int newOversampling) {
        if (newOversampling < 0) {
            throw new IllegalArgumentException("oversampling must be >= 0, got " + newOversampling);
        }
        return new Pca(components, seed, threads, newOversampling, powerIterations, solver);
    }

    /**
     * Power iterations of the randomized solver, {@code >= 0}, or {@value #AUTO_POWER_ITERATIONS} (the default)
     * for scikit-learn's rule: 7 if {@code components < 0.1 min(n, d)}, else 4.
     */
    public Pca powerIterations(int newPowerIterations) {
        if (newPowerIterations < AUTO_POWER_ITERATIONS) {
            throw new IllegalArgumentException("powerIterations must be >= 0 (or -1 for automatic), got "
                    + newPowerIterations);
        }
        return new Pca(components, seed, threads, oversampling, newPowerIterations, solver);
    }

    /** The solver (default {@link Solver#AUTO}). */
    public Pca solver(Solver newSolver) {
        if (newSolver == null) {
            throw new IllegalArgumentException("solver must not be null");
        }
        return new Pca(components, seed, threads, oversampling, powerIterations, newSolver);
    }

    public int components() {
        return components;
    }

    public long seed() {
        return seed;
    }

    public int threads() {
        return threads;
    }

    public int oversampling() {
        return oversampling;
    }

    /** The configured power iterations ({@value #AUTO_POWER_ITERATIONS} = automatic). */
    public int powerIterations() {
        return powerIterations;
    }

    int effectivePowerIterations(int n, int d) {
        if (powerIterations >= 0) {
            return powerIterations;
        }
        return components < 0.1 * Math.min(n, d) ? 7 : 4;
    }

    public Solver solver() {
        return solver;
    }

    /** Fits {@code components} components to row arrays (all of one length) with the given seed. */
    public static PcaModel fit(float[][] rows, int components, long seed) {
        return components(components).seed(seed).fit(rows);
    }

    /** Fits {@code components} components to a row-major {@code n x d} array with the given seed. */
    public static PcaModel fit(float[] data, int n, int d, int components, long seed) {
        return components(components).seed(seed).fit(data, n, d);
    }

    /**
     * Fits to row arrays. The rows are read, not copied or changed.
     *
     * @throws IllegalArgumentException for no rows, rows of different lengths, NaN or infinite values (naming
     *             the row), or more components than rows
     */
    public PcaModel fit(float[][] rows) {
        return fit(Rows.of(rows, "features"));
    }

    /** Fits to a row-major {@code n x d} array; see {@link #fit(float[][])}. */
    public PcaModel fit(float[] data, int n, int d) {
        return fit(Rows.of(data, n, d, "features"));
    }

    PcaModel fit(Rows x) {
        try (Parallel parallel = Parallel.open(threads)) {
            int n = x.n;
            int d = x.d;
            double[][] stats = columnStats(x, parallel, "features");
            double[] mean = stats[0];
            double[] variance = stats[1];
            double total = 0;
            for (double v : variance) {
                total += v;
            }
            if (components == 0 || components >= d) {
                return PcaModel.identity(d, variance, total, settings(Solver.EXACT, 0, 0));
            }
            if (components > n) {
                throw new IllegalArgumentException("components (" + components + ") must be <= the number of rows ("
                        + n + ")");
            }
            Solver used = solver;
            if (used == Solver.AUTO) {
                used = d <= AUTO_EXACT_DIMENSION ? Solver.EXACT : Solver.RANDOMIZED;
            }
            if (used == Solver.EXACT && d > MAX_EXACT_DIMENSION) {
                throw new IllegalArgumentException("the exact solver takes at most " + MAX_EXACT_DIMENSION
                        + " dimensions, got " + d + "; use the randomized solver");
            }
            double[][] vectors = new double[components][];
            double[] explained = new double[components];
            if (used == Solver.EXACT) {
                exact(x, mean, parallel, vectors, explained);
            } else {
                randomized(x, mean, parallel, vectors, explained);
            }
            for (double[] v : vectors) {
                flipSign(v);
            }
            boolean randomized = used == Solver.RANDOMIZED;
            return new PcaModel(d, mean, vectors, explained, total, settings(used,
                    randomized ? Math.min(components + oversampling, Math.min(n, d)) : 0,
                    randomized ? effectivePowerIterations(n, d) : 0));
        }
    }

    private PcaModel.Settings settings(Solver used, int subspace, int iterations) {
        return new PcaModel.Settings(components, used, seed, oversampling, iterations, subspace);
    }

    /**
     * Per-column mean and variance (ddof 1) in one parallel pass, shifted by row 0 for accuracy. Also the
     * finiteness check: a NaN or infinity anywhere makes the sums non-finite, and only then are the rows
     * scanned to name the first offending one.
     */
    static double[][] columnStats(Rows x, Parallel parallel, String what) {
        int n = x.n;
        int d = x.d;
        double[] shift = new double[d];
        for (int j = 0; j < d; j++) {
            shift[j] = x.get(0, j);
        }
        int chunkRows = Math.max(STATS_CHUNK_ROWS, (n + STATS_MAX_CHUNKS - 1) / STATS_MAX_CHUNKS);
        int chunks = Parallel.tasks(n, chunkRows);
        double[][] partialSum = new double[chunks][];
        double[][] partialSquares = new double[chunks][];
        parallel.run(chunks, c -> {
            // Separate arrays, one index expression: the loop vectorises.
            double[] sum = new double[d];
            double[] squares = new double[d];
            int first = c * chunkRows;
            int last = Math.min(n, first + chunkRows);
            for (int i = first; i < last; i++) {
                float[] a = x.array(i);
                int o = x.offset(i);
                if (o == 0) {
                    for (int j = 0; j < d; j++) {
                        double v = a[j] - shift[j];
                        sum[j] += v;
                        squares[j] += v * v;
                    }
                } else {
                    for (int j = 0; j < d; j++) {
                        double v = a[o + j] - shift[j];
                        sum[j] += v;
                        squares[j] += v * v;
                    }
                }
            }
            partialSum[c] = sum;
            partialSquares[c] = squares;
        });
        double[] s1 = partialSum[0];
        double[] s2 = partialSquares[0];
        for (int c = 1; c < chunks; c++) {
            for (int j = 0; j < d; j++) {
                s1[j] += partialSum[c][j];
                s2[j] += partialSquares[c][j];
            }
        }
        double[] mean = new double[d];
        double[] variance = new double[d];
        for (int j = 0; j < d; j++) {
            if (!Double.isFinite(s1[j]) || !Double.isFinite(s2[j])) {
                x.checkFinite(what);
            }
            mean[j] = shift[j] + s1[j] / n;
            variance[j] = n > 1 ? Math.max(0, (s2[j] - s1[j] * s1[j] / n) / (n - 1)) : 0;
        }
        return new double[][] { mean, variance };
    }

    private void exact(Rows x, double[] mean, Parallel parallel, double[][] vectors, double[] explained) {
        int n = x.n;
        int d = x.d;
        int chunkRows = Math.max(STATS_CHUNK_ROWS, (n + COVARIANCE_MAX_CHUNKS - 1) / COVARIANCE_MAX_CHUNKS);
        int chunks = Parallel.tasks(n, chunkRows);
        double[][] partial = new double[chunks][];
        parallel.run(chunks, c -> {
            double[] cov = new double[d * d];
            double[] xc = new double[d];
            int first = c * chunkRows;
            int last = Math.min(n, first + chunkRows);
            for (int i = first; i < last; i++) {
                float[] a = x.array(i);
                int o = x.offset(i);
                for (int j = 0; j < d; j++) {
                    xc[j] = a[o + j] - mean[j];
                }
                for (int r = 0; r < d; r++) {
                    double v = xc[r];
                    int base = r * d;
                    for (int j = r; j < d; j++) {
                        cov[base + j] += v * xc[j];
                    }
                }
            }
            partial[c] = cov;
        });
        DMatrixRMaj cov = new DMatrixRMaj(d, d);
        double denominator = Math.max(1, n - 1);
        for (int r = 0; r < d; r++) {
            for (int j = r; j < d; j++) {
                double s = 0;
                for (int c = 0; c < chunks; c++) {
                    s += partial[c][r * d + j];
                }
                cov.unsafe_set(r, j, s / denominator);
                cov.unsafe_set(j, r, s / denominator);
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eig.decompose(cov)) {
            throw new IllegalStateException("the covariance eigendecomposition did not converge");
        }
        Integer[] order = new Integer[d];
        double[] values = new double[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
            Complex_F64 value = eig.getEigenvalue(i);
            values[i] = value.real;
        }
        Arrays.sort(order, (a, b) -> values[a] != values[b] ? Double.compare(values[b], values[a])
                : Integer.compare(a, b));
        for (int k = 0; k < components; k++) {
            DMatrixRMaj v = eig.getEigenVector(order[k]);
            double[] vector = new double[d];
            double norm = 0;
            for (int j = 0; j < d; j++) {
                vector[j] = v.get(j, 0);
                norm += vector[j] * vector[j];
            }
            norm = Math.sqrt(norm);
            for (int j = 0; j < d; j++) {
                vector[j] /= norm;
            }
            vectors[k] = vector;
            explained[k] = Math.max(0, values[order[k]]);
        }
    }

    private void randomized(Rows x, double[] mean, Parallel parallel, double[][] vectors, double[] explained) {
        int n = x.n;
        int d = x.d;
        int l = Math.min(components + oversampling, Math.min(n, d));
        float[] meanF = new float[d];
        for (int j = 0; j < d; j++) {
            meanF[j] = (float) mean[j];
        }
        SplittableRandom random = new SplittableRandom(seed);
        float[] mt = new float[l * d];
        for (int i = 0; i < mt.length; i++) {
            mt[i] = (float) random.nextGaussian();
        }
        DMatrixRMaj y = new DMatrixRMaj(n, l);
        Kernels.multiply(x, meanF, mt, l, y.data, parallel);
        int iterations = effectivePowerIterations(n, d);
        for (int it = 0; it < iterations; it++) {
            DMatrixRMaj q = orthonormalise(y);
            DMatrixRMaj z = transposeOf(Kernels.multiplyTransposed(x, meanF, q.data, l, parallel), l, d);
            DMatrixRMaj p = orthonormalise(z);
            for (int j = 0; j < d; j++) {
                for (int k = 0; k < l; k++) {
                    mt[k * d + j] = (float) p.unsafe_get(j, k);
                }
            }
            Kernels.multiply(x, meanF, mt, l, y.data, parallel);
        }
        DMatrixRMaj q = orthonormalise(y);
        DMatrixRMaj bt = transposeOf(Kernels.multiplyTransposed(x, meanF, q.data, l, parallel), l, d);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(d, l, true, true, true);
        if (!svd.decompose(bt)) {
            throw new IllegalStateException("the SVD of the projected matrix did not converge");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj v = svd.getV(null, false);
        SingularOps_DDRM.descendingOrder(u, false, w, v, false);
        double denominator = Math.max(1, n - 1);
        for (int k = 0; k < components; k++) {
            double[] vector = new double[d];
            for (int j = 0; j < d; j++) {
                vector[j] = u.unsafe_get(j, k);
            }
            vectors[k] = vector;
            double s = w.unsafe_get(k, k);
            explained[k] = s * s / denominator;
        }
    }

    /** Orthonormal basis (compact Q of a Householder QR) of the columns of {@code a}. */
    static DMatrixRMaj orthonormalise(DMatrixRMaj a) {
        QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(a.numRows, a.numCols);
        // decompose() reports false only for an exactly zero column (rank deficiency); the Householder Q
        // is still orthonormal then, its extra columns spanning arbitrary directions, which the range
        // finder tolerates.
        qr.decompose(a);
        return qr.getQ(null, true);
    }

    private static DMatrixRMaj transposeOf(double[] rowMajor, int rows, int cols) {
        DMatrixRMaj t = new DMatrixRMaj(cols, rows);
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t.data[c * rows + r] = rowMajor[r * cols + c];
            }
        }
        return t;
    }

    /** Makes the largest-magnitude entry (the first on ties) positive. */
    static void flipSign(double[] v) {
        int best = 0;
        for (int j = 1; j < v.length; j++) {
            if (Math.abs(v[j]) > Math.abs(v[best])) {
                best = j;
            }
        }
        if (v[best] < 0) {
            for (int j = 0; j < v.length; j++) {
                v[j] = -v[j];
            }
        }
    }
}
