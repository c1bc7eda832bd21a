package org.segrank.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Exact cosine-similarity search: every hit is the one brute force finds (up to float rounding between vectors
 * whose similarities differ by less than about 1e-6), found faster than brute force when the vectors have
 * structure, as image features do.
 *
 * <p>Vectors are normalised once (in double, stored as float) and scored by a blocked, vectorised,
 * multi-threaded matrix-product kernel ({@link PanelStore}). Small pools (below {@value #MIN_PARTITIONED}
 * vectors) are searched by brute force. Larger pools are partitioned by a seeded spherical k-means into cells
 * of about {@value #CELL_SIZE} vectors, and each cell keeps its centroid direction {@code u} and the smallest
 * cosine {@code m} of a member to it: every member lies in the spherical cap of angle {@code acos(m)} around
 * {@code u}. For a query at cosine {@code t} to {@code u}, no member can be more similar than
 * {@code cos(acos(t) - acos(m)) = t m + sqrt((1 - t^2)(1 - m^2))} (or 1 when the query lies in the cap).
 * A batch search scores each query's nearest cell first, then every other cell whose bound reaches the query's
 * current top-N threshold; cells are scored for all their queries at once, so the kernel keeps its speed.
 * Bounds are widened by the kernel's rounding error ({@link PanelStore#scoreError}), so pruning never drops a
 * hit. Without structure (every cell's bound reaches the threshold) this does the brute-force work plus the
 * centroids. The partition's seed changes only the speed, never the hits.
 *
 * <p>Vectors added after a search are put into the nearest cell (widening its cap); the partition is rebuilt
 * when the pool has doubled since it was built. Work is split by blocks of queries and cells; the hits do not
 * depend on the thread count.
 */
public final class ExactCosineIndex implements VectorIndex {
    /** Pools below this size are searched by brute force. */
    static final int MIN_PARTITIONED = 16_384;
    /** Target vectors per cell of the partition. */
    static final int CELL_SIZE = 2048;
    /** k-means of the partition runs on a sample of this many vectors per cell. */
    private static final int SAMPLE_PER_CELL = 32;
    private static final int LLOYD_ITERATIONS = 8;
    private static final long PARTITION_SEED = 0x5E6_2A4CL;
    /** Queries per pass of a partitioned search. */
    private static final int PARTITIONED_CHUNK = 16_384;

    private final int dimension;
    private final int threads;
    private final int minPartitioned;
    private final int cellSize;
    /** Unit vectors added since the last layout, row-major, and their ids. */
    private final List<float[]> pendingRows = new ArrayList<>();
    private int[] pendingIds = new int[16];
    private int size;
    /** The searchable layout, built or updated at the first search after adding. */
    private Layout layout;
    /** Query-vector similarities the last search computed (brute force: queries x size). */
    private final AtomicLong scoredPairs = new AtomicLong();

    /** An index on all available processors. */
    public ExactCosineIndex(int dimension) {
        this(dimension, 0);
    }

    /**
     * @param dimension vector length, {@code >= 1}
     * @param threads worker threads for adding and searching, {@code <= 0} for all available processors
     */
    public ExactCosineIndex(int dimension, int threads) {
        this(dimension, threads, MIN_PARTITIONED, CELL_SIZE);
    }

    /**
     * @param minPartitioned pool size from which the pool is partitioned ({@code Integer.MAX_VALUE}: always brute
     *            force)
     * @param cellSize target vectors per cell
     */
    ExactCosineIndex(int dimension, int threads, int minPartitioned, int cellSize) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        this.dimension = dimension;
        this.threads = threads;
        this.minPartitioned = minPartitioned;
        this.cellSize = cellSize;
    }

    /** An exact index that always searches by brute force (the reference the partitioned search is measured by). */
    public static ExactCosineIndex bruteForce(int dimension, int threads) {
        return new ExactCosineIndex(dimension, threads, Integer.MAX_VALUE, CELL_SIZE);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        return size;
    }

    /** Cells of the partition, 0 while the pool is searched by brute force (as of the last search). */
    public synchronized int cells() {
        return layout == null || layout.centroids == null ? 0 : layout.cells.length;
    }

    /**
     * Query-vector similarities computed by the last search (its work; brute force computes queries x size). A
     * diagnostic for benchmarks and tests: with concurrent searches it mixes their counts.
     */
    public long lastSearchScoredPairs() {
        return scoredPairs.get();
    }

    @Override
    public synchronized void add(int id, float[] vector) {
        double norm = Vectors.checkedNorm(vector, dimension, "vector (id " + id + ")");
        stage(id, Vectors.normalised(vector, norm));
    }

    @Override
    public synchronized void addAll(int[] ids, float[][] vectors) {
        if (ids == null || vectors == null) {
            throw new IllegalArgumentException("ids and vectors must not be null");
        }
        if (ids.length != vectors.length) {
            throw new IllegalArgumentException("got " + ids.length + " ids for " + vectors.length + " vectors");
        }
        int n = vectors.length;
        float[][] unit = new float[n][];
        try (Parallel parallel = Parallel.open(threads)) {
            int chunk = 1024;
            parallel.run(Parallel.tasks(n, chunk), t -> {
                int end = Math.min(n, (t + 1) * chunk);
                for (int i = t * chunk; i < end; i++) {
                    double norm = Vectors.checkedNorm(vectors[i], dimension, "vector row " + i + " (id " + ids[i] + ")");
                    unit[i] = Vectors.normalised(vectors[i], norm);
                }
            });
        }
        for (int i = 0; i < n; i++) {
            stage(ids[i], unit[i]);
        }
    }

    private void stage(int id, float[] unit) {
        int i = pendingRows.size();
        if (i == pendingIds.length) {
            pendingIds = Arrays.copyOf(pendingIds, 2 * i);
        }
        pendingIds[i] = id;
        pendingRows.add(unit);
        size++;
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
        float[][] unit = Vectors.normalisedQueries(queries, dimension, topN);
        int nq = unit.length;
        List<List<Hit>> results = new ArrayList<>(nq);
        if (size == 0 || nq == 0) {
            for (int q = 0; q < nq; q++) {
                results.add(List.of());
            }
            return results;
        }
        try (Parallel parallel = Parallel.open(threads)) {
            Layout current = laidOut(parallel);
            scoredPairs.set(0);
            int keep = Math.min(topN, size);
            if (current.centroids == null) {
                scoredPairs.set((long) nq * size);
                for (TopN top : bruteForce(current.cells[0], unit, keep, parallel)) {
                    results.add(top.hits());
                }
            } else {
                // in chunks: the query-to-centroid scores take a float per query and cell
                for (int from = 0; from < nq; from += PARTITIONED_CHUNK) {
                    float[][] chunk = Arrays.copyOfRange(unit, from, Math.min(nq, from + PARTITIONED_CHUNK));
                    for (TopN top : partitioned(current, chunk, keep, parallel)) {
                        results.add(top.hits());
                    }
                }
            }
        }
        return results;
    }

    /** The layout with every added vector in it. */
    private synchronized Layout laidOut(Parallel parallel) {
        if (pendingRows.isEmpty() && layout != null) {
            return layout;
        }
        int pending = pendingRows.size();
        boolean partition = size >= minPartitioned;
        boolean rebuild = layout == null || (partition && layout.centroids == null)
                || (layout.centroids != null && pending > layout.builtSize);
        if (rebuild) {
            float[][] rows = new float[size][];
            int[] ids = new int[size];
            int n = 0;
            if (layout != null) {
                for (PanelStore cell : layout.cells) {
                    for (int r = 0; r < cell.size(); r++, n++) {
                        rows[n] = new float[dimension];
                        cell.row(r, rows[n]);
                        ids[n] = cell.id(r);
                    }
                }
            }
            for (int i = 0; i < pending; i++, n++) {
                rows[n] = pendingRows.get(i);
                ids[n] = pendingIds[i];
            }
            pendingRows.clear();
            layout = partition ? Layout.partition(rows, ids, dimension, cellSize, parallel) : Layout.flat(rows, ids,
                    dimension, parallel);
        } else {
            float[][] rows = pendingRows.toArray(new float[0][]);
            pendingRows.clear();
            layout.append(rows, Arrays.copyOf(pendingIds, pending), parallel);
        }
        return layout;
    }

    /** Every query against every stored vector, split by blocks of queries and, for small batches, of panels. */
    private static TopN[] bruteForce(PanelStore store, float[][] queries, int keep, Parallel parallel) {
        int nq = queries.length;
        int panelCount = store.panelCount();
        int queryBlocks = Parallel.tasks(nq, PanelStore.QUERY_BLOCK);
        int splits = Math.min(panelCount, Math.max(1, (2 * parallel.threads() + queryBlocks - 1) / queryBlocks));
        int panelsPerSplit = (panelCount + splits - 1) / splits;
        TopN[][] partial = new TopN[queryBlocks * splits][];
        parallel.run(partial.length, t -> {
            int block = t / splits;
            int split = t % splits;
            int q0 = block * PanelStore.QUERY_BLOCK;
            int q1 = Math.min(nq, q0 + PanelStore.QUERY_BLOCK);
            TopN[] tops = newTops(q1 - q0, keep);
            int p0 = split * panelsPerSplit;
            store.topN(queries, q0, q1, p0, Math.min(panelCount, p0 + panelsPerSplit), tops);
            partial[t] = tops;
        });
        TopN[] tops = new TopN[nq];
        for (int q = 0; q < nq; q++) {
            int block = q / PanelStore.QUERY_BLOCK;
            tops[q] = partial[block * splits][q - block * PanelStore.QUERY_BLOCK];
            for (int s = 1; s < splits; s++) {
                tops[q].offerAll(partial[block * splits + s][q - block * PanelStore.QUERY_BLOCK]);
            }
        }
        return tops;
    }

    /**
     * Each query's nearest cell first, then the cells whose bound reaches its top-N threshold; each pass scores
     * cell by cell, all of a cell's queries together.
     */
    private TopN[] partitioned(Layout current, float[][] queries, int keep, Parallel parallel) {
        int nq = queries.length;
        int cellCount = current.cells.length;
        float[][] toCentroid = new float[nq][cellCount];
        PanelStore centroids = current.centroids;
        parallel.run(Parallel.tasks(nq, PanelStore.QUERY_BLOCK), b -> {
            int q0 = b * PanelStore.QUERY_BLOCK;
            centroids.score(queries, q0, Math.min(nq, q0 + PanelStore.QUERY_BLOCK), 0, centroids.panelCount(),
                    (q, scores, base, count) -> System.arraycopy(scores, 0, toCentroid[q], base, count));
        });
        int[] nearest = new int[nq];
        for (int q = 0; q < nq; q++) {
            float[] t = toCentroid[q];
            int best = 0;
            for (int c = 1; c < cellCount; c++) {
                if (t[c] > t[best]) {
                    best = c;
                }
            }
            nearest[q] = best;
        }
        TopN[] tops = newTops(nq, keep);
        // First pass: one cell per query, so every TopN has a single writer.
        int[][] firstVisits = byCell(nq, cellCount, (q, c) -> c == nearest[q]);
        scoreCells(current, queries, firstVisits, tops, false, parallel, scoredPairs);
        double error = PanelStore.scoreError(dimension);
        float[] thresholds = new float[nq];
        for (int q = 0; q < nq; q++) {
            thresholds[q] = tops[q].threshold();
        }
        int[][] laterVisits = byCell(nq, cellCount, (q, c) -> c != nearest[q]
                && capBound(toCentroid[q][c] + error, current.capCosines[c]) + error >= thresholds[q]);
        scoreCells(current, queries, laterVisits, tops, true, parallel, scoredPairs);
        return tops;
    }

    private interface Visit {
        boolean test(int query, int cell);
    }

    /** For each cell, the queries (ascending) that score it. */
    private static int[][] byCell(int nq, int cellCount, Visit visit) {
        int[] counts = new int[cellCount];
        for (int q = 0; q < nq; q++) {
            for (int c = 0; c < cellCount; c++) {
                if (visit.test(q, c)) {
                    counts[c]++;
                }
            }
        }
        int[][] lists = new int[cellCount][];
        for (int c = 0; c < cellCount; c++) {
            lists[c] = new int[counts[c]];
            counts[c] = 0;
        }
        for (int q = 0; q < nq; q++) {
            for (int c = 0; c < cellCount; c++) {
                if (visit.test(q, c)) {
                    lists[c][counts[c]++] = q;
                }
            }
        }
        return lists;
    }

    /**
     * Scores each cell against its queries, in blocks. With {@code merge}, a query may be in several blocks at
     * once: each block collects into its own TopN and merges under the query's lock (the kept set does not
     * depend on the order, ties being broken by id).
     */
    private static void scoreCells(Layout current, float[][] queries, int[][] visits, TopN[] tops, boolean merge,
            Parallel parallel, AtomicLong scoredPairs) {
        List<int[]> tasks = new ArrayList<>();
        for (int c = 0; c < visits.length; c++) {
            for (int from = 0; from < visits[c].length; from += PanelStore.QUERY_BLOCK) {
                tasks.add(new int[] { c, from, Math.min(visits[c].length, from + PanelStore.QUERY_BLOCK) });
            }
        }
        parallel.run(tasks.size(), t -> {
            int[] task = tasks.get(t);
            int[] members = visits[task[0]];
            int count = task[2] - task[1];
            float[][] block = new float[count][];
            TopN[] blockTops = new TopN[count];
            for (int i = 0; i < count; i++) {
                int q = members[task[1] + i];
                block[i] = queries[q];
                blockTops[i] = merge ? new TopN(tops[q].capacity()) : tops[q];
            }
            PanelStore cell = current.cells[task[0]];
            cell.topN(block, 0, count, 0, cell.panelCount(), blockTops);
            scoredPairs.addAndGet((long) count * cell.size());
            if (merge) {
                for (int i = 0; i < count; i++) {
                    TopN top = tops[members[task[1] + i]];
                    synchronized (top) {
                        top.offerAll(blockTops[i]);
                    }
                }
            }
        });
    }

    /**
     * Largest cosine between a unit query at cosine {@code t} to a cell's centroid direction and a unit vector
     * within the cap of cosine {@code m} around it: {@code cos(acos(t) - acos(m))}, or 1 inside the cap.
     */
    static double capBound(double t, double m) {
        double tc = Math.min(1, t);
        double mc = Math.max(-1, m);
        if (tc >= mc) {
            return 1;
        }
        return tc * mc + Math.sqrt(Math.max(0, 1 - tc * tc) * Math.max(0, 1 - mc * mc));
    }

    private static TopN[] newTops(int n, int keep) {
        TopN[] tops = new TopN[n];
        for (int i = 0; i < n; i++) {
            tops[i] = new TopN(keep);
        }
        return tops;
    }

    /**
     * Stored vectors: one brute-force cell ({@code centroids == null}), or a partition into cells with their
     * centroid directions and cap cosines (already widened by the score error).
     */
    private static final class Layout {
        final PanelStore centroids;
        final PanelStore[] cells;
        final float[] capCosines;
        /** Vectors in the layout when it was built (it is rebuilt when more than that many arrive). */
        final int builtSize;
        final int dimension;

        private Layout(PanelStore centroids, PanelStore[] cells, float[] capCosines, int builtSize, int dimension) {
            this.centroids = centroids;
            this.cells = cells;
            this.capCosines = capCosines;
            this.builtSize = builtSize;
            this.dimension = dimension;
        }

        static Layout flat(float[][] rows, int[] ids, int dimension, Parallel parallel) {
            PanelStore store = new PanelStore(dimension);
            store.append(rows, ids, null, rows.length, parallel);
            return new Layout(null, new PanelStore[] { store }, null, rows.length, dimension);
        }

        /**
         * Seeded spherical k-means (Lloyd on a sample, from distinct sampled rows), then every row into its
         * nearest centroid's cell; empty cells are dropped.
         */
        static Layout partition(float[][] rows, int[] ids, int dimension, int cellSize, Parallel parallel) {
            int n = rows.length;
            int k = Math.max(2, Math.min(n, n / cellSize));
            SplittableRandom random = new SplittableRandom(PARTITION_SEED);
            int sampleSize = Math.min(n, k * SAMPLE_PER_CELL);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            for (int i = 0; i < sampleSize; i++) {
                int j = i + random.nextInt(n - i);
                int swap = order[i];
                order[i] = order[j];
                order[j] = swap;
            }
            float[][] sample = new float[sampleSize][];
            for (int i = 0; i < sampleSize; i++) {
                sample[i] = rows[order[i]];
            }
            float[][] centroids = new float[k][];
            for (int c = 0; c < k; c++) {
                centroids[c] = sample[c].clone();
            }
            int[] labels = new int[sampleSize];
            Arrays.fill(labels, -1);
            for (int iteration = 0; iteration < LLOYD_ITERATIONS; iteration++) {
                int[] next = nearest(store(centroids, dimension, null), sample, null, parallel);
                if (Arrays.equals(next, labels)) {
                    break;
                }
                labels = next;
                double[][] sums = new double[k][dimension];
                for (int i = 0; i < sampleSize; i++) {
                    double[] sum = sums[labels[i]];
                    float[] row = sample[i];
                    for (int j = 0; j < dimension; j++) {
                        sum[j] += row[j];
                    }
                }
                for (int c = 0; c < k; c++) {
                    double norm = 0;
                    for (double v : sums[c]) {
                        norm += v * v;
                    }
                    if (norm > 0) {
                        double scale = 1 / Math.sqrt(norm);
                        for (int j = 0; j < dimension; j++) {
                            centroids[c][j] = (float) (sums[c][j] * scale);
                        }
                    }
                }
            }
            float[] cosines = new float[n];
            int[] cellOf = nearest(store(centroids, dimension, null), rows, cosines, parallel);
            int[] counts = new int[k];
            for (int c : cellOf) {
                counts[c]++;
            }
            int[] renumber = new int[k];
            int cells = 0;
            for (int c = 0; c < k; c++) {
                renumber[c] = counts[c] > 0 ? cells++ : -1;
            }
            int[][] members = new int[cells][];
            float[][] kept = new float[cells][];
            for (int c = 0; c < k; c++) {
                if (renumber[c] >= 0) {
                    members[renumber[c]] = new int[counts[c]];
                    kept[renumber[c]] = centroids[c];
                }
            }
            int[] filled = new int[cells];
            float[] caps = new float[cells];
            Arrays.fill(caps, Float.POSITIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                int c = renumber[cellOf[i]];
                members[c][filled[c]++] = i;
                caps[c] = Math.min(caps[c], cosines[i]);
            }
            float error = (float) PanelStore.scoreError(dimension);
            for (int c = 0; c < cells; c++) {
                caps[c] -= error;
            }
            PanelStore[] stores = new PanelStore[cells];
            parallel.run(cells, c -> {
                stores[c] = new PanelStore(dimension);
                stores[c].append(rows, ids, members[c], members[c].length, null);
            });
            return new Layout(store(kept, dimension, parallel), stores, caps, n, dimension);
        }

        /** Adds rows to the single cell, or each to its nearest cell, widening that cell's cap if needed. */
        void append(float[][] rows, int[] ids, Parallel parallel) {
            if (centroids == null) {
                cells[0].append(rows, ids, null, rows.length, parallel);
                return;
            }
            float[] cosines = new float[rows.length];
            int[] cellOf = nearest(centroids, rows, cosines, parallel);
            float error = (float) PanelStore.scoreError(dimension);
            for (int i = 0; i < rows.length; i++) {
                int c = cellOf[i];
                cells[c].append(rows, ids, new int[] { i }, 1, null);
                capCosines[c] = Math.min(capCosines[c], cosines[i] - error);
            }
        }

        private static PanelStore store(float[][] rows, int dimension, Parallel parallel) {
            PanelStore store = new PanelStore(dimension);
            store.append(rows, new int[rows.length], null, rows.length, parallel);
            return store;
        }

        /** Index of each row's most similar stored vector (the first on ties), and that cosine if asked. */
        private static int[] nearest(PanelStore store, float[][] rows, float[] cosines, Parallel parallel) {
            int n = rows.length;
            int[] best = new int[n];
            float[] bestScore = cosines != null ? cosines : new float[n];
            Arrays.fill(bestScore, Float.NEGATIVE_INFINITY);
            parallel.run(Parallel.tasks(n, PanelStore.QUERY_BLOCK), b -> {
                int q0 = b * PanelStore.QUERY_BLOCK;
                store.score(rows, q0, Math.min(n, q0 + PanelStore.QUERY_BLOCK), 0, store.panelCount(),
                        (q, scores, base, count) -> {
                            for (int r = 0; r < count; r++) {
                                if (scores[r] > bestScore[q]) {
                                    bestScore[q] = scores[r];
                                    best[q] = base + r;
                                }
                            }
                        });
            });
            return best;
        }
    }
}
