package org.segrank.features;

import java.util.Arrays;

/**
 * A smooth model of the background level: a quadratic surface {@code a + b u + c v + d u^2 + e uv + f v^2}
 * in normalised coordinates {@code u, v in [-1, 1]} (image centre 0), fitted robustly to one statistic
 * per block of a {@code g x g} grid. A quadratic holds a linear illumination ramp plus radial
 * vignetting, the usual unevenness of bright-field and dark-field micrographs.
 *
 * <p>Robustness: blocks covered mostly by particles give outlying block values; the fit starts from the
 * median block value and, three times, keeps only blocks within three robust standard deviations (at
 * least {@value #MIN_SCALE} levels) of the current fit and refits. With fewer than 12 inlying blocks a
 * plane is fitted, with fewer than 4 a constant.
 */
final class BackgroundSurface {
    /** Residual scale floor, grey levels: quantisation and texture never justify rejecting closer blocks. */
    static final double MIN_SCALE = 1.5;
    private static final int ITERATIONS = 3;

    /** Coefficients of 1, u, v, u^2, uv, v^2. */
    private final double[] coefficients;
    /** Robust standard deviation of the inlying block values around the surface, grey levels. */
    final double residualScale;
    private final int width;
    private final int height;

    private BackgroundSurface(double[] coefficients, double residualScale, int width, int height) {
        this.coefficients = coefficients;
        this.residualScale = residualScale;
        this.width = width;
        this.height = height;
    }

    /** Grid side for an image: blocks of at least 32 px, 2 to 8 per side. */
    static int gridSide(int width, int height) {
        return Math.max(2, Math.min(8, Math.min(width, height) / 32));
    }

    /**
     * Fits the surface to one value per block of a {@code grid x grid} partition of the image.
     *
     * @param blockValues row-major, {@code grid * grid} values
     */
    static BackgroundSurface fit(double[] blockValues, int grid, int width, int height) {
        int blocks = grid * grid;
        double[][] basis = new double[blocks][];
        for (int by = 0; by < grid; by++) {
            for (int bx = 0; bx < grid; bx++) {
                double centreX = (blockStart(bx, grid, width) + blockStart(bx + 1, grid, width)) / 2.0;
                double centreY = (blockStart(by, grid, height) + blockStart(by + 1, grid, height)) / 2.0;
                basis[by * grid + bx] = basis(2 * centreX / width - 1, 2 * centreY / height - 1);
            }
        }
        double[] coefficients = new double[6];
        coefficients[0] = median(blockValues);
        boolean[] inlier = new boolean[blocks];
        double scale = MIN_SCALE;
        for (int iteration = 0; iteration < ITERATIONS; iteration++) {
            double[] residuals = new double[blocks];
            for (int i = 0; i < blocks; i++) {
                residuals[i] = blockValues[i] - evaluate(coefficients, basis[i]);
            }
            scale = Math.max(MIN_SCALE, 1.4826 * median(absolute(residuals)));
            int count = 0;
            for (int i = 0; i < blocks; i++) {
                inlier[i] = Math.abs(residuals[i]) <= 3 * scale;
                count += inlier[i] ? 1 : 0;
            }
            if (count == 0) {
                Arrays.fill(inlier, true);
                count = blocks;
            }
            int terms = count >= 12 ? 6 : count >= 4 ? 3 : 1;
            coefficients = leastSquares(basis, blockValues, inlier, terms);
        }
        return new BackgroundSurface(coefficients, scale, width, height);
    }

    /** First pixel of block {@code index} along a side of {@code length} pixels split into {@code grid} blocks. */
    static int blockStart(int index, int grid, int length) {
        return (int) ((long) index * length / grid);
    }

    private static double[] basis(double u, double v) {
        return new double[] {1, u, v, u * u, u * v, v * v};
    }

    private static double evaluate(double[] coefficients, double[] basis) {
        double sum = 0;
        for (int k = 0; k < 6; k++) {
            sum += coefficients[k] * basis[k];
        }
        return sum;
    }

