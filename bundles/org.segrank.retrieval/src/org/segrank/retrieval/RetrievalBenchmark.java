package org.segrank.retrieval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the retrieval pipeline on seeded synthetic data (Gaussian blobs, or structureless Gaussian vectors):
 * PCA to 2 components (randomized solver) with the projection of all rows, k-means on the projections, and exact
 * top-1 cosine search of a batch of queries over all rows, by {@link ExactCosineIndex} and, as the reference in
 * the same run, by its brute-force mode (whose hits must agree). A short warm-up on a small problem compiles the kernels first; data generation is
 * timed separately. Plain Java, no dependencies beyond this bundle, so a command line can print
 * {@link Figures#format()}.
 */
public final class RetrievalBenchmark {
    /** Blob centres of the generated data. */
    public static final int CENTERS = 50;
    /** Centre coordinates are uniform in {@code [-BOX, BOX]} (scikit-learn's {@code make_blobs} default 10). */
    public static final double BOX = 10.0;
    /** Standard deviation of the points around their centre. */
    public static final double SPREAD = 1.0;
    /** Default k of the benchmark (the paper's largest). */
    public static final int DEFAULT_K = 250;

    private static final int GENERATION_BLOCK = 1024;

    private RetrievalBenchmark() {
    }

    /**
     * Seeded benchmark data.
     *
     * @param features {@code n x d} candidate vectors
     * @param queries query vectors (from the same blobs)
     */
    public record Data(float[][] features, float[][] queries) {
    }

    /**
     * The measured figures.
     *
     * @param n candidate rows
     * @param d dimension
     * @param queries query rows
     * @param threads worker threads
     * @param k clusters
     * @param restarts k-means restarts
     * @param seed data and algorithm seed
     * @param generateSeconds data generation
     * @param pcaSeconds PCA fit and projection of all rows
     * @param kmeansSeconds k-means on the projections
     * @param indexSeconds building the exact index (normalisation, layout)
     * @param searchSeconds exact top-1 search of all queries
     * @param explainedVarianceRatio variance ratio of the 2 components together
     * @param inertia k-means inertia
     * @param kmeansIterations Lloyd iterations of the kept restart
     * @param meanTop1Similarity mean similarity of the queries' best hits
     * @param cells cells of the exact index's partition (0: brute force)
     * @param scoredFraction query-vector similarities the exact search computed, as a fraction of brute force's
     * @param bruteForceIndexSeconds building the brute-force index
     * @param bruteForceSearchSeconds brute-force top-1 search of all queries
     * @param agreement fraction of queries whose best hit is the same for both (ties in float aside: 1)
     */
    public record Figures(int n, int d, int queries, int threads, int k, int restarts, long seed,
            double generateSeconds, double pcaSeconds, double kmeansSeconds, double indexSeconds,
            double searchSeconds, double explainedVarianceRatio, double inertia, int kmeansIterations,
            double meanTop1Similarity, int cells, double scoredFraction, double bruteForceIndexSeconds,
            double bruteForceSearchSeconds, double agreement) {
        /** Rows per second through the PCA. */
        public double pcaRowsPerSecond() {
            return n / pcaSeconds;
        }

        /** Rows per second through k-means (all restarts). */
        public double kmeansRowsPerSecond() {
            return n / kmeansSeconds;
        }

        /** Queries per second of the exact search. */
        public double searchQueriesPerSecond() {
            return queries / searchSeconds;
        }

        /** Query-candidate similarities per second of the exact search. */
        public double searchPairsPerSecond() {
            return (double) queries * n / searchSeconds;
        }

        /** Brute force's build and search time over the exact index's. */
        public double speedUpOverBruteForce() {
            return (bruteForceIndexSeconds + bruteForceSearchSeconds) / (indexSeconds + searchSeconds);
        }

        /** Printable figures, several lines. */
        public String format() {
            return String.format(Locale.ROOT,
                    "SegRank retrieval benchmark (%d x %d candidates, %d queries, %d threads, seed %d)%n"
                            + "  data generation:          %8.2f s%n"
                            + "  PCA(2) fit + projection:   %8.2f s  (%,.0f rows/s; variance ratio %.4f)%n"
                            + "  k-means k=%d, %d restarts: %8.2f s  (%,.0f rows/s; inertia %.6g, %d iterations)%n"
                            + "  exact index build:        %8.2f s  (%d cells)%n"
                            + "  exact top-1 search:       %8.2f s  (%,.0f queries/s; scored %.1f%% of the pairs; mean top-1 cos %.4f)%n"
                            + "  brute force build+search: %8.2f s  (%.1fx the exact index's time; same best hit for %.2f%% of the queries)%n",
                    n, d, queries, threads, seed, generateSeconds, pcaSeconds, pcaRowsPerSecond(),
                    explainedVarianceRatio, k, restarts, kmeansSeconds, kmeansRowsPerSecond(), inertia,
                    kmeansIterations, indexSeconds, cells, searchSeconds, searchQueriesPerSecond(), 100 * scoredFraction,
                    meanTop1Similarity, bruteForceIndexSeconds + bruteForceSearchSeconds, speedUpOverBruteForce(),
                    100 * agreement);
        }
    }

    /** {@link #run(int, int, int, int, long, int, int)} with k = {@value #DEFAULT_K} and 10 restarts. */
    public static Figures run(int n, int d, int queries, int threads, long seed) {
        return run(n, d, queries, threads, seed, DEFAULT_K, KMeans.DEFAULT_RESTARTS);
    }

    /**
     * Generates the data and times the pipeline once.
     *
     * @param n candidate rows, {@code >= k}
     * @param d dimension, {@code >= 3}
     * @param queries query rows, {@code >= 1}
     * @param threads worker threads, {@code <= 0} for all available processors
     * @param k clusters
     * @param restarts k-means restarts
     */
    public static Figures run(int n, int d, int queries, int threads, long seed, int k, int restarts) {
        if (d < 3) {
            throw new IllegalArgumentException("d must be >= 3, got " + d);
        }
        if (n < k || k < 1) {
            throw new IllegalArgumentException("need 1 <= k <= n, got k " + k + ", n " + n);
        }
        if (queries < 1) {
            throw new IllegalArgumentException("queries must be >= 1, got " + queries);
        }
        warmUp(threads);
        long t0 = System.nanoTime();
        Data data = generate(n, d, queries, seed, threads);
        long t1 = System.nanoTime();
        Timed timed = pipeline(data, threads, seed, k, restarts, false);
        return figures(n, d, queries, threads, seed, k, restarts, (t1 - t0) / 1e9, timed);
    }

    /**
     * Writes {@code features.npy} and {@code queries.npy} (float32) into {@code directory} for the Python
     * reference script {@code releng/bench/retrieval_reference.py}.
     *
     * @return the two files, features first
     */
    public static List<Path> export(Data data, Path directory) throws IOException {
        Path features = directory.resolve("features.npy");
        Path queries = directory.resolve("queries.npy");
        NpyWriter.write(features, data.features());
        NpyWriter.write(queries, data.queries());
        return List.of(features, queries);
    }

    /**
     * Times the pipeline on given data (for example data also handed to the Python reference script).
     */
    public static Figures run(Data data, int threads, long seed, int k, int restarts) {
        warmUp(threads);
        Timed timed = pipeline(data, threads, seed, k, restarts, false);
        return figures(data.features().length, data.features()[0].length, data.queries().length, threads, seed, k,
                restarts, 0, timed);
    }

    private static Figures figures(int n, int d, int queries, int threads, long seed, int k, int restarts,
            double generateSeconds, Timed timed) {
        return new Figures(n, d, queries, Parallel.resolve(threads), k, restarts, seed, generateSeconds, timed.pca,
                timed.kmeans, timed.index, timed.search, timed.ratio, timed.inertia, timed.iterations,
                timed.meanSimilarity, timed.cells, timed.scoredFraction, timed.bruteIndex, timed.bruteSearch,
                timed.agreement);
    }

    private record Timed(double pca, double kmeans, double index, double search, double ratio, double inertia,
            int iterations, double meanSimilarity, int cells, double scoredFraction, double bruteIndex,
            double bruteSearch, double agreement) {
    }

    /** @param warmUp small thresholds, so that a small problem takes the partitioned search's code paths */
    private static Timed pipeline(Data data, int threads, long seed, int k, int restarts, boolean warmUp) {
        float[][] x = data.features();
        int n = x.length;
        int d = x[0].length;
        long t0 = System.nanoTime();
        PcaModel pca = Pca.components(2).seed(seed).threads(threads).solver(Pca.Solver.RANDOMIZED).fit(x);
        float[] reduced = pca.transform(Rows.of(x, "features"), threads);
        long t1 = System.nanoTime();
        KMeansResult clustering = KMeans.clusters(k).seed(seed).restarts(restarts).threads(threads)
                .fit(reduced, n, 2);
        long t2 = System.nanoTime();
        ExactCosineIndex index = warmUp ? new ExactCosineIndex(d, threads, 1024, 128) : new ExactCosineIndex(d, threads);
        index.addAll(x);
        // the first search lays the index out (normalised rows into panels, and the partition): build time
        index.search(data.queries()[0], 1);
        long t3 = System.nanoTime();
        List<List<Hit>> hits = index.searchBatch(data.queries(), 1);
        long t4 = System.nanoTime();
        int cells = index.cells();
        double scoredFraction = index.lastSearchScoredPairs() / ((double) n * data.queries().length);
        index = null;
        long t5 = System.nanoTime();
        ExactCosineIndex bruteForce = ExactCosineIndex.bruteForce(d, threads);
        bruteForce.addAll(x);
        bruteForce.search(data.queries()[0], 1);
        long t6 = System.nanoTime();
        List<List<Hit>> reference = bruteForce.searchBatch(data.queries(), 1);
        long t7 = System.nanoTime();
        double similarity = 0;
        int agree = 0;
        for (int q = 0; q < hits.size(); q++) {
            similarity += hits.get(q).get(0).similarity();
            agree += hits.get(q).get(0).id() == reference.get(q).get(0).id() ? 1 : 0;
        }
        double ratio = 0;
        for (double r : pca.explainedVarianceRatio()) {
            ratio += r;
        }
        return new Timed((t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, ratio,
                clustering.inertia(), clustering.iterations(), similarity / hits.size(), cells, scoredFraction,
                (t6 - t5) / 1e9, (t7 - t6) / 1e9, agree / (double) hits.size());
    }

    /** Runs every kernel once on a small problem so that the timed run measures compiled code. */
    private static void warmUp(int threads) {
        Data small = generate(4096, 256, 256, 12345L, threads);
        for (int round = 0; round < 2; round++) {
            pipeline(small, threads, round, 25, 2, true);
        }
    }

    /**
     * Seeded Gaussian blobs: {@value #CENTERS} centres uniform in {@code [-BOX, BOX]^d}, points (candidates
     * and queries alike) a uniformly chosen centre plus {@code N(0, SPREAD^2)} noise per coordinate. Rows are
     * generated in parallel blocks with per-block random streams, so the data depends only on the arguments.
     */
    public static Data generate(int n, int d, int queries, long seed, int threads) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[CENTERS][d];
        for (double[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = (2 * random.nextDouble() - 1) * BOX;
            }
        }
        return new Data(blobs(centres, n, d, random.split(), threads), blobs(centres, queries, d, random.split(),
                threads));
    }

    /**
     * Seeded structureless data: candidates and queries with independent {@code N(0, 1)} coordinates, directions
     * uniform on the sphere, where no partition can prune (the exact index's worst case).
     */
    public static Data generateStructureless(int n, int d, int queries, long seed, int threads) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] origin = new double[1][d];
        return new Data(blobs(origin, n, d, random.split(), threads), blobs(origin, queries, d, random.split(), threads));
    }

    private static float[][] blobs(double[][] centres, int n, int d, SplittableRandom random, int threads) {
        float[][] rows = new float[n][];
        int blocks = Parallel.tasks(n, GENERATION_BLOCK);
        SplittableRandom[] streams = new SplittableRandom[blocks];
        for (int b = 0; b < blocks; b++) {
            streams[b] = random.split();
        }
        try (Parallel parallel = Parallel.open(threads)) {
            parallel.run(blocks, b -> {
                SplittableRandom r = streams[b];
                int end = Math.min(n, (b + 1) * GENERATION_BLOCK);
                for (int i = b * GENERATION_BLOCK; i < end; i++) {
                    double[] c = centres[r.nextInt(centres.length)];
                    float[] row = new float[d];
                    for (int j = 0; j < d; j++) {
                        row[j] = (float) (c[j] + SPREAD * r.nextGaussian());
                    }
                    rows[i] = row;
                }
            });
        }
        return rows;
    }
}
