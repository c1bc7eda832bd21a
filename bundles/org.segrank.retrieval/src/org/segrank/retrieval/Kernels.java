package org.segrank.retrieval;

import java.util.Arrays;

/**
 * The two heavy products of the randomized PCA on the implicitly centred data {@code Xc = X - 1 mean^T}
 * ({@code n x d}, never materialised): {@code Xc M} for a thin {@code d x l} matrix and {@code Xc^T Q} for a
 * thin {@code n x l} matrix. Both are cache-blocked, split into tasks whose partial results are combined in
 * task order (results do not depend on the thread count), and accumulate in float over short runs and in
 * double across runs.
 *
 * <p>Inner loops are written so that HotSpot's C2 vectorises them: every float array a loop stores to and
 * every float array it loads from is indexed with the same expression (C2 does not vectorise when two
 * possibly aliased arrays are indexed with different offsets), hence the per-row accumulator arrays. Where
 * {@link Fma#AVAILABLE}, four rank-1 updates are fused per accumulator load and store.
 */
final class Kernels {
    /** Rows per block of {@link #multiply}: the width of the transposed panel, the vectorised loop length. */
    static final int ROW_BLOCK = 256;
    /** Columns per panel of {@link #multiply}. */
    static final int COLUMN_BLOCK = 128;
    /** Minimum rows per task of {@link #multiplyTransposed}: tasks own a partial {@code l x d} sum. */
    static final int TRANSPOSED_TASK_ROWS = 4096;
    /** Maximum tasks (partial sums held at once) of {@link #multiplyTransposed}. */
    static final int TRANSPOSED_MAX_TASKS = 32;
    /** Rows accumulated in float before adding to the double partial sum. */
    static final int TRANSPOSED_FLOAT_ROWS = 256;
    /** Columns per cache block of {@link #multiplyTransposed}. */
    static final int TRANSPOSED_COLUMN_BLOCK = 512;

    private Kernels() {
    }

    /**
     * {@code y = (X - 1 mean^T) M}, {@code y} row-major {@code n x l}.
     *
     * @param mt {@code M^T} row-major {@code l x d} (row {@code k} is column {@code k} of {@code M})
     */
    static void multiply(Rows x, float[] mean, float[] mt, int l, double[] y, Parallel parallel) {
        final int n = x.n;
        final int d = x.d;
        ThreadLocal<float[][]> panels = ThreadLocal.withInitial(() -> new float[COLUMN_BLOCK][ROW_BLOCK]);
        ThreadLocal<float[][]> accumulators = ThreadLocal.withInitial(() -> new float[l][ROW_BLOCK]);
        ThreadLocal<double[][]> sums = ThreadLocal.withInitial(() -> new double[l][ROW_BLOCK]);
        parallel.run(Parallel.tasks(n, ROW_BLOCK), task -> {
            float[][] panel = panels.get();
            float[][] acc = accumulators.get();
            double[][] sum = sums.get();
            for (double[] s : sum) {
                Arrays.fill(s, 0);
            }
            int r0 = task * ROW_BLOCK;
            int rb = Math.min(ROW_BLOCK, n - r0);
            if (rb < ROW_BLOCK) {
                for (float[] p : panel) {
                    Arrays.fill(p, 0f);
                }
            }
            for (int j0 = 0; j0 < d; j0 += COLUMN_BLOCK) {
                int jc = Math.min(COLUMN_BLOCK, d - j0);
                transpose(x, r0, rb, j0, jc, mean, panel);
                for (float[] row : acc) {
                    Arrays.fill(row, 0f);
                }
                int jj = 0;
                if (Fma.AVAILABLE) {
                    for (; jj + 3 < jc; jj += 4) {
                        float[] p0 = panel[jj];
                        float[] p1 = panel[jj + 1];
                        float[] p2 = panel[jj + 2];
                        float[] p3 = panel[jj + 3];
                        int column = j0 + jj;
                        for (int k = 0; k < l; k++) {
                            int mk = k * d + column;
                            float m0 = mt[mk];
                            float m1 = mt[mk + 1];
                            float m2 = mt[mk + 2];
                            float m3 = mt[mk + 3];
                            float[] ak = acc[k];
                            for (int r = 0; r < ROW_BLOCK; r++) {
                                ak[r] = Math.fma(m3, p3[r], Math.fma(m2, p2[r], Math.fma(m1, p1[r],
                                        Math.fma(m0, p0[r], ak[r]))));
                            }
                        }
                    }
                }
                for (; jj < jc; jj++) {
                    float[] p = panel[jj];
                    int column = j0 + jj;
                    for (int k = 0; k < l; k++) {
                        float m = mt[k * d + column];
                        float[] ak = acc[k];
                        for (int r = 0; r < ROW_BLOCK; r++) {
                            ak[r] += m * p[r];
                        }
                    }
                }
                for (int k = 0; k < l; k++) {
                    float[] ak = acc[k];
                    double[] sk = sum[k];
                    for (int r = 0; r < ROW_BLOCK; r++) {
                        sk[r] += ak[r];
                    }
                }
            }
            for (int r = 0; r < rb; r++) {
                int row = (r0 + r) * l;
                for (int k = 0; k < l; k++) {
                    y[row + k] = sum[k][r];
                }
            }
        });
    }

