package org.segrank.retrieval;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Times the retrieval pipeline on seeded synthetic data (Gaussian blobs): PCA to 2 components (randomized
 * solver) with the projection of all rows, k-means on the projections, and exact top-1 cosine search of a batch
 * of queries over all rows. A short warm-up on a small problem compiles the kernels first; data generation is
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
     */
    public record Figures(int n, int d, int queries, int threads, int k, int restarts, long seed,
            double generateSeconds, double pcaSeconds, double kmeansSeconds, double indexSeconds,
            double searchSeconds, double explainedVarianceRatio, double inertia, int kmeansIterations,
            double meanTop1Similarity) {
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

        /** Floating-point operations per second of the exact search ({@code 2 d} per pair). */
        public double searchFlops() {
            return 2.0 * d * searchPairsPerSecond();
        }

        /** Printable figures, several lines. */
        public String format() {
            return String.format(Locale.ROOT,
                    "SegRank retrieval benchmark (%d x %d candidates, %d queries, %d threads, seed %d)%n"
                            + "  data generation:          %8.2f s%n"
                            + "  PCA(2) fit + projection:   %8.2f s  (%,.0f rows/s; variance ratio %.4f)%n"
                            + "  k-means k=%d, %d restarts: %8.2f s  (%,.0f rows/s; inertia %.6g, %d iterations)%n"
                            + "  exact index build:        %8.2f s%n"
                            + "  exact top-1 search:       %8.2f s  (%,.0f queries/s, %.1f GFLOP/s; mean top-1 cos %.4f)%n",
                    n, d, queries, threads, seed, generateSeconds, pcaSeconds, pcaRowsPerSecond(),
                    explainedVarianceRatio, k, restarts, kmeansSeconds, kmeansRowsPerSecond(), inertia,
                    kmeansIterations, indexSeconds, searchSeconds, searchQueriesPerSecond(), searchFlops() / 1e9,
                    meanTop1Similarity);
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
        Timed timed = pipeline(data, threads, seed, k, restarts);
        return new Figures(n, d, queries, Parallel.resolve(threads), k, restarts, seed, (t1 - t0) / 1e9,
                timed.pca, timed.kmeans, timed.index, timed.search, timed.ratio, timed.inertia, timed.iterations,
                timed.meanSimilarity);
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
        Timed timed = pipeline(data, threads, seed, k, restarts);
        return new Figures(data.features().length, data.features()[0].length, data.queries().length,
                Parallel.resolve(threads), k, restarts, seed, 0, timed.pca, timed.kmeans, timed.index, timed.search,
                timed.ratio, timed.inertia, timed.iterations, timed.meanSimilarity);
    }

    private record Timed(double pca, double kmeans, double index, double search, double ratio, double inertia,
            int iterations, double meanSimilarity) {
    }

    private static Timed pipeline(Data data, int threads, long seed, int k, int restarts) {
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
        ExactCosineIndex index = new ExactCosineIndex(d, threads);
        index.addAll(x);
        long t3 = System.nanoTime();
        List<List<Hit>> hits = index.searchBatch(data.queries(), 1);
        long t4 = System.nanoTime();
        double similarity = 0;
        for (List<Hit> h : hits) {
            similarity += h.get(0).similarity();
        }
        double ratio = 0;
        for (double r : pca.explainedVarianceRatio()) {
            ratio += r;
        }
        return new Timed((t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, (t4 - t3) / 1e9, ratio,
                clustering.inertia(), clustering.iterations(), similarity / hits.size());
    }

    /** Runs every kernel once on a small problem so that the timed run measures compiled code. */
    private static void warmUp(int threads) {
        Data small = generate(4096, 256, 256, 12345L, threads);
        for (int round = 0; round < 2; round++) {
            pipeline(small, threads, round, 25, 2);
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
