package org.segrank.retrieval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * k-means clustering (squared Euclidean distance), configured with immutable "wither" methods:
 *
 * <pre>{@code
 * KMeansResult result = KMeans.clusters(250).seed(7).restarts(10).fit(points);
 * }</pre>
 *
 * <p>Each restart seeds with greedy k-means++ (as scikit-learn: {@code 2 + floor(ln k)} sampled candidates per
 * centre, the one that lowers the potential most is kept) and runs Lloyd iterations accelerated with Hamerly's
 * bounds (which skip distance scans that cannot change a label; the labels are those of plain Lloyd). An
 * iteration stops the restart when no label changes or when the summed squared centre movement is at most
 * {@code tolerance} times the mean column variance of the data (scikit-learn's rule). A cluster that becomes
 * empty is re-seeded with the point farthest from its centre. The restart with the lowest inertia (the first on
 * ties) is kept. Restart {@code r} draws from the {@code r}-th split of a {@link SplittableRandom} seeded with
 * {@link #seed(long)}; per-task partial sums are combined in a fixed order, so results depend on the seed but
 * not on the thread count.
 *
 * <p>Points of up to 16 dimensions are copied into a column-major layout whose distance loops vectorise; higher
 * dimensional points are read in place with scalar distance loops, so clustering full feature vectors ("no
 * PCA" in {@link Representatives}) costs about {@code d / 2} times as much as clustering 2-D projections.
 */
public final class KMeans {
    public static final int DEFAULT_RESTARTS = 10;
    public static final int DEFAULT_MAX_ITERATIONS = 300;
    public static final double DEFAULT_TOLERANCE = 1e-4;

    /** Points per parallel task. */
    private static final int CHUNK = 4096;
    /** Points per block of the full assignment (distances from one centre to a block at a time). */
    private static final int BLOCK = 256;

    private final int k;
    private final long seed;
    private final int restarts;
    private final int maxIterations;
    private final double tolerance;
    private final int threads;
    private final int localTrials;

    private KMeans(int k, long seed, int restarts, int maxIterations, double tolerance, int threads,
            int localTrials) {
        this.k = k;
        this.seed = seed;
        this.restarts = restarts;
        this.maxIterations = maxIterations;
        this.tolerance = tolerance;
        this.threads = threads;
        this.localTrials = localTrials;
    }

    /**
     * @param k number of clusters, {@code >= 1}
     */
    public static KMeans clusters(int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        return new KMeans(k, 0L, DEFAULT_RESTARTS, DEFAULT_MAX_ITERATIONS, DEFAULT_TOLERANCE, 0, 0);
    }

    /** Seed of the k-means++ sampling (default 0). */
    public KMeans seed(long newSeed) {
        return new KMeans(k, newSeed, restarts, maxIterations, tolerance, threads, localTrials);
    }

    /** Independent restarts ({@code n_init}), {@code >= 1} (default {@value #DEFAULT_RESTARTS}). */
    public KMeans restarts(int newRestarts) {
        if (newRestarts < 1) {
            throw new IllegalArgumentException("restarts must be >= 1, got " + newRestarts);
        }
        return new KMeans(k, seed, newRestarts, maxIterations, tolerance, threads, localTrials);
    }

    /** Lloyd iterations per restart, {@code >= 1} (default {@value #DEFAULT_MAX_ITERATIONS}). */
    public KMeans maxIterations(int newMaxIterations) {
        if (newMaxIterations < 1) {
            throw new IllegalArgumentException("maxIterations must be >= 1, got " + newMaxIterations);
        }
        return new KMeans(k, seed, restarts, newMaxIterations, tolerance, threads, localTrials);
    }

    /**
     * Relative tolerance on the squared centre movement, {@code >= 0} (default {@value #DEFAULT_TOLERANCE});
     * 0 stops only when no label changes (or at {@link #maxIterations(int)}).
     */
    public KMeans tolerance(double newTolerance) {
        if (!(newTolerance >= 0) || Double.isInfinite(newTolerance)) {
            throw new IllegalArgumentException("tolerance must be finite and >= 0, got " + newTolerance);
        }
        return new KMeans(k, seed, restarts, maxIterations, newTolerance, threads, localTrials);
    }

    /** Worker threads, {@code <= 0} for all available processors (the default). */
    public KMeans threads(int newThreads) {
        return new KMeans(k, seed, restarts, maxIterations, tolerance, newThreads, localTrials);
    }

    /** Candidates per k-means++ step, {@code >= 1}, or 0 (default) for {@code 2 + floor(ln k)}. */
    public KMeans localTrials(int newLocalTrials) {
        if (newLocalTrials < 0) {
            throw new IllegalArgumentException("localTrials must be >= 0 (0 = automatic), got " + newLocalTrials);
        }
        return new KMeans(k, seed, restarts, maxIterations, tolerance, threads, newLocalTrials);
    }

    public int k() {
        return k;
    }

    public long seed() {
        return seed;
    }

    public int restarts() {
        return restarts;
    }

    public int maxIterations() {
        return maxIterations;
    }

    public double tolerance() {
        return tolerance;
    }

    public int threads() {
        return threads;
    }

    /** The configured candidates per k-means++ step (0 = automatic). */
    public int localTrials() {
        return localTrials;
    }

    int effectiveLocalTrials() {
        return localTrials > 0 ? localTrials : 2 + (int) Math.log(k);
    }

    /**
     * Clusters row arrays (all of one length); they are read, not changed.
     *
     * @throws IllegalArgumentException if {@code k} exceeds the number of points, rows differ in length or a
     *             value is NaN or infinite (naming the row)
     */
    public KMeansResult fit(float[][] points) {
        return fit(Rows.of(points, "points"));
    }

    /** Clusters a row-major {@code n x d} array; see {@link #fit(float[][])}. */
    public KMeansResult fit(float[] data, int n, int d) {
        return fit(Rows.of(data, n, d, "points"));
    }

    KMeansResult fit(Rows rows) {
        if (k > rows.n) {
            throw new IllegalArgumentException("k (" + k + ") must be <= the number of points (" + rows.n + ")");
        }
        try (Parallel parallel = Parallel.open(threads)) {
            double[] variance = Pca.columnStats(rows, parallel, "points")[1];
            double meanVariance = 0;
            for (double v : variance) {
                meanVariance += v;
            }
            meanVariance /= rows.d;
            Points points = new Points(rows);
            Run best = null;
            double[] inertias = new double[restarts];
            SplittableRandom master = new SplittableRandom(seed);
            int bestIndex = -1;
            for (int r = 0; r < restarts; r++) {
                Run run = new Run(points, parallel, master.split());
                run.cluster(tolerance * meanVariance);
                inertias[r] = run.inertia;
                if (best == null || run.inertia < best.inertia) {
                    best = run;
                    bestIndex = r;
                }
            }
            Settings settings = new Settings(k, seed, restarts, maxIterations, tolerance, effectiveLocalTrials());
            double[][] centroids = new double[k][];
            for (int c = 0; c < k; c++) {
                centroids[c] = Arrays.copyOfRange(best.centers, c * rows.d, (c + 1) * rows.d);
            }
            return new KMeansResult(centroids, best.labels, best.inertia, best.iterations, best.converged, bestIndex,
                    inertias, settings);
        }
    }

    /**
     * The settings of a fit, for recording alongside results.
     *
     * @param k clusters
     * @param seed seed
     * @param restarts restarts
     * @param maxIterations iteration limit per restart
     * @param tolerance relative tolerance
     * @param localTrials k-means++ candidates per step actually used
     */
    public record Settings(int k, long seed, int restarts, int maxIterations, double tolerance, int localTrials) {
    }

    /** One restart. */
    private final class Run {
        private final Points x;
        private final Parallel parallel;
        private final SplittableRandom random;
        private final int n;
        private final int d;
        private final int chunks;
        double[] centers;
        final int[] labels;
        private final double[] upper;
        private final double[] lower;
        /** Points per cluster after the last {@link #means()}. */
        private long[] counts;
        double inertia;
        int iterations;
        boolean converged;

        Run(Points x, Parallel parallel, SplittableRandom random) {
            this.x = x;
            this.parallel = parallel;
            this.random = random;
            this.n = x.n;
            this.d = x.d;
            this.chunks = Parallel.tasks(n, CHUNK);
            this.labels = new int[n];
            this.upper = new double[n];
            this.lower = new double[n];
        }

        void cluster(double absoluteTolerance) {
            centers = seedCenters();
            fullAssign();
            double[] shift = new double[k];
            for (int it = 0; it < maxIterations; it++) {
                double[] next = means();
                boolean relocated = relocateEmpty(next);
                double total = 0;
                double maxShift = 0;
                double secondShift = 0;
                int maxCluster = -1;
                for (int c = 0; c < k; c++) {
                    double s2 = 0;
                    for (int j = 0; j < d; j++) {
                        double t = next[c * d + j] - centers[c * d + j];
                        s2 += t * t;
                    }
                    total += s2;
                    shift[c] = Math.sqrt(s2);
                    if (shift[c] > maxShift) {
                        secondShift = maxShift;
                        maxShift = shift[c];
                        maxCluster = c;
                    } else if (shift[c] > secondShift) {
                        secondShift = shift[c];
                    }
                }
                centers = next;
                iterations = it + 1;
                long changed = relocated ? fullAssign() : boundedAssign(shift, maxShift, secondShift, maxCluster);
                if (changed == 0 || total <= absoluteTolerance) {
                    converged = true;
                    break;
                }
            }
            inertia = inertia();
        }

        /** Greedy k-means++. */
        private double[] seedCenters() {
            int trials = effectiveLocalTrials();
            double[] c = new double[k * d];
            int first = random.nextInt(n);
            x.copy(first, c, 0);
            double[] initial = new double[n];
            double[] chunkSum = new double[chunks];
            parallel.run(chunks, ch -> {
                int i0 = ch * CHUNK;
                int i1 = Math.min(n, i0 + CHUNK);
                x.distances2(i0, i1, c, 0, initial, i0);
                chunkSum[ch] = Points.sum(initial, i0, i1);
            });
            double[] closest = initial;
            double[][] trial = new double[trials][n];
            double[][] trialChunkSum = new double[trials][chunks];
            int[] candidates = new int[trials];
            double[] candidateCenters = new double[trials * d];
            for (int center = 1; center < k; center++) {
                double pot = 0;
                for (double s : chunkSum) {
                    pot += s;
                }
                for (int t = 0; t < trials; t++) {
                    candidates[t] = pot > 0 ? sample(closest, chunkSum, random.nextDouble() * pot)
                            : random.nextInt(n);
                    x.copy(candidates[t], candidateCenters, t * d);
                }
                final double[] current = closest;
                parallel.run(chunks, ch -> {
                    int i0 = ch * CHUNK;
                    int i1 = Math.min(n, i0 + CHUNK);
                    for (int t = 0; t < trials; t++) {
                        trialChunkSum[t][ch] = x.minDistances2(i0, i1, candidateCenters, t * d, current, trial[t]);
                    }
                });
                int best = 0;
                double bestPot = Double.POSITIVE_INFINITY;
                for (int t = 0; t < trials; t++) {
                    double p = 0;
                    for (double s : trialChunkSum[t]) {
                        p += s;
                    }
                    if (p < bestPot) {
                        bestPot = p;
                        best = t;
                    }
                }
                System.arraycopy(candidateCenters, best * d, c, center * d, d);
                double[] swap = closest;
                closest = trial[best];
                trial[best] = swap;
                System.arraycopy(trialChunkSum[best], 0, chunkSum, 0, chunks);
            }
            return c;
        }

        /** First index whose running sum of {@code weights} reaches {@code target} (numpy searchsorted). */
        private int sample(double[] weights, double[] chunkSum, double target) {
            double running = 0;
            for (int ch = 0; ch < chunks; ch++) {
                if (running + chunkSum[ch] >= target || ch == chunks - 1) {
                    int i1 = Math.min(n, (ch + 1) * CHUNK);
                    for (int i = ch * CHUNK; i < i1; i++) {
                        running += weights[i];
                        if (running >= target) {
                            return i;
                        }
                    }
                    return i1 - 1;
                }
                running += chunkSum[ch];
            }
            return n - 1;
        }

        /** Labels and bounds from scratch; the number of changed labels. */
        private long fullAssign() {
            long[] changed = new long[chunks];
            parallel.run(chunks, ch -> {
                int i0 = ch * CHUNK;
                int i1 = Math.min(n, i0 + CHUNK);
                double[] dist = new double[BLOCK];
                double[] best = new double[BLOCK];
                double[] second = new double[BLOCK];
                int[] label = new int[BLOCK];
                long count = 0;
                for (int b0 = i0; b0 < i1; b0 += BLOCK) {
                    int m = Math.min(BLOCK, i1 - b0);
                    Arrays.fill(best, Double.POSITIVE_INFINITY);
                    Arrays.fill(second, Double.POSITIVE_INFINITY);
                    Arrays.fill(label, 0);
                    for (int c = 0; c < k; c++) {
                        x.distances2(b0, b0 + m, centers, c * d, dist, 0);
                        for (int i = 0; i < m; i++) {
                            double dd = dist[i];
                            if (dd < best[i]) {
                                second[i] = best[i];
                                best[i] = dd;
                                label[i] = c;
                            } else if (dd < second[i]) {
                                second[i] = dd;
                            }
                        }
                    }
                    for (int i = 0; i < m; i++) {
                        if (labels[b0 + i] != label[i]) {
                            count++;
                        }
                        labels[b0 + i] = label[i];
                        upper[b0 + i] = Math.sqrt(best[i]);
                        lower[b0 + i] = Math.sqrt(second[i]);
                    }
                }
                changed[ch] = count;
            });
            return total(changed);
        }

        /** Hamerly's assignment after the centres moved by {@code shift}; the number of changed labels. */
        private long boundedAssign(double[] shift, double maxShift, double secondShift, int maxCluster) {
            double[] half = new double[k];
            for (int c = 0; c < k; c++) {
                double nearest = Double.POSITIVE_INFINITY;
                for (int o = 0; o < k; o++) {
                    if (o != c) {
                        double s = 0;
                        for (int j = 0; j < d; j++) {
                            double t = centers[c * d + j] - centers[o * d + j];
                            s += t * t;
                        }
                        nearest = Math.min(nearest, s);
                    }
                }
                half[c] = 0.5 * Math.sqrt(nearest);
            }
            double[] cx = new double[k];
            double[] cy = new double[k];
            if (d == 2) {
                for (int c = 0; c < k; c++) {
                    cx[c] = centers[2 * c];
                    cy[c] = centers[2 * c + 1];
                }
            }
            long[] changed = new long[chunks];
            parallel.run(chunks, ch -> {
                int i0 = ch * CHUNK;
                int i1 = Math.min(n, i0 + CHUNK);
                long count = 0;
                double[] pair = new double[2];
                for (int i = i0; i < i1; i++) {
                    int a = labels[i];
                    double u = upper[i] + shift[a];
                    double l = lower[i] - (a == maxCluster ? secondShift : maxShift);
                    double bound = Math.max(half[a], l);
                    if (u > bound) {
                        u = Math.sqrt(x.distance2(i, centers, a * d));
                        if (u > bound) {
                            int label = x.nearest2(i, centers, cx, cy, k, pair);
                            if (label != a) {
                                count++;
                                labels[i] = label;
                            }
                            u = Math.sqrt(pair[0]);
                            l = Math.sqrt(pair[1]);
                        }
                    }
                    upper[i] = u;
                    lower[i] = l;
                }
                changed[ch] = count;
            });
            return total(changed);
        }

        /**
         * Centre of each cluster's points from the current labels; an empty cluster keeps its previous centre
         * (its count in {@link #counts} is 0).
         */
        private double[] means() {
            int groups = sumGroups();
            int groupChunks = (chunks + groups - 1) / groups;
            double[][] sums = new double[groups][];
            long[][] sizes = new long[groups][];
            parallel.run(groups, g -> {
                double[] s = new double[k * d];
                long[] m = new long[k];
                int i0 = g * groupChunks * CHUNK;
                int i1 = (int) Math.min(n, (long) (g + 1) * groupChunks * CHUNK);
                for (int i = i0; i < i1; i++) {
                    int c = labels[i];
                    x.addTo(i, s, c * d);
                    m[c]++;
                }
                sums[g] = s;
                sizes[g] = m;
            });
            double[] s = sums[0];
            long[] m = sizes[0];
            for (int g = 1; g < groups; g++) {
                for (int t = 0; t < s.length; t++) {
                    s[t] += sums[g][t];
                }
                for (int c = 0; c < k; c++) {
                    m[c] += sizes[g][c];
                }
            }
            counts = m;
            for (int c = 0; c < k; c++) {
                for (int j = 0; j < d; j++) {
                    s[c * d + j] = m[c] > 0 ? s[c * d + j] / m[c] : centers[c * d + j];
                }
            }
            return s;
        }

        /** Partial-sum groups of {@link #means()}: at most 64 and about 64 MB of partial sums. */
        private int sumGroups() {
            long perGroup = (long) k * d * 8 + (long) k * 8;
            int byMemory = (int) Math.max(1, Math.min(64, (64L << 20) / perGroup));
            return Math.max(1, Math.min(chunks, byMemory));
        }

        /**
         * Moves the centre of each empty cluster to the point farthest from its own centre (the first on ties),
         * taking it out of its cluster's mean, as scikit-learn does. {@code true} if any cluster was empty.
         */
        private boolean relocateEmpty(double[] next) {
            int empty = 0;
            for (long c : counts) {
                if (c == 0) {
                    empty++;
                }
            }
            if (empty == 0) {
                return false;
            }
            double[] distance = new double[n];
            parallel.run(chunks, ch -> {
                int i1 = Math.min(n, (ch + 1) * CHUNK);
                for (int i = ch * CHUNK; i < i1; i++) {
                    distance[i] = x.distance2(i, centers, labels[i] * d);
                }
            });
            boolean[] taken = new boolean[n];
            for (int c = 0; c < k; c++) {
                if (counts[c] != 0) {
                    continue;
                }
                int far = -1;
                for (int i = 0; i < n; i++) {
                    if (!taken[i] && (far < 0 || distance[i] > distance[far])) {
                        far = i;
                    }
                }
                taken[far] = true;
                int donor = labels[far];
                if (counts[donor] > 1) {
                    for (int j = 0; j < d; j++) {
                        double sum = next[donor * d + j] * counts[donor] - x.coordinate(far, j);
                        next[donor * d + j] = sum / (counts[donor] - 1);
                    }
                    counts[donor]--;
                }
                x.copy(far, next, c * d);
                counts[c] = 1;
                labels[far] = c;
            }
            return true;
        }

        private double inertia() {
            double[] partial = new double[chunks];
            parallel.run(chunks, ch -> {
                int i1 = Math.min(n, (ch + 1) * CHUNK);
                double s = 0;
                for (int i = ch * CHUNK; i < i1; i++) {
                    s += x.distance2(i, centers, labels[i] * d);
                }
                partial[ch] = s;
            });
            double s = 0;
            for (double p : partial) {
                s += p;
            }
            return s;
        }
    }

    private static long total(long[] values) {
        long s = 0;
        for (long v : values) {
            s += v;
        }
        return s;
    }
}
