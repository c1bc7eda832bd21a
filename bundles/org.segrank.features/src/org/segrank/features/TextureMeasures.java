package org.segrank.features;

/** Image operators the particle descriptor is built from; all work on row-major float or int images. */
final class TextureMeasures {
    /** Rotation-invariant uniform LBP: bins 0..8 count set bits of uniform patterns, bin 9 the rest. */
    static final int LBP_BINS = 10;
    /** Grey levels of the co-occurrence matrix. */
    static final int GLCM_LEVELS = 8;

    private static final int[] LBP_BIN_OF_PATTERN = lbpTable();

    private TextureMeasures() {
    }

    static float[] toFloat(int[] levels) {
        float[] result = new float[levels.length];
        for (int i = 0; i < levels.length; i++) {
            result[i] = levels[i];
        }
        return result;
    }

    /**
     * {@code passes} passes of the separable binomial filter [1 2 1]/4 in x and y (borders replicated),
     * computed in integers and divided once at the end, so the result is exact: smoothing
     * {@code 255 - v} gives exactly {@code 255 -} the smoothing of {@code v}.
     */
    static float[] binomialSmooth(int[] levels, int width, int height, int passes) {
        int[] current = levels.clone();
        int[] horizontal = new int[levels.length];
        for (int p = 0; p < passes; p++) {
            for (int y = 0; y < height; y++) {
                int row = y * width;
                if (width == 1) {
                    horizontal[row] = 4 * current[row];
                    continue;
                }
                horizontal[row] = 3 * current[row] + current[row + 1];
                for (int x = 1; x < width - 1; x++) {
                    horizontal[row + x] = current[row + x - 1] + 2 * current[row + x] + current[row + x + 1];
                }
                horizontal[row + width - 1] = current[row + width - 2] + 3 * current[row + width - 1];
            }
            for (int y = 0; y < height; y++) {
                int up = Math.max(0, y - 1) * width;
                int row = y * width;
                int down = Math.min(height - 1, y + 1) * width;
                for (int x = 0; x < width; x++) {
                    current[row + x] = horizontal[up + x] + 2 * horizontal[row + x] + horizontal[down + x];
                }
            }
        }
        // 255 * 16^3 < 2^20: the sums fit an int, and value / 16^passes is exact in a float.
        float scale = 1f / (1 << (4 * passes));
        float[] result = new float[levels.length];
        for (int i = 0; i < result.length; i++) {
            result[i] = current[i] * scale;
        }
        return result;
    }

    /** Halves both sides by averaging 2 x 2 blocks (a trailing odd row/column is dropped). */
    static float[] halve(float[] image, int width, int height) {
        int newWidth = width / 2;
        int newHeight = height / 2;
        float[] result = new float[newWidth * newHeight];
        for (int y = 0; y < newHeight; y++) {
            int top = 2 * y * width;
            int bottom = top + width;
            for (int x = 0; x < newWidth; x++) {
                result[y * newWidth + x] = 0.25f * (image[top + 2 * x] + image[top + 2 * x + 1]
                        + image[bottom + 2 * x] + image[bottom + 2 * x + 1]);
            }
        }
        return result;
    }

    /**
     * Sobel gradient magnitude divided by 8, i.e. the intensity change per pixel of a smooth ramp, of
     * the interior pixels (the one-pixel border is skipped).
     */
    static float[] gradientMagnitude(float[] image, int width, int height) {
        if (width < 3 || height < 3) {
            return new float[0];
        }
        float[] result = new float[(width - 2) * (height - 2)];
        int k = 0;
        for (int y = 1; y < height - 1; y++) {
            int row = y * width;
            for (int x = 1; x < width - 1; x++) {
                int i = row + x;
                float gx = image[i - width + 1] + 2 * image[i + 1] + image[i + width + 1]
                        - image[i - width - 1] - 2 * image[i - 1] - image[i + width - 1];
                float gy = image[i + width - 1] + 2 * image[i + width] + image[i + width + 1]
                        - image[i - width - 1] - 2 * image[i - width] - image[i - width + 1];
                result[k++] = (float) Math.sqrt(gx * gx + gy * gy) / 8;
            }
        }
        return result;
    }

