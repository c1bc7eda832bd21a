package org.segrank.retrieval;

/**
 * A fitted PCA: the mean, the principal axes (unit vectors, largest variance first) and the variance each
 * explains. {@link #transform} projects centred rows onto the axes. An identity model ("no PCA") passes rows
 * through unchanged.
 */
public final class PcaModel {
    /**
     * How the model was fitted, for recording alongside results.
     *
     * @param requestedComponents components asked for (0 = no PCA)
     * @param solver solver used ({@link Pca.Solver#EXACT} for the identity model)
     * @param seed seed of the randomized solver
     * @param oversampling extra random vectors of the randomized solver
     * @param powerIterations power iterations the randomized solver ran (0 when not randomized)
     * @param subspace width of the randomized subspace actually used (0 when not randomized)
     */
    public record Settings(int requestedComponents, Pca.Solver solver, long seed, int oversampling,
            int powerIterations, int subspace) {
    }

    private final int inputDimension;
    private final double[] mean;
    private final double[][] components;
    private final double[] explainedVariance;
    private final double totalVariance;
    private final boolean identity;
    private final Settings settings;

    PcaModel(int inputDimension, double[] mean, double[][] components, double[] explainedVariance,
            double totalVariance, Settings settings) {
        this(inputDimension, mean, components, explainedVariance, totalVariance, false, settings);
    }

    private PcaModel(int inputDimension, double[] mean, double[][] components, double[] explainedVariance,
            double totalVariance, boolean identity, Settings settings) {
        this.inputDimension = inputDimension;
        this.mean = mean;
        this.components = components;
        this.explainedVariance = explainedVariance;
        this.totalVariance = totalVariance;
        this.identity = identity;
        this.settings = settings;
    }

    static PcaModel identity(int d, double[] columnVariance, double totalVariance, Settings settings) {
        return new PcaModel(d, new double[d], null, columnVariance.clone(), totalVariance, true, settings);
    }

    /** {@code true} for "no PCA": {@link #transform} copies rows unchanged. */
    public boolean isIdentity() {
        return identity;
    }

    /** Dimension of the input rows. */
    public int inputDimension() {
        return inputDimension;
    }

    /** Dimension of the transformed rows (the input dimension for the identity). */
    public int outputDimension() {
        return identity ? inputDimension : components.length;
    }

    /** Column means of the fitted data (zeros for the identity model). */
    public double[] mean() {
        return mean.clone();
    }

    /**
     * Principal axes, {@code outputDimension() x inputDimension()}, each a unit vector whose largest-magnitude
     * entry is positive; for the identity model the unit vectors of the axes.
     */
    public double[][] components() {
        double[][] copy = new double[outputDimension()][];
        for (int k = 0; k < copy.length; k++) {
            if (identity) {
                copy[k] = new double[inputDimension];
                copy[k][k] = 1;
            } else {
                copy[k] = components[k].clone();
            }
        }
        return copy;
    }

    /**
     * Variance (ddof 1) of the data along each axis, largest first; for the identity model the variance of each
     * input column in column order.
     */
    public double[] explainedVariance() {
        return explainedVariance.clone();
    }

    /** {@link #explainedVariance()} divided by the total variance (all zeros if that is zero). */
    public double[] explainedVarianceRatio() {
        double[] ratio = new double[explainedVariance.length];
        if (totalVariance > 0) {
            for (int k = 0; k < ratio.length; k++) {
                ratio[k] = explainedVariance[k] / totalVariance;
            }
        }
        return ratio;
    }

    /** Sum of the column variances of the fitted data. */
    public double totalVariance() {
        return totalVariance;
    }

    public Settings settings() {
        return settings;
    }

    /** Projects one row (length {@link #inputDimension()}). */
    public float[] transform(float[] row) {
        if (row == null || row.length != inputDimension) {
            throw new IllegalArgumentException("row has " + (row == null ? "no" : String.valueOf(row.length))
                    + " values, expected " + inputDimension);
        }
        if (identity) {
            return row.clone();
        }
        float[] out = new float[components.length];
        for (int k = 0; k < components.length; k++) {
            double[] axis = components[k];
            double s = 0;
            for (int j = 0; j < inputDimension; j++) {
                s += (row[j] - mean[j]) * axis[j];
            }
            out[k] = (float) s;
        }
        return out;
    }

    /** Projects rows on all available processors; see {@link #transform(float[][], int)}. */
    public float[][] transform(float[][] rows) {
        return transform(rows, 0);
    }

    /**
     * Projects rows (each of length {@link #inputDimension()}); the identity model copies them.
     *
     * @param threads worker threads, {@code <= 0} for all available processors
     * @throws IllegalArgumentException naming the first row of the wrong length
     */
    public float[][] transform(float[][] rows, int threads) {
        Rows x = Rows.of(rows, "rows");
        checkDimension(x);
        float[] flat = transform(x, threads);
        int c = outputDimension();
        float[][] out = new float[x.n][];
        for (int i = 0; i < x.n; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * c, (i + 1) * c);
        }
        return out;
    }

    /**
     * Projects a row-major {@code n x inputDimension()} array to a row-major {@code n x outputDimension()} one.
     *
     * @param threads worker threads, {@code <= 0} for all available processors
     */
    public float[] transform(float[] data, int n, int threads) {
        Rows x = Rows.of(data, n, inputDimension, "data");
        return transform(x, threads);
    }

    float[] transform(Rows x, int threads) {
        checkDimension(x);
        int n = x.n;
        if (identity) {
            float[] out = new float[n * inputDimension];
            for (int i = 0; i < n; i++) {
                System.arraycopy(x.array(i), x.offset(i), out, i * inputDimension, inputDimension);
            }
            return out;
        }
        int c = components.length;
        float[] meanF = new float[inputDimension];
        float[] mt = new float[c * inputDimension];
        for (int j = 0; j < inputDimension; j++) {
            meanF[j] = (float) mean[j];
            for (int k = 0; k < c; k++) {
                mt[k * inputDimension + j] = (float) components[k][j];
            }
        }
        double[] y = new double[n * c];
        try (Parallel parallel = Parallel.open(threads)) {
            Kernels.multiply(x, meanF, mt, c, y, parallel);
        }
        float[] out = new float[n * c];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) y[i];
        }
        return out;
    }

    private void checkDimension(Rows x) {
        if (x.d != inputDimension) {
            throw new IllegalArgumentException("rows have " + x.d + " values, the model expects " + inputDimension);
        }
    }
}