    /** The surface at the centre of pixel {@code (x, y)}. */
    double at(int x, int y) {
        return evaluate(coefficients, basis(2 * (x + 0.5) / width - 1, 2 * (y + 0.5) / height - 1));
    }

    /** Fills {@code target[y * width + x]} with the surface, row by row (incrementally, so cheap). */
    void render(float[] target) {
        double du = 2.0 / width;
        for (int y = 0; y < height; y++) {
            double v = 2 * (y + 0.5) / height - 1;
            // Along a row the surface is a quadratic in u: p(u) = a' + b' u + d u^2.
            double constant = coefficients[0] + coefficients[2] * v + coefficients[5] * v * v;
            double linear = coefficients[1] + coefficients[4] * v;
            double quadratic = coefficients[3];
            int row = y * width;
            for (int x = 0; x < width; x++) {
                double u = (x + 0.5) * du - 1;
                target[row + x] = (float) (constant + (linear + quadratic * u) * u);
            }
        }
    }

    /** Magnitude of the linear (ramp) term: the change from the centre to the middle of an edge, levels. */
    double rampMagnitude() {
        return Math.hypot(coefficients[1], coefficients[2]);
    }

    /** Mean of the quadratic terms {@code (d + f) / 2}: curvature from centre to edge, levels (negative: vignetting of a bright field). */
    double radialCurvature() {
        return (coefficients[3] + coefficients[5]) / 2;
    }

    /** Smallest and largest value over a 9 x 9 lattice spanning the image (corners included). */
    double[] range() {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int j = 0; j <= 8; j++) {
            for (int i = 0; i <= 8; i++) {
                double value = evaluate(coefficients, basis(i / 4.0 - 1, j / 4.0 - 1));
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return new double[] {min, max};
    }

    /** The surface's mean over the image (exact for a quadratic: E[u^2] = E[v^2] = 1/3, E[u] = E[uv] = 0). */
    double mean() {
        return coefficients[0] + (coefficients[3] + coefficients[5]) / 3;
    }

    private static double[] leastSquares(double[][] basis, double[] values, boolean[] use, int terms) {
        double[][] normal = new double[terms][terms + 1];
        for (int i = 0; i < values.length; i++) {
            if (!use[i]) {
                continue;
            }
            for (int r = 0; r < terms; r++) {
                for (int c = 0; c < terms; c++) {
                    normal[r][c] += basis[i][r] * basis[i][c];
                }
                normal[r][terms] += basis[i][r] * values[i];
            }
        }
        double[] solution = solve(normal, terms);
        double[] coefficients = new double[6];
        if (solution == null) { // degenerate layout: fall back to the mean of the used blocks
            double sum = 0;
            int count = 0;
            for (int i = 0; i < values.length; i++) {
                if (use[i]) {
                    sum += values[i];
                    count++;
                }
            }
            coefficients[0] = count == 0 ? 0 : sum / count;
            return coefficients;
        }
        // A plane's terms are 1, u, v: indices 0..2 of the quadratic basis.
        System.arraycopy(solution, 0, coefficients, 0, terms);
        return coefficients;
    }

    /** Gaussian elimination with partial pivoting on an augmented matrix; {@code null} if singular. */
    private static double[] solve(double[][] augmented, int n) {
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(augmented[r][col]) > Math.abs(augmented[pivot][col])) {
                    pivot = r;
                }
            }
            if (Math.abs(augmented[pivot][col]) < 1e-9) {
                return null;
            }
            double[] swap = augmented[col];
            augmented[col] = augmented[pivot];
            augmented[pivot] = swap;
            for (int r = col + 1; r < n; r++) {
                double factor = augmented[r][col] / augmented[col][col];
                for (int c = col; c <= n; c++) {
                    augmented[r][c] -= factor * augmented[col][c];
                }
            }
        }
        double[] solution = new double[n];
        for (int r = n - 1; r >= 0; r--) {
            double sum = augmented[r][n];
            for (int c = r + 1; c < n; c++) {
                sum -= augmented[r][c] * solution[c];
            }
            solution[r] = sum / augmented[r][r];
        }
        return solution;
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double[] absolute(double[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = Math.abs(values[i]);
        }
        return result;
    }
}
