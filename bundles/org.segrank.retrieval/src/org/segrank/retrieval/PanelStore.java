package org.segrank.retrieval;

import java.util.ArrayList;
import java.util.List;

/**
 * Unit vectors in panels of {@value #PANEL} rows held dimension-major, and the blocked matrix-product kernel that
 * scores queries against them: blocks of queries against {@value #DIMENSION_BLOCK}-dimension slices of a panel,
 * which stay in the L2 cache. The last panel holds (and the kernel computes) only the rows in use, rounded up to
 * {@value #ROW_STEP}, so small stores and the cells of a partition cost no padding. The inner loop updates four queries' scores for a whole panel row at a
 * time, fusing four dimensions per step with {@link Math#fma} where the CPU has FMA; HotSpot vectorises it.
 * A score is the float dot product of two unit vectors, within {@link #scoreError(int)} of the exact one.
 *
 * <p>Not thread-safe for appends; concurrent scoring calls are fine once appending has finished.
 */
final class PanelStore {
    /**
     * Stored vectors per panel, the vectorised loop length: the kernel ran 15-20% faster on panels of 512 rows than
     * of 256, and slower again on 1,024 (2,048 dimensions, 1 thread).
     */
    static final int PANEL = 512;
    /** The last panel grows in steps of this many rows (a multiple of the vector length). */
    static final int ROW_STEP = 16;
    /** Queries per scoring call of the parallel searches. */
    static final int QUERY_BLOCK = 64;
    /** Dimensions per cache block (a block of a panel is {@code DIMENSION_BLOCK} x panel rows floats). */
    static final int DIMENSION_BLOCK = 256;
    /** Queries scored together against one panel row. */
    private static final int GROUP = 4;

    /** Receives the scores of one query against the rows {@code [firstRow, firstRow + count)}. */
    interface Sink {
        void accept(int query, float[] scores, int firstRow, int count);
    }

    private final int dimension;
    /**
     * {@code panels.get(p)[j][r]}: dimension {@code j} of stored vector {@code p * PANEL + r}; every panel but the
     * last has {@value #PANEL} rows, the last at least the rows in use rounded up to {@value #ROW_STEP}.
     */
    private final List<float[][]> panels = new ArrayList<>();
    private int[] ids = new int[16];
    private int size;

    PanelStore(int dimension) {
        this.dimension = dimension;
    }

    /**
     * Bound on |score - exact cosine| for unit float vectors of this dimension: float accumulation over
     * {@code dimension} products (at most {@code dimension} unit roundoffs of the sum of |products| &lt;= 1), plus
     * the rounding of the stored unit vectors, with a factor 2 to spare: {@code 2 (dimension + 8) u}, where
     * {@code u = 2^-24} is float's unit roundoff.
     */
    static double scoreError(int dimension) {
        return (dimension + 8) * (double) Math.ulp(1.0f);
    }

    int size() {
        return size;
    }

    int panelCount() {
        return Parallel.tasks(size, PANEL);
    }

    int id(int row) {
        return ids[row];
    }

    /** Stored vector {@code row} into {@code out}. */
    void row(int row, float[] out) {
        float[][] panel = panels.get(row / PANEL);
        int r = row % PANEL;
        for (int j = 0; j < dimension; j++) {
            out[j] = panel[j][r];
        }
    }

