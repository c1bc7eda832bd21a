package org.segrank.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact cosine-similarity search by brute force. Vectors are normalised once (in double, stored as float) into
 * panels of {@value #PANEL} rows held dimension-major, and a batch of queries is scored against them with a
 * blocked, multi-threaded matrix product (blocks of {@value #QUERY_BLOCK} queries against
 * {@value #DIMENSION_BLOCK}-dimension slices of a panel, which stay in the L2 cache). The inner loop updates
 * four queries' scores for a whole panel row at a time, fusing four dimensions per step with
 * {@link Math#fma} where the CPU has FMA; HotSpot vectorises it. The best {@code topN} per query are kept in a
 * small heap. Similarities are float dot products of the normalised vectors (about 1e-6 absolute error for
 * typical dimensions).
 *
 * <p>Work is split by blocks of queries and, for small batches, by ranges of panels; the hits do not depend on
 * the thread count.
 */
public final class ExactCosineIndex implements VectorIndex {
    /** Stored vectors per panel: the vectorised loop length. */
    static final int PANEL = 256;
    /** Queries per task. */
    static final int QUERY_BLOCK = 64;
    /** Dimensions per cache block (a block of a panel is {@code DIMENSION_BLOCK x PANEL} floats). */
    static final int DIMENSION_BLOCK = 256;
    /** Queries scored together against one panel row. */
    private static final int GROUP = 4;

    private final int dimension;
    private final int threads;
    /** {@code panels.get(p)[j][r]}: dimension {@code j} of stored vector {@code p * PANEL + r}. */
    private final List<float[][]> panels = new ArrayList<>();
    private int[] ids = new int[16];
    private int size;

    /** An index on all available processors. */
    public ExactCosineIndex(int dimension) {
        this(dimension, 0);
    }

    /**
     * @param dimension vector length, {@code >= 1}
     * @param threads worker threads for adding and searching, {@code <= 0} for all available processors
     */
    public ExactCosineIndex(int dimension, int threads) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        this.dimension = dimension;
        this.threads = threads;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public void add(int id, float[] vector) {
        double norm = Vectors.checkedNorm(vector, dimension, "vector (id " + id + ")");
        store(size, id, vector, norm);
        size++;
    }

    @Override
    public void addAll(int[] ids, float[][] vectors) {
        if (ids == null || vectors == null) {
            throw new IllegalArgumentException("ids and vectors must not be null");
        }
        if (ids.length != vectors.length) {
            throw new IllegalArgumentException("got " + ids.length + " ids for " + vectors.length + " vectors");
        }
        int n = vectors.length;
        double[] norms = new double[n];
        int first = size;
        try (Parallel parallel = Parallel.open(threads)) {
            int chunk = 1024;
            parallel.run(Parallel.tasks(n, chunk), t -> {
                int end = Math.min(n, (t + 1) * chunk);
                for (int i = t * chunk; i < end; i++) {
                    norms[i] = Vectors.checkedNorm(vectors[i], dimension, "vector row " + i + " (id " + ids[i] + ")");
                }
            });
            ensureCapacity(first + n);
            // Fill whole panels in parallel: each task owns the rows of one panel.
            int firstPanel = first / PANEL;
            int lastPanel = (first + n - 1) / PANEL;
            for (int p = panels.size(); p <= lastPanel; p++) {
                panels.add(new float[dimension][PANEL]);
            }
            int[] newIds = ids;
            parallel.run(n == 0 ? 0 : lastPanel - firstPanel + 1, t -> {
                int p = firstPanel + t;
                int from = Math.max(first, p * PANEL);
                int to = Math.min(first + n, (p + 1) * PANEL);
                fill(panels.get(p), from - p * PANEL, to - from, vectors, from - first, norms);
                for (int row = from; row < to; row++) {
                    this.ids[row] = newIds[row - first];
                }
            });
        }
        size = first + n;
    }

    private void ensureCapacity(int capacity) {
        if (capacity > ids.length) {
            ids = Arrays.copyOf(ids, Math.max(capacity, 2 * ids.length));
        }
    }

    /**
     * Writes {@code count} normalised vectors {@code vectors[v ..]} into panel rows {@code r0 ..}, eight at a
     * time so that each panel row receives eight contiguous values per pass.
     */
    private void fill(float[][] panel, int r0, int count, float[][] vectors, int v, double[] norms) {
        int t = 0;
        for (; t + 7 < count; t += 8) {
            float[] a0 = vectors[v + t];
            float[] a1 = vectors[v + t + 1];
            float[] a2 = vectors[v + t + 2];
            float[] a3 = vectors[v + t + 3];
            float[] a4 = vectors[v + t + 4];
            float[] a5 = vectors[v + t + 5];
            float[] a6 = vectors[v + t + 6];
            float[] a7 = vectors[v + t + 7];
            double s0 = 1 / norms[v + t];
            double s1 = 1 / norms[v + t + 1];
            double s2 = 1 / norms[v + t + 2];
            double s3 = 1 / norms[v + t + 3];
            double s4 = 1 / norms[v + t + 4];
            double s5 = 1 / norms[v + t + 5];
            double s6 = 1 / norms[v + t + 6];
            double s7 = 1 / norms[v + t + 7];
            int r = r0 + t;
            for (int j = 0; j < dimension; j++) {
                float[] column = panel[j];
                column[r] = (float) (a0[j] * s0);
                column[r + 1] = (float) (a1[j] * s1);
                column[r + 2] = (float) (a2[j] * s2);
                column[r + 3] = (float) (a3[j] * s3);
                column[r + 4] = (float) (a4[j] * s4);
                column[r + 5] = (float) (a5[j] * s5);
                column[r + 6] = (float) (a6[j] * s6);
                column[r + 7] = (float) (a7[j] * s7);
            }
        }
        for (; t < count; t++) {
            float[] a = vectors[v + t];
            double scale = 1 / norms[v + t];
            int r = r0 + t;
            for (int j = 0; j < dimension; j++) {
                panel[j][r] = (float) (a[j] * scale);
            }
        }
    }

    /** Writes the normalised vector as stored row {@code row} (panels up to it must exist or are created). */
    private void store(int row, int id, float[] vector, double norm) {
        ensureCapacity(row + 1);
        int p = row / PANEL;
        while (panels.size() <= p) {
            panels.add(new float[dimension][PANEL]);
        }
        fill(panels.get(p), row % PANEL, 1, new float[][] { vector }, 0, new double[] { norm });
        ids[row] = id;
    }

    @Override
    public List<Hit> search(float[] query, int topN) {
        if (query == null) {
            throw new IllegalArgumentException("query is null");
        }
        return searchBatch(new float[][] { query }, topN).get(0);
    }

    @Override
    public List<List<Hit>> searchBatch(float[][] queries, int topN) {
        if (queries == null) {
            throw new IllegalArgumentException("queries must not be null");
        }
        if (topN < 1) {
            throw new IllegalArgumentException("topN must be >= 1, got " + topN);
        }
        int nq = queries.length;
        float[][] normalised = new float[nq][];
        for (int q = 0; q < nq; q++) {
            String what = nq == 1 ? "query" : "query row " + q;
            normalised[q] = Vectors.normalised(queries[q], Vectors.checkedNorm(queries[q], dimension, what));
        }
        List<List<Hit>> results = new ArrayList<>(nq);
        if (size == 0 || nq == 0) {
            for (int q = 0; q < nq; q++) {
                results.add(List.of());
            }
            return results;
        }
        int keep = Math.min(topN, size);
        int panelCount = Parallel.tasks(size, PANEL);
        int queryBlocks = Parallel.tasks(nq, QUERY_BLOCK);
        int workers = Parallel.resolve(threads);
        int splits = Math.min(panelCount, Math.max(1, (2 * workers + queryBlocks - 1) / queryBlocks));
        int panelsPerSplit = (panelCount + splits - 1) / splits;
        int tasks = queryBlocks * splits;
        TopN[][] partial = new TopN[tasks][];
        try (Parallel parallel = Parallel.open(threads)) {
            parallel.run(tasks, t -> {
                int block = t / splits;
                int split = t % splits;
                int q0 = block * QUERY_BLOCK;
                int q1 = Math.min(nq, q0 + QUERY_BLOCK);
                int p0 = split * panelsPerSplit;
                int p1 = Math.min(panelCount, p0 + panelsPerSplit);
                TopN[] tops = new TopN[q1 - q0];
                for (int q = q0; q < q1; q++) {
                    tops[q - q0] = new TopN(keep);
                }
                scoreBlock(normalised, q0, q1, p0, p1, tops);
                partial[t] = tops;
            });
        }
        for (int q = 0; q < nq; q++) {
            int block = q / QUERY_BLOCK;
            TopN merged = partial[block * splits][q - block * QUERY_BLOCK];
            for (int s = 1; s < splits; s++) {
                merged.offerAll(partial[block * splits + s][q - block * QUERY_BLOCK]);
            }
            results.add(merged.hits());
        }
        return results;
    }

    /** Scores queries {@code [q0, q1)} against panels {@code [p0, p1)} into {@code tops}. */
    private void scoreBlock(float[][] queries, int q0, int q1, int p0, int p1, TopN[] tops) {
        int nq = q1 - q0;
        float[][] acc = new float[nq][PANEL];
        for (int p = p0; p < p1; p++) {
            float[][] panel = panels.get(p);
            for (float[] a : acc) {
                Arrays.fill(a, 0f);
            }
            for (int j0 = 0; j0 < dimension; j0 += DIMENSION_BLOCK) {
                int j1 = Math.min(dimension, j0 + DIMENSION_BLOCK);
                int g = 0;
                for (; g + GROUP <= nq; g += GROUP) {
                    if (Fma.AVAILABLE) {
                        fusedGroup(panel, queries, q0 + g, acc, g, j0, j1);
                    } else {
                        plainGroup(panel, queries, q0 + g, acc, g, j0, j1);
                    }
                }
                for (; g < nq; g++) {
                    single(panel, queries[q0 + g], acc[g], j0, j1);
                }
            }
            int base = p * PANEL;
            int valid = Math.min(PANEL, size - base);
            for (int q = 0; q < nq; q++) {
                float[] a = acc[q];
                TopN top = tops[q];
                float threshold = top.threshold();
                for (int r = 0; r < valid; r++) {
                    if (a[r] >= threshold) {
                        top.offer(a[r], ids[base + r]);
                        threshold = top.threshold();
                    }
                }
            }
        }
    }

    /**
     * Four queries against four panel rows per step with fused multiply-adds: each accumulator is loaded and
     * stored once per four dimensions.
     */
    private static void fusedGroup(float[][] panel, float[][] queries, int q, float[][] acc, int g, int j0, int j1) {
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
    private static void plainGroup(float[][] panel, float[][] queries, int q, float[][] acc, int g, int j0, int j1) {
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
            for (int r = 0; r < PANEL; r++) {
                float v = x[r];
                ca[r] += a * v;
                cb[r] += b * v;
                cc[r] += c * v;
                cd[r] += d * v;
            }
        }
    }

    private static void single(float[][] panel, float[] query, float[] acc, int j0, int j1) {
        for (int j = j0; j < j1; j++) {
            float[] x = panel[j];
            float w = query[j];
            if (Fma.AVAILABLE) {
                for (int r = 0; r < PANEL; r++) {
                    acc[r] = Math.fma(w, x[r], acc[r]);
                }
            } else {
                for (int r = 0; r < PANEL; r++) {
                    acc[r] += w * x[r];
                }
            }
        }
    }
}
