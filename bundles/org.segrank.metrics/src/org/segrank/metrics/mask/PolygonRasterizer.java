package org.segrank.metrics.mask;

import java.util.Arrays;

/**
 * Polygon rasterisation with the exact semantics of {@code rleFrPoly} in maskApi.c, so that COCO polygon ground truth
 * becomes the same pixels as in pycocotools.
 *
 * <p>The algorithm: vertices are scaled by 5 and rounded ({@code (int)(5 * v + 0.5)}, truncating toward zero); every
 * edge is traced on that fine grid with one point per step along its major axis; wherever the traced boundary moves
 * to another fine column that lies exactly on a pixel centre column ({@code (u + 0.5) / 5 - 0.5} integral and inside
 * the image), the pixel row where the boundary crosses is recorded ({@code ceil} of the downscaled y, clamped to
 * {@code [0, h]}). The crossings, as column-major indices, are sorted; each one toggles foreground/background from
 * there on. Double crossings at the same index cancel out.
 */
final class PolygonRasterizer {

    private static final double SCALE = 5;
    /** Far beyond any image; keeps the upsampled int arithmetic of the C code free of overflow. */
    private static final double MAX_ABS_COORDINATE = 1 << 22;

    private PolygonRasterizer() {
    }

    /**
     * @param xy interleaved coordinates; only the first {@code 2 * k} values are used
     * @param k number of vertices
     */
    static Rle rasterize(double[] xy, int k, int h, int w) {
        for (int i = 0; i < 2 * k; i++) {
            if (!Double.isFinite(xy[i]) || Math.abs(xy[i]) > MAX_ABS_COORDINATE) {
                throw new IllegalArgumentException("polygon coordinate " + i + " is not usable: " + xy[i]);
            }
        }
        // Upsampled integer vertices, closed by repeating the first one.
        int[] x = new int[k + 1];
        int[] y = new int[k + 1];
        for (int j = 0; j < k; j++) {
            x[j] = (int) (SCALE * xy[j * 2] + .5);
            y[j] = (int) (SCALE * xy[j * 2 + 1] + .5);
        }
        x[k] = x[0];
        y[k] = y[0];

        long pointCount = 0;
        for (int j = 0; j < k; j++) {
            pointCount += Math.max(Math.abs(x[j] - x[j + 1]), Math.abs(y[j] - y[j + 1])) + 1;
        }
        if (pointCount > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("polygon outline too long: " + pointCount + " upsampled points");
        }
        int[] u = new int[(int) pointCount];
        int[] v = new int[(int) pointCount];
        int m = 0;
        for (int j = 0; j < k; j++) {
            int xs = x[j];
            int xe = x[j + 1];
            int ys = y[j];
            int ye = y[j + 1];
            int dx = Math.abs(xe - xs);
            int dy = Math.abs(ys - ye);
            // Trace from the lower end of the major axis so rounding is symmetric, but emit points in edge order.
            boolean flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
            if (flip) {
                int t = xs;
                xs = xe;
                xe = t;
                t = ys;
                ys = ye;
                ye = t;
            }
            // A zero-length edge gives 0/0 in C; its single point never borders a column change, so any slope works.
            double slope = dx == 0 && dy == 0 ? 0
                    : dx >= dy ? (double) (ye - ys) / dx : (double) (xe - xs) / dy;
            if (dx >= dy) {
                for (int d = 0; d <= dx; d++) {
                    int t = flip ? dx - d : d;
                    u[m] = t + xs;
                    v[m] = (int) (ys + slope * t + .5);
                    m++;
                }
            } else {
                for (int d = 0; d <= dy; d++) {
                    int t = flip ? dy - d : d;
                    v[m] = t + ys;
                    u[m] = (int) (xs + slope * t + .5);
                    m++;
                }
            }
        }

        // Boundary crossings of pixel-centre columns, downsampled to pixel coordinates.
        int[] crossings = new int[m + 1];
        int n = 0;
        double maxColumn = w - 1;
        for (int j = 1; j < m; j++) {
            if (u[j] == u[j - 1]) {
                continue;
            }
            double xd = u[j] < u[j - 1] ? u[j] : u[j] - 1;
            xd = (xd + .5) / SCALE - .5;
            if (Math.floor(xd) != xd || xd < 0 || xd > maxColumn) {
                continue;
            }
            double yd = v[j] < v[j - 1] ? v[j] : v[j - 1];
            yd = (yd + .5) / SCALE - .5;
            if (yd < 0) {
                yd = 0;
            } else if (yd > h) {
                yd = h;
            }
            yd = Math.ceil(yd);
            crossings[n++] = (int) xd * h + (int) yd;
        }
        crossings[n++] = h * w;
        Arrays.sort(crossings, 0, n);

        // Differences between consecutive crossings are the run lengths; a zero difference (two crossings at the
        // same pixel) is folded into the previous run together with the following difference.
        int previous = 0;
        for (int j = 0; j < n; j++) {
            int t = crossings[j];
            crossings[j] -= previous;
            previous = t;
        }
        int[] counts = new int[n];
        int j = 0;
        int size = 0;
        counts[size++] = crossings[j++];
        while (j < n) {
            if (crossings[j] > 0) {
                counts[size++] = crossings[j++];
            } else {
                j++;
                if (j < n) {
                    counts[size - 1] += crossings[j++];
                }
            }
        }
        return Rle.of(h, w, Arrays.copyOf(counts, size));
    }
}
