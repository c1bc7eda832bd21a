package org.segrank.retrieval;

/** The kept restart of a {@link KMeans} fit. Accessors return copies. */
public final class KMeansResult {
    private final double[][] centroids;
    private final int[] labels;
    private final double inertia;
    private final int iterations;
    private final boolean converged;
    private final int bestRestart;
    private final double[] restartInertias;
    private final KMeans.Settings settings;

    KMeansResult(double[][] centroids, int[] labels, double inertia, int iterations, boolean converged,
            int bestRestart, double[] restartInertias, KMeans.Settings settings) {
        this.centroids = centroids;
        this.labels = labels;
        this.inertia = inertia;
        this.iterations = iterations;
        this.converged = converged;
        this.bestRestart = bestRestart;
        this.restartInertias = restartInertias;
        this.settings = settings;
    }

    /** Number of clusters asked for. */
    public int k() {
        return centroids.length;
    }

    /** Cluster centres, {@code k x d}. An empty cluster keeps its last centre. */
    public double[][] centroids() {
        double[][] copy = new double[centroids.length][];
        for (int c = 0; c < copy.length; c++) {
            copy[c] = centroids[c].clone();
        }
        return copy;
    }

    /** Cluster of each point (the nearest centre, the lowest index on ties). */
    public int[] labels() {
        return labels.clone();
    }

    /** Cluster of point {@code i}. */
    public int label(int i) {
        return labels[i];
    }

    /** Sum of squared distances of the points to their centres. */
    public double inertia() {
        return inertia;
    }

    /** Lloyd iterations of the kept restart. */
    public int iterations() {
        return iterations;
    }

    /** {@code false} if the kept restart stopped at the iteration limit. */
    public boolean converged() {
        return converged;
    }

    /** Index of the kept restart. */
    public int bestRestart() {
        return bestRestart;
    }

    /** Final inertia of every restart. */
    public double[] restartInertias() {
        return restartInertias.clone();
    }

    /** Points per cluster. */
    public int[] clusterSizes() {
        int[] sizes = new int[centroids.length];
        for (int label : labels) {
            sizes[label]++;
        }
        return sizes;
    }

    /** Clusters without points (only when there are fewer distinct points than clusters). */
    public int emptyClusters() {
        int empty = 0;
        for (int size : clusterSizes()) {
            if (size == 0) {
                empty++;
            }
        }
        return empty;
    }

    public KMeans.Settings settings() {
        return settings;
    }
}
