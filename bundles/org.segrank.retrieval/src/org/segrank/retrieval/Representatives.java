package org.segrank.retrieval;

import java.util.ArrayList;
import java.util.List;

/**
 * Chooses the representative candidates of a pool, as the paper does: project all candidates' feature vectors
 * with PCA (2 components in the paper), cluster the projections with k-means (k = 250, 125, 50 or 25 in the
 * paper) and, per non-empty cluster, keep the candidate nearest its centroid in the reduced space (the lowest
 * row on ties). The same seed drives the PCA's random test matrix and the k-means++ sampling.
 */
public final class Representatives {
    /** The cluster counts of the paper. */
    public static final List<Integer> PAPER_K = List.of(250, 125, 50, 25);
    /** The paper's reduced dimension. */
    public static final int PAPER_PCA_DIMENSIONS = 2;

    private Representatives() {
    }

    /**
     * What produced a selection, to record alongside results.
     *
     * @param pcaDimensions requested PCA dimensions (0 = no PCA)
     * @param reducedDimensions dimensions k-means ran in
     * @param k clusters asked for
     * @param seed seed of PCA and k-means
     * @param restarts k-means restarts
     * @param maxIterations k-means iteration limit
     * @param tolerance k-means relative tolerance
     * @param pca how the PCA was fitted
     */
    public record Settings(int pcaDimensions, int reducedDimensions, int k, long seed, int restarts,
            int maxIterations, double tolerance, PcaModel.Settings pca) {
    }

    /**
     * One representative.
     *
     * @param row row of the feature matrix
     * @param cluster its k-means cluster
     * @param clusterSize candidates in that cluster
     * @param distance Euclidean distance to the centroid in the reduced space
     */
    public record Representative(int row, int cluster, int clusterSize, double distance) {
    }

    /** The outcome of {@link Representatives#select}. */
    public static final class Selection {
        private final List<Representative> representatives;
        private final Settings settings;
        private final PcaModel pca;
        private final KMeansResult clustering;

        Selection(List<Representative> representatives, Settings settings, PcaModel pca, KMeansResult clustering) {
            this.representatives = List.copyOf(representatives);
            this.settings = settings;
            this.pca = pca;
            this.clustering = clustering;
        }

        /** One per non-empty cluster, in cluster order. */
        public List<Representative> representatives() {
            return representatives;
        }

        /** The representatives' feature rows, in cluster order. */
        public int[] rows() {
            int[] rows = new int[representatives.size()];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = representatives.get(i).row();
            }
            return rows;
        }

        public Settings settings() {
            return settings;
        }

        public PcaModel pca() {
            return pca;
        }

        public KMeansResult clustering() {
            return clustering;
        }
    }

    /** {@link #select(float[][], int, int, long, int, int)} with {@value KMeans#DEFAULT_RESTARTS} restarts, all processors. */
    public static Selection select(float[][] features, int pcaDimensions, int k, long seed) {
        return select(features, pcaDimensions, k, seed, KMeans.DEFAULT_RESTARTS, 0);
    }

    /**
     * Selects representatives with default PCA and k-means settings otherwise.
     *
     * @param features one row per candidate, all of one length
     * @param pcaDimensions PCA components, 0 (or {@code >=} the feature length) for none
     * @param k clusters, {@code 1 ..} number of rows
     * @param restarts k-means restarts, {@code >= 1}
     * @param threads worker threads, {@code <= 0} for all available processors
     * @throws IllegalArgumentException for bad arguments or features (rows of different lengths, NaN or
     *             infinite values, each naming the row)
     */
    public static Selection select(float[][] features, int pcaDimensions, int k, long seed, int restarts,
            int threads) {
        return select(features, Pca.components(pcaDimensions).seed(seed).threads(threads),
                KMeans.clusters(k).seed(seed).restarts(restarts).threads(threads));
    }

    /**
     * Selects representatives with fully configured PCA and k-means (their seeds as configured).
     */
    public static Selection select(float[][] features, Pca pca, KMeans kmeans) {
        Rows x = Rows.of(features, "features");
        if (kmeans.k() > x.n) {
            throw new IllegalArgumentException("k (" + kmeans.k() + ") must be <= the number of candidates (" + x.n
                    + ")");
        }
        PcaModel model = pca.fit(x);
        Rows reduced;
        if (model.isIdentity()) {
            reduced = x;
        } else {
            reduced = Rows.of(model.transform(x, pca.threads()), x.n, model.outputDimension(), "reduced features");
        }
        KMeansResult clustering = kmeans.fit(reduced);
        int k = clustering.k();
        int d = reduced.d;
        double[][] centroids = clustering.centroids();
        int[] labels = clustering.labels();
        int[] best = new int[k];
        double[] bestDistance = new double[k];
        java.util.Arrays.fill(best, -1);
        for (int i = 0; i < x.n; i++) {
            int c = labels[i];
            double s = 0;
            float[] a = reduced.array(i);
            int o = reduced.offset(i);
            for (int j = 0; j < d; j++) {
                double t = a[o + j] - centroids[c][j];
                s += t * t;
            }
            if (best[c] < 0 || s < bestDistance[c]) {
                best[c] = i;
                bestDistance[c] = s;
            }
        }
        int[] sizes = clustering.clusterSizes();
        List<Representative> chosen = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (best[c] >= 0) {
                chosen.add(new Representative(best[c], c, sizes[c], Math.sqrt(bestDistance[c])));
            }
        }
        KMeans.Settings ks = clustering.settings();
        Settings settings = new Settings(pca.components(), d, k, ks.seed(), ks.restarts(), ks.maxIterations(),
                ks.tolerance(), model.settings());
        return new Selection(chosen, settings, model, clustering);
    }
}