    /**
     * Robust noise standard deviation in grey levels (Immerkaer's operator with a median instead of a
     * mean, so edges and texture barely bias it): the operator
     * {@code [1 -2 1; -2 4 -2; 1 -2 1]} annihilates planes, has noise gain 6, and the median absolute
     * value of a zero-mean Gaussian is 0.6745 sigma. Polarity-invariant: the operator is linear with zero sum.
     */
    static double noiseSigma(int[] levels, int width, int height) {
        if (width < 3 || height < 3) {
            return 0;
        }
        int[] histogram = new int[16 * 255 + 1];
        int n = 0;
        for (int y = 1; y < height - 1; y++) {
            int row = y * width;
            for (int x = 1; x < width - 1; x++) {
                int i = row + x;
                int response = levels[i - width - 1] - 2 * levels[i - width] + levels[i - width + 1]
                        - 2 * levels[i - 1] + 4 * levels[i] - 2 * levels[i + 1]
                        + levels[i + width - 1] - 2 * levels[i + width] + levels[i + width + 1];
                histogram[Math.abs(response)]++;
                n++;
            }
        }
        return Quantiles.ofHistogram(histogram, n, 0.5, 1.0, 0) / (0.6745 * 6);
    }

    /** Variance of the 4-neighbour Laplacian over interior pixels, (levels)^2. */
    static double laplacianVariance(int[] levels, int width, int height) {
        if (width < 3 || height < 3) {
            return 0;
        }
        double sum = 0;
        double sumSquares = 0;
        long n = 0;
        for (int y = 1; y < height - 1; y++) {
            int row = y * width;
            for (int x = 1; x < width - 1; x++) {
                int i = row + x;
                int laplacian = levels[i - width] + levels[i - 1] + levels[i + 1] + levels[i + width] - 4 * levels[i];
                sum += laplacian;
                sumSquares += (double) laplacian * laplacian;
                n++;
            }
        }
        double mean = sum / n;
        return Math.max(0, sumSquares / n - mean * mean);
    }

    /**
     * Fraction of the image's variance above the 3 x 3 box filter's pass band:
     * {@code var(I - box3(I)) / var(I)}, 0 for a constant image.
     */
    static double highFrequencyFraction(int[] levels, int width, int height) {
        if (width < 3 || height < 3) {
            return 0;
        }
        double sum = 0;
        double sumSquares = 0;
        double residualSum = 0;
        double residualSquares = 0;
        long n = 0;
        for (int y = 1; y < height - 1; y++) {
            int row = y * width;
            for (int x = 1; x < width - 1; x++) {
                int i = row + x;
                int box = levels[i - width - 1] + levels[i - width] + levels[i - width + 1] + levels[i - 1] + levels[i]
                        + levels[i + 1] + levels[i + width - 1] + levels[i + width] + levels[i + width + 1];
                double residual = levels[i] - box / 9.0;
                sum += levels[i];
                sumSquares += (double) levels[i] * levels[i];
                residualSum += residual;
                residualSquares += residual * residual;
                n++;
            }
        }
        double variance = sumSquares / n - (sum / n) * (sum / n);
        double residualVariance = residualSquares / n - (residualSum / n) * (residualSum / n);
        return variance <= 1e-9 ? 0 : Math.min(1, Math.max(0, residualVariance / variance));
    }

    /**
     * Histogram (fractions) of rotation-invariant uniform local binary patterns over the 8 neighbours
     * of each interior pixel; a neighbour counts as set when it is at least the centre value.
     */
    static double[] lbpHistogram(float[] image, int width, int height) {
        double[] histogram = new double[LBP_BINS];
        if (width < 3 || height < 3) {
            histogram[8] = 1; // as for a flat image: every neighbour >= centre
            return histogram;
        }
        long[] counts = new long[LBP_BINS];
        for (int y = 1; y < height - 1; y++) {
            int row = y * width;
            for (int x = 1; x < width - 1; x++) {
                int i = row + x;
                float centre = image[i];
                int pattern = (image[i - width - 1] >= centre ? 1 : 0)
                        | (image[i - width] >= centre ? 2 : 0)
                        | (image[i - width + 1] >= centre ? 4 : 0)
                        | (image[i + 1] >= centre ? 8 : 0)
                        | (image[i + width + 1] >= centre ? 16 : 0)
                        | (image[i + width] >= centre ? 32 : 0)
                        | (image[i + width - 1] >= centre ? 64 : 0)
                        | (image[i - 1] >= centre ? 128 : 0);
                counts[LBP_BIN_OF_PATTERN[pattern]]++;
            }
        }
        double total = (double) (width - 2) * (height - 2);
        for (int b = 0; b < LBP_BINS; b++) {
            histogram[b] = counts[b] / total;
        }
        return histogram;
    }

    private static int[] lbpTable() {
        int[] table = new int[256];
        for (int pattern = 0; pattern < 256; pattern++) {
            int transitions = 0;
            for (int bit = 0; bit < 8; bit++) {
                int a = (pattern >> bit) & 1;
                int b = (pattern >> ((bit + 1) % 8)) & 1;
                transitions += a != b ? 1 : 0;
            }
            table[pattern] = transitions <= 2 ? Integer.bitCount(pattern) : 9;
        }
        return table;
    }