    /**
     * Appends unit vectors {@code rows[select[i]]} with ids {@code rowIds[select[i]]} for {@code i < count}
     * ({@code select == null}: rows {@code 0 .. count-1}), copied as they are. Whole panels are filled on the
     * workers of {@code parallel} (may be {@code null}: this thread).
     */
    void append(float[][] rows, int[] rowIds, int[] select, int count, Parallel parallel) {
        int first = size;
        int end = first + count;
        if (end > ids.length) {
            ids = java.util.Arrays.copyOf(ids, Math.max(end, 2 * ids.length));
        }
        if (count == 0) {
            return;
        }
        int lastPanel = (end - 1) / PANEL;
        for (int p = Math.max(0, panels.size() - 1); p <= lastPanel; p++) {
            int needed = p < lastPanel ? PANEL : roundUp(end - p * PANEL);
            if (p == panels.size()) {
                panels.add(new float[dimension][needed]);
            } else if (panels.get(p)[0].length < needed) {
                // the last panel grows: double it, up to a full panel
                int grown = Math.min(PANEL, Math.max(needed, 2 * panels.get(p)[0].length));
                float[][] panel = panels.get(p);
                for (int j = 0; j < dimension; j++) {
                    panel[j] = java.util.Arrays.copyOf(panel[j], grown);
                }
            }
        }
        int firstPanel = first / PANEL;
        int touched = lastPanel - firstPanel + 1;
        java.util.function.IntConsumer fillPanel = t -> {
            int p = firstPanel + t;
            int from = Math.max(first, p * PANEL);
            int to = Math.min(end, (p + 1) * PANEL);
            fill(panels.get(p), from - p * PANEL, rows, select, from - first, to - from);
            for (int row = from; row < to; row++) {
                int source = select == null ? row - first : select[row - first];
                ids[row] = rowIds[source];
            }
        };
        if (parallel == null) {
            for (int t = 0; t < touched; t++) {
                fillPanel.accept(t);
            }
        } else {
            parallel.run(touched, fillPanel);
        }
        size = end;
    }

    /**
     * Writes {@code count} rows (the {@code t0}-th selected onwards) into panel rows {@code r0 ..}, eight at a time
     * so that each panel row receives eight contiguous values per pass.
     */
    private void fill(float[][] panel, int r0, float[][] rows, int[] select, int t0, int count) {
        int t = 0;
        for (; t + 7 < count; t += 8) {
            float[] a0 = rows[pick(select, t0 + t)];
            float[] a1 = rows[pick(select, t0 + t + 1)];
            float[] a2 = rows[pick(select, t0 + t + 2)];
            float[] a3 = rows[pick(select, t0 + t + 3)];
            float[] a4 = rows[pick(select, t0 + t + 4)];
            float[] a5 = rows[pick(select, t0 + t + 5)];
            float[] a6 = rows[pick(select, t0 + t + 6)];
            float[] a7 = rows[pick(select, t0 + t + 7)];
            int r = r0 + t;
            for (int j = 0; j < dimension; j++) {
                float[] column = panel[j];
                column[r] = a0[j];
                column[r + 1] = a1[j];
                column[r + 2] = a2[j];
                column[r + 3] = a3[j];
                column[r + 4] = a4[j];
                column[r + 5] = a5[j];
                column[r + 6] = a6[j];
                column[r + 7] = a7[j];
            }
        }
        for (; t < count; t++) {
            float[] a = rows[pick(select, t0 + t)];
            int r = r0 + t;
            for (int j = 0; j < dimension; j++) {
                panel[j][r] = a[j];
            }
        }
    }

    private static int roundUp(int rows) {
        return (rows + ROW_STEP - 1) / ROW_STEP * ROW_STEP;
    }

    private static int pick(int[] select, int i) {
        return select == null ? i : select[i];
    }

    /**
     * Offers the scores of unit queries {@code [q0, q1)} against panels {@code [p0, p1)} to {@code tops[q - q0]}.
     */
    void topN(float[][] queries, int q0, int q1, int p0, int p1, TopN[] tops) {
        score(queries, q0, q1, p0, p1, (q, scores, base, count) -> {
            TopN top = tops[q - q0];
            float threshold = top.threshold();
            for (int r = 0; r < count; r++) {
                if (scores[r] >= threshold) {
                    top.offer(scores[r], ids[base + r]);
                    threshold = top.threshold();
                }
            }
        });
    }

