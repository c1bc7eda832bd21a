package org.segrank.retrieval;

import java.util.SplittableRandom;

/** Seeded test matrices. */
final class TestData {
    private TestData() {
    }

    static float[][] gaussian(int n, int d, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] rows = new float[n][d];
        for (float[] row : rows) {
            for (int j = 0; j < d; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return rows;
    }

    /**
     * Gaussian blobs around {@code centres} (each point picks a centre uniformly) with standard deviation
     * {@code spread}; {@code labels[i]} receives point i's centre when not null.
     */
    static float[][] blobs(double[][] centres, int n, double spread, long seed, int[] labels) {
        SplittableRandom random = new SplittableRandom(seed);
        int d = centres[0].length;
        float[][] rows = new float[n][d];
        for (int i = 0; i < n; i++) {
            int c = i % centres.length;
            if (labels != null) {
                labels[i] = c;
            }
            for (int j = 0; j < d; j++) {
                rows[i][j] = (float) (centres[c][j] + spread * random.nextGaussian());
            }
        }
        return rows;
    }

    /** Random centres uniform in {@code [-box, box]^d}. */
    static double[][] centres(int count, int d, double box, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] centres = new double[count][d];
        for (double[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = (2 * random.nextDouble() - 1) * box;
            }
        }
        return centres;
    }

    static double cosine(float[] a, float[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int j = 0; j < a.length; j++) {
            ab += (double) a[j] * b[j];
            aa += (double) a[j] * a[j];
            bb += (double) b[j] * b[j];
        }
        return ab / Math.sqrt(aa * bb);
    }

    static double distance2(float[] a, double[] c) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            double t = a[j] - c[j];
            s += t * t;
        }
        return s;
    }
}