    /**
     * Grey-level co-occurrence statistics for horizontal and vertical neighbours at each distance
     * {@code d} of {@code distances} (symmetric, both directions pooled) of an image quantised to
     * {@value #GLCM_LEVELS} levels.
     *
     * @return per distance: contrast {@code sum (i-j)^2 p / 49} (0..1), homogeneity
     *     {@code sum p / (1 + |i-j|)}, correlation (1 for a constant image)
     */
    static double[][] cooccurrence(byte[] quantised, int width, int height, int[] distances) {
        int cells = GLCM_LEVELS * GLCM_LEVELS;
        int[][] counts = new int[distances.length][cells];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int k = 0; k < distances.length; k++) {
                int d = distances[k];
                int[] table = counts[k];
                for (int x = 0; x + d < width; x++) {
                    table[quantised[row + x] * GLCM_LEVELS + quantised[row + x + d]]++;
                }
                if (y + d < height) {
                    int below = row + d * width;
                    for (int x = 0; x < width; x++) {
                        table[quantised[row + x] * GLCM_LEVELS + quantised[below + x]]++;
                    }
                }
            }
        }
        double[][] result = new double[distances.length][];
        for (int k = 0; k < distances.length; k++) {
            result[k] = cooccurrenceStatistics(counts[k]);
        }
        return result;
    }

    private static double[] cooccurrenceStatistics(int[] counts) {
        double total = 0;
        for (int count : counts) {
            total += 2.0 * count;
        }
        if (total == 0) {
            return new double[] {0, 1, 1};
        }
        double mean = 0;
        double[] p = new double[GLCM_LEVELS * GLCM_LEVELS];
        for (int i = 0; i < GLCM_LEVELS; i++) {
            for (int j = 0; j < GLCM_LEVELS; j++) {
                p[i * GLCM_LEVELS + j] = ((double) counts[i * GLCM_LEVELS + j] + counts[j * GLCM_LEVELS + i]) / total;
                mean += i * p[i * GLCM_LEVELS + j];
            }
        }
        double contrast = 0;
        double homogeneity = 0;
        double variance = 0;
        double covariance = 0;
        for (int i = 0; i < GLCM_LEVELS; i++) {
            for (int j = 0; j < GLCM_LEVELS; j++) {
                double pij = p[i * GLCM_LEVELS + j];
                contrast += (i - j) * (i - j) * pij;
                homogeneity += pij / (1 + Math.abs(i - j));
                variance += (i - mean) * (i - mean) * pij;
                covariance += (i - mean) * (j - mean) * pij;
            }
        }
        double correlation = variance < 1e-12 ? 1 : covariance / variance;
        int maxDifference = GLCM_LEVELS - 1;
        return new double[] {contrast / (maxDifference * maxDifference), homogeneity, correlation};
    }

    /**
     * Chamfer (3-4) distance of each foreground pixel to the nearest background pixel, in units of
     * 1/3 pixel; background pixels are 0. Outside the image is not background (particles cut by the
     * border keep their size), so an image without background gets the cap {@code 3 * (width + height)}.
     */
    static int[] distanceToBackground(byte[] mask, int width, int height) {
        int cap = 3 * (width + height);
        // A one-pixel frame of "not background" (the cap) spares the bounds checks.
        int stride = width + 2;
        int[] padded = new int[stride * (height + 2)];
        java.util.Arrays.fill(padded, cap);
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int paddedRow = (y + 1) * stride + 1;
            for (int x = 0; x < width; x++) {
                padded[paddedRow + x] = mask[row + x] == 0 ? 0 : cap;
            }
        }
        for (int y = 1; y <= height; y++) {
            for (int i = y * stride + 1, end = i + width; i < end; i++) {
                if (padded[i] != 0) {
                    int best = Math.min(padded[i], padded[i - 1] + 3);
                    best = Math.min(best, padded[i - stride] + 3);
                    best = Math.min(best, padded[i - stride - 1] + 4);
                    padded[i] = Math.min(best, padded[i - stride + 1] + 4);
                }
            }
        }
        for (int y = height; y >= 1; y--) {
            for (int i = y * stride + width, end = y * stride; i > end; i--) {
                if (padded[i] != 0) {
                    int best = Math.min(padded[i], padded[i + 1] + 3);
                    best = Math.min(best, padded[i + stride] + 3);
                    best = Math.min(best, padded[i + stride + 1] + 4);
                    padded[i] = Math.min(Math.min(best, padded[i + stride - 1] + 4), cap);
                }
            }
        }
        int[] distance = new int[mask.length];
        for (int y = 0; y < height; y++) {
            System.arraycopy(padded, (y + 1) * stride + 1, distance, y * width, width);
        }
        return distance;
    }
}