    /** Scores unit queries {@code [q0, q1)} against panels {@code [p0, p1)}, panel by panel, into {@code sink}. */
    void score(float[][] queries, int q0, int q1, int p0, int p1, Sink sink) {
        int nq = q1 - q0;
        float[][] acc = new float[nq][PANEL];
        for (int p = p0; p < p1; p++) {
            float[][] panel = panels.get(p);
            int base = p * PANEL;
            int valid = Math.min(PANEL, size - base);
            // the rows to compute: in use, rounded up to whole vectors (the panel holds zeros beyond)
            int n = Math.min(panel[0].length, roundUp(valid));
            for (float[] a : acc) {
                java.util.Arrays.fill(a, 0, n, 0f);
            }
            for (int j0 = 0; j0 < dimension; j0 += DIMENSION_BLOCK) {
                int j1 = Math.min(dimension, j0 + DIMENSION_BLOCK);
                int g = 0;
                for (; g + GROUP <= nq; g += GROUP) {
                    if (Fma.AVAILABLE && n == PANEL) {
                        fusedGroupFull(panel, queries, q0 + g, acc, g, j0, j1);
                    } else if (Fma.AVAILABLE) {
                        fusedGroup(panel, queries, q0 + g, acc, g, j0, j1, n);
                    } else {
                        plainGroup(panel, queries, q0 + g, acc, g, j0, j1, n);
                    }
                }
                for (; g < nq; g++) {
                    single(panel, queries[q0 + g], acc[g], j0, j1, n);
                }
            }
            for (int q = 0; q < nq; q++) {
                sink.accept(q0 + q, acc[q], base, valid);
            }
        }
    }

    /**
     * Four queries against four panel rows per step with fused multiply-adds: each accumulator is loaded and
     * stored once per four dimensions.
     */
    private static void fusedGroup(float[][] panel, float[][] queries, int q, float[][] acc, int g, int j0, int j1, int n) {
        float[] qa = queries[q];
        float[] qb = queries[q + 1];
        float[] qc = queries[q + 2];
        float[] qd = queries[q + 3];
        float[] ca = acc[g];
        float[] cb = acc[g + 1];
        float[] cc = acc[g + 2];
        float[] cd = acc[g + 3];
        int j = j0;
        for (; j + 3 < j1; j += 4) {
            float[] x0 = panel[j];
            float[] x1 = panel[j + 1];
            float[] x2 = panel[j + 2];
            float[] x3 = panel[j + 3];
            float a0 = qa[j];
            float a1 = qa[j + 1];
            float a2 = qa[j + 2];
            float a3 = qa[j + 3];
            float b0 = qb[j];
            float b1 = qb[j + 1];
            float b2 = qb[j + 2];
            float b3 = qb[j + 3];
            float c0 = qc[j];
            float c1 = qc[j + 1];
            float c2 = qc[j + 2];
            float c3 = qc[j + 3];
            float d0 = qd[j];
            float d1 = qd[j + 1];
            float d2 = qd[j + 2];
            float d3 = qd[j + 3];
            for (int r = 0; r < n; r++) {
                float v0 = x0[r];
                float v1 = x1[r];
                float v2 = x2[r];
                float v3 = x3[r];
                ca[r] = Math.fma(a3, v3, Math.fma(a2, v2, Math.fma(a1, v1, Math.fma(a0, v0, ca[r]))));
                cb[r] = Math.fma(b3, v3, Math.fma(b2, v2, Math.fma(b1, v1, Math.fma(b0, v0, cb[r]))));
                cc[r] = Math.fma(c3, v3, Math.fma(c2, v2, Math.fma(c1, v1, Math.fma(c0, v0, cc[r]))));
                cd[r] = Math.fma(d3, v3, Math.fma(d2, v2, Math.fma(d1, v1, Math.fma(d0, v0, cd[r]))));
            }
        }
        for (; j < j1; j++) {
            float[] x = panel[j];
            float a = qa[j];
            float b = qb[j];
            float c = qc[j];
            float d = qd[j];
            for (int r = 0; r < n; r++) {
                float v = x[r];
                ca[r] = Math.fma(a, v, ca[r]);
                cb[r] = Math.fma(b, v, cb[r]);
                cc[r] = Math.fma(c, v, cc[r]);
                cd[r] = Math.fma(d, v, cd[r]);
            }
        }
    }