    /**
     * {@code zt = Q^T (X - 1 mean^T)}, {@code zt} row-major {@code l x d} (that is {@code Z = Xc^T Q} transposed).
     *
     * @param q row-major {@code n x l}
     */
    static double[] multiplyTransposed(Rows x, float[] mean, double[] q, int l, Parallel parallel) {
        final int n = x.n;
        final int d = x.d;
        int taskRows = Math.max(TRANSPOSED_TASK_ROWS, (n + TRANSPOSED_MAX_TASKS - 1) / TRANSPOSED_MAX_TASKS);
        int tasks = Parallel.tasks(n, taskRows);
        double[][][] partial = new double[tasks][][];
        ThreadLocal<float[][]> accumulators = ThreadLocal.withInitial(() -> new float[l][d]);
        ThreadLocal<float[][]> rows = ThreadLocal.withInitial(() -> new float[4][d]);
        ThreadLocal<float[]> weights = ThreadLocal.withInitial(() -> new float[TRANSPOSED_FLOAT_ROWS * l]);
        parallel.run(tasks, task -> {
            float[][] acc = accumulators.get();
            float[][] centred = rows.get();
            float[] c0 = centred[0];
            float[] c1 = centred[1];
            float[] c2 = centred[2];
            float[] c3 = centred[3];
            float[] w = weights.get();
            double[][] out = new double[l][d];
            int first = task * taskRows;
            int last = Math.min(n, first + taskRows);
            for (int i0 = first; i0 < last; i0 += TRANSPOSED_FLOAT_ROWS) {
                int i1 = Math.min(last, i0 + TRANSPOSED_FLOAT_ROWS);
                for (int i = i0; i < i1; i++) {
                    for (int k = 0; k < l; k++) {
                        w[(i - i0) * l + k] = (float) q[i * l + k];
                    }
                }
                for (float[] row : acc) {
                    Arrays.fill(row, 0f);
                }
                for (int j0 = 0; j0 < d; j0 += TRANSPOSED_COLUMN_BLOCK) {
                    int j1 = Math.min(d, j0 + TRANSPOSED_COLUMN_BLOCK);
                    int i = i0;
                    if (Fma.AVAILABLE) {
                        for (; i + 3 < i1; i += 4) {
                            centre(x, i, mean, c0, j0, j1);
                            centre(x, i + 1, mean, c1, j0, j1);
                            centre(x, i + 2, mean, c2, j0, j1);
                            centre(x, i + 3, mean, c3, j0, j1);
                            int wi = (i - i0) * l;
                            for (int k = 0; k < l; k++) {
                                float w0 = w[wi + k];
                                float w1 = w[wi + l + k];
                                float w2 = w[wi + 2 * l + k];
                                float w3 = w[wi + 3 * l + k];
                                float[] ak = acc[k];
                                for (int j = j0; j < j1; j++) {
                                    ak[j] = Math.fma(w3, c3[j], Math.fma(w2, c2[j], Math.fma(w1, c1[j],
                                            Math.fma(w0, c0[j], ak[j]))));
                                }
                            }
                        }
                    }
                    for (; i < i1; i++) {
                        centre(x, i, mean, c0, j0, j1);
                        int wi = (i - i0) * l;
                        for (int k = 0; k < l; k++) {
                            float wk = w[wi + k];
                            float[] ak = acc[k];
                            for (int j = j0; j < j1; j++) {
                                ak[j] += wk * c0[j];
                            }
                        }
                    }
                }
                for (int k = 0; k < l; k++) {
                    float[] ak = acc[k];
                    double[] ok = out[k];
                    for (int j = 0; j < d; j++) {
                        ok[j] += ak[j];
                    }
                }
            }
            partial[task] = out;
        });
        double[] zt = new double[l * d];
        for (int t = 0; t < tasks; t++) {
            for (int k = 0; k < l; k++) {
                double[] p = partial[t][k];
                int base = k * d;
                for (int j = 0; j < d; j++) {
                    zt[base + j] += p[j];
                }
            }
        }
        return zt;
    }