    private static void fusedGroupFull(float[][] panel, float[][] queries, int q, float[][] acc, int g, int j0, int j1) {
        float[] qa = queries[q];
        float[] qb = queries[q + 1];
        float[] qc = queries[q + 2];
        float[] qd = queries[q + 3];
        float[] ca = acc[g];
        float[] cb = acc[g + 1];
        float[] cc = acc[g + 2];
        float[] cd = acc[g + 3];
        int j = j0;
        for (; j + 3 < j1; j += 4) {
            float[] x0 = panel[j];
            float[] x1 = panel[j + 1];
            float[] x2 = panel[j + 2];
            float[] x3 = panel[j + 3];
            float a0 = qa[j];
            float a1 = qa[j + 1];
            float a2 = qa[j + 2];
            float a3 = qa[j + 3];
            float b0 = qb[j];
            float b1 = qb[j + 1];
            float b2 = qb[j + 2];
            float b3 = qb[j + 3];
            float c0 = qc[j];
            float c1 = qc[j + 1];
            float c2 = qc[j + 2];
            float c3 = qc[j + 3];
            float d0 = qd[j];
            float d1 = qd[j + 1];
            float d2 = qd[j + 2];
            float d3 = qd[j + 3];
            for (int r = 0; r < PANEL; r++) {
                float v0 = x0[r];
                float v1 = x1[r];
                float v2 = x2[r];
                float v3 = x3[r];
                ca[r] = Math.fma(a3, v3, Math.fma(a2, v2, Math.fma(a1, v1, Math.fma(a0, v0, ca[r]))));
                cb[r] = Math.fma(b3, v3, Math.fma(b2, v2, Math.fma(b1, v1, Math.fma(b0, v0, cb[r]))));
                cc[r] = Math.fma(c3, v3, Math.fma(c2, v2, Math.fma(c1, v1, Math.fma(c0, v0, cc[r]))));
                cd[r] = Math.fma(d3, v3, Math.fma(d2, v2, Math.fma(d1, v1, Math.fma(d0, v0, cd[r]))));
            }
        }
        for (; j < j1; j++) {
            float[] x = panel[j];
            float a = qa[j];
            float b = qb[j];
            float c = qc[j];
            float d = qd[j];
            for (int r = 0; r < PANEL; r++) {
                float v = x[r];
                ca[r] = Math.fma(a, v, ca[r]);
                cb[r] = Math.fma(b, v, cb[r]);
                cc[r] = Math.fma(c, v, cc[r]);
                cd[r] = Math.fma(d, v, cd[r]);
            }
        }
    }

    /** Four queries against one panel row per step, separate multiply and add. */
    private static void plainGroup(float[][] panel, float[][] queries, int q, float[][] acc, int g, int j0, int j1, int n) {
        float[] qa = queries[q];
        float[] qb = queries[q + 1];
        float[] qc = queries[q + 2];
        float[] qd = queries[q + 3];
        float[] ca = acc[g];
        float[] cb = acc[g + 1];
        float[] cc = acc[g + 2];
        float[] cd = acc[g + 3];
        for (int j = j0; j < j1; j++) {
            float[] x = panel[j];
            float a = qa[j];
            float b = qb[j];
            float c = qc[j];
            float d = qd[j];
            for (int r = 0; r < n; r++) {
                float v = x[r];
                ca[r] += a * v;
                cb[r] += b * v;
                cc[r] += c * v;
                cd[r] += d * v;
            }
        }
    }

    private static void single(float[][] panel, float[] query, float[] acc, int j0, int j1, int n) {
        for (int j = j0; j < j1; j++) {
            float[] x = panel[j];
            float w = query[j];
            if (Fma.AVAILABLE) {
                for (int r = 0; r < n; r++) {
                    acc[r] = Math.fma(w, x[r], acc[r]);
                }
            } else {
                for (int r = 0; r < n; r++) {
                    acc[r] += w * x[r];
                }
            }
        }
    }
}