    /**
     * {@code panel[jj][r] = x[r0 + r][j0 + jj] - mean[j0 + jj]}: eight rows at a time, so that each column
     * step writes eight contiguous values and the eight rows' cache lines serve sixteen column steps.
     */
    private static void transpose(Rows x, int r0, int rb, int j0, int jc, float[] mean, float[][] panel) {
        int r = 0;
        for (; r + 7 < rb; r += 8) {
            int i = r0 + r;
            float[] a0 = x.array(i);
            float[] a1 = x.array(i + 1);
            float[] a2 = x.array(i + 2);
            float[] a3 = x.array(i + 3);
            float[] a4 = x.array(i + 4);
            float[] a5 = x.array(i + 5);
            float[] a6 = x.array(i + 6);
            float[] a7 = x.array(i + 7);
            int o0 = x.offset(i) + j0;
            int o1 = x.offset(i + 1) + j0;
            int o2 = x.offset(i + 2) + j0;
            int o3 = x.offset(i + 3) + j0;
            int o4 = x.offset(i + 4) + j0;
            int o5 = x.offset(i + 5) + j0;
            int o6 = x.offset(i + 6) + j0;
            int o7 = x.offset(i + 7) + j0;
            for (int jj = 0; jj < jc; jj++) {
                float mu = mean[j0 + jj];
                float[] p = panel[jj];
                p[r] = a0[o0 + jj] - mu;
                p[r + 1] = a1[o1 + jj] - mu;
                p[r + 2] = a2[o2 + jj] - mu;
                p[r + 3] = a3[o3 + jj] - mu;
                p[r + 4] = a4[o4 + jj] - mu;
                p[r + 5] = a5[o5 + jj] - mu;
                p[r + 6] = a6[o6 + jj] - mu;
                p[r + 7] = a7[o7 + jj] - mu;
            }
        }
        for (; r < rb; r++) {
            float[] a = x.array(r0 + r);
            int o = x.offset(r0 + r) + j0;
            for (int jj = 0; jj < jc; jj++) {
                panel[jj][r] = a[o + jj] - mean[j0 + jj];
            }
        }
    }

    /** {@code centred[j] = x[i][j] - mean[j]} for {@code j} in {@code [j0, j1)}. */
    private static void centre(Rows x, int i, float[] mean, float[] centred, int j0, int j1) {
        float[] a = x.array(i);
        int o = x.offset(i);
        if (o == 0) {
            for (int j = j0; j < j1; j++) {
                centred[j] = a[j] - mean[j];
            }
        } else {
            for (int j = j0; j < j1; j++) {
                centred[j] = a[o + j] - mean[j];
            }
        }
    }
}
