package org.segrank.features;

import java.util.Arrays;

/**
 * The 8-connected foreground components of a binary mask and their shape measurements. Components
 * smaller than a minimum area are removed from the mask (noise specks).
 *
 * <p>Measurements per component: area (pixels), perimeter by the Cauchy-Crofton formula over the four
 * pixel-grid directions (within about 5 % of the Euclidean perimeter for any orientation, unlike a
 * count of pixel edges), second moments (elongation), convex hull of the pixel squares (solidity),
 * and whether it touches the image border.
 */
final class Components {
    private static final double CROFTON = Math.PI / 8;
    private static final double INVERSE_SQRT2 = 1 / Math.sqrt(2);

    final int count;
    final int[] area;
    final double[] perimeter;
    /** Ratio of the principal axes' standard deviations, {@code >= 1}. */
    final double[] elongation;
    /** {@code 4 pi area / perimeter^2}, about 1 for a disc. */
    final double[] circularity;
    /** Area over the area of the convex hull of the component's pixel squares, {@code (0, 1]}. */
    final double[] solidity;
    /**
     * Area over the area of the smallest (rotated) rectangle that holds the component's pixel squares,
     * {@code (0, 1]}: 1 for rectangles, about {@code pi / 4} for discs.
     */
    final double[] rectangularity;
    final boolean[] touchesBorder;
    /** Label per pixel, {@code 1..count}, 0 for background (after removing small components). */
    final int[] labels;

    private Components(int count, int[] area, double[] perimeter, double[] elongation, double[] circularity,
            double[] solidity, double[] rectangularity, boolean[] touchesBorder, int[] labels) {
        this.count = count;
        this.area = area;
        this.perimeter = perimeter;
        this.elongation = elongation;
        this.circularity = circularity;
        this.solidity = solidity;
        this.rectangularity = rectangularity;
        this.touchesBorder = touchesBorder;
        this.labels = labels;
    }

    /**
     * Labels and measures the components of {@code mask} (non-zero = foreground) and clears those
     * smaller than {@code minArea} pixels in {@code mask}.
     */
    static Components analyse(byte[] mask, int width, int height, int minArea) {
        int[] provisional = new int[mask.length];
        int[] parent = new int[mask.length / 2 + 2];
        int next = 1;
        // Pass 1: provisional labels from the already visited neighbours (W, NW, N, NE), union-find for merges.
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int x = 0; x < width; x++) {
                if (mask[row + x] == 0) {
                    continue;
                }
                int label = 0;
                if (x > 0 && provisional[row + x - 1] != 0) {
                    label = provisional[row + x - 1];
                }
                if (y > 0) {
                    int above = row - width + x;
                    for (int dx = -1; dx <= 1; dx++) {
                        if (x + dx < 0 || x + dx >= width) {
                            continue;
                        }
                        int neighbour = provisional[above + dx];
                        if (neighbour != 0) {
                            label = label == 0 ? neighbour : union(parent, label, neighbour);
                        }
                    }
                }
                if (label == 0) {
                    if (next == parent.length) {
                        parent = Arrays.copyOf(parent, parent.length * 2);
                    }
                    parent[next] = next;
                    label = next++;
                }
                provisional[row + x] = label;
            }
        }
        // Resolve roots and measure areas per root.
        int[] rootArea = new int[next];
        for (int i = 0; i < provisional.length; i++) {
            if (provisional[i] != 0) {
                int root = find(parent, provisional[i]);
                provisional[i] = root;
                rootArea[root]++;
            }
        }
        int[] finalLabel = new int[next];
        int count = 0;
        for (int root = 1; root < next; root++) {
            if (parent[root] == root && rootArea[root] >= minArea) {
                finalLabel[root] = ++count;
            }
        }
        int[] labels = provisional; // relabelled in place
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0) {
                labels[i] = finalLabel[labels[i]];
                if (labels[i] == 0) {
                    mask[i] = 0;
                }
            }
        }
        return measure(labels, count, width, height);
    }

    private static Components measure(int[] labels, int count, int width, int height) {
        int[] area = new int[count + 1];
        double[] sumX = new double[count + 1];
        double[] sumY = new double[count + 1];
        double[] sumXX = new double[count + 1];
        double[] sumYY = new double[count + 1];
        double[] sumXY = new double[count + 1];
        long[] axial = new long[count + 1];
        long[] diagonal = new long[count + 1];
        boolean[] border = new boolean[count + 1];
        HullPoints hull = new HullPoints(count);
        for (int y = 0; y < height; y++) {
            int row = y * width;
            int runLabel = 0;
            int runStart = 0;
            for (int x = 0; x <= width; x++) {
                int label = x < width ? labels[row + x] : 0;
                if (label != runLabel) {
                    if (runLabel != 0) {
                        hull.addRun(runLabel, runStart, x, y);
                    }
                    runLabel = label;
                    runStart = x;
                }
                if (label == 0) {
                    continue;
                }
                area[label]++;
                sumX[label] += x;
                sumY[label] += y;
                sumXX[label] += (double) x * x;
                sumYY[label] += (double) y * y;
                sumXY[label] += (double) x * y;
                if (x == 0 || y == 0 || x == width - 1 || y == height - 1) {
                    border[label] = true;
                }
                // Crofton: count boundary crossings seen from the foreground side; outside the image is background.
                axial[label] += differs(labels, label, x - 1, y, width, height) + differs(labels, label, x + 1, y, width, height)
                        + differs(labels, label, x, y - 1, width, height) + differs(labels, label, x, y + 1, width, height);
                diagonal[label] += differs(labels, label, x - 1, y - 1, width, height)
                        + differs(labels, label, x + 1, y - 1, width, height)
                        + differs(labels, label, x - 1, y + 1, width, height)
                        + differs(labels, label, x + 1, y + 1, width, height);
            }
        }
        double[] perimeter = new double[count];
        double[] elongation = new double[count];
        double[] circularity = new double[count];
        double[] solidity = new double[count];
        double[] rectangularity = new double[count];
        int[] areas = new int[count];
        boolean[] touches = new boolean[count];
        for (int c = 1; c <= count; c++) {
            int i = c - 1;
            double n = area[c];
            areas[i] = area[c];
            touches[i] = border[c];
            perimeter[i] = Math.max(CROFTON * (axial[c] + diagonal[c] * INVERSE_SQRT2), 1e-9);
            circularity[i] = 4 * Math.PI * n / (perimeter[i] * perimeter[i]);
            double meanX = sumX[c] / n;
            double meanY = sumY[c] / n;
            // + 1/12: a pixel is a unit square, not a point (keeps single pixels and lines finite).
            double varX = sumXX[c] / n - meanX * meanX + 1.0 / 12;
            double varY = sumYY[c] / n - meanY * meanY + 1.0 / 12;
            double covariance = sumXY[c] / n - meanX * meanY;
            double half = (varX + varY) / 2;
            double root = Math.sqrt(Math.max(0, (varX - varY) * (varX - varY) / 4 + covariance * covariance));
            double major = half + root;
            double minor = Math.max(half - root, 1.0 / 12);
            elongation[i] = Math.sqrt(major / minor);
            long[] vertices = hull.vertices(c);
            solidity[i] = Math.min(1, n / Math.max(HullPoints.area(vertices), n));
            rectangularity[i] = Math.min(1, n / Math.max(HullPoints.minimumBoundingArea(vertices), n));
        }
        return new Components(count, areas, perimeter, elongation, circularity, solidity, rectangularity, touches,
                labels);
    }

    private static int differs(int[] labels, int label, int x, int y, int width, int height) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            return 1;
        }
        return labels[y * width + x] != label ? 1 : 0;
    }

    private static int find(int[] parent, int label) {
        int root = label;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[label] != root) { // path compression
            int up = parent[label];
            parent[label] = root;
            label = up;
        }
        return root;
    }

    private static int union(int[] parent, int a, int b) {
        int rootA = find(parent, a);
        int rootB = find(parent, b);
        if (rootA == rootB) {
            return rootA;
        }
        int low = Math.min(rootA, rootB);
        parent[Math.max(rootA, rootB)] = low;
        return low;
    }

    /**
     * Per component, the leftmost and rightmost pixel of each row it occupies; the convex hull of their
     * corner points is the hull of all the component's pixel squares.
     */
    private static final class HullPoints {
        private final int[] currentRow;
        private final int[] rowMin;
        private final int[] rowMax;
        private int[][] points; // per label: x0, x1, y triples
        private final int[] size;

        HullPoints(int count) {
            currentRow = new int[count + 1];
            Arrays.fill(currentRow, -1);
            rowMin = new int[count + 1];
            rowMax = new int[count + 1];
            points = new int[count + 1][];
            size = new int[count + 1];
        }

        /** Pixels {@code start..end-1} of row {@code y} belong to {@code label}. Rows arrive in order. */
        void addRun(int label, int start, int end, int y) {
            if (currentRow[label] != y) {
                flush(label);
                currentRow[label] = y;
                rowMin[label] = start;
                rowMax[label] = end;
            } else {
                rowMin[label] = Math.min(rowMin[label], start);
                rowMax[label] = Math.max(rowMax[label], end);
            }
        }

        private void flush(int label) {
            if (currentRow[label] < 0) {
                return;
            }
            int[] list = points[label];
            if (list == null) {
                list = new int[24];
            } else if (size[label] + 3 > list.length) {
                list = Arrays.copyOf(list, list.length * 2);
            }
            list[size[label]] = rowMin[label];
            list[size[label] + 1] = rowMax[label];
            list[size[label] + 2] = currentRow[label];
            size[label] += 3;
            points[label] = list;
            currentRow[label] = -1;
        }

        /** The convex hull of the component's pixel squares, packed (x, y) vertices, first vertex repeated last. */
        long[] vertices(int label) {
            flush(label);
            int rows = size[label] / 3;
            long[] corners = new long[rows * 4];
            int[] list = points[label];
            int k = 0;
            for (int r = 0; r < rows; r++) {
                int x0 = list[3 * r];
                int x1 = list[3 * r + 1];
                int y = list[3 * r + 2];
                corners[k++] = pack(x0, y);
                corners[k++] = pack(x0, y + 1);
                corners[k++] = pack(x1, y);
                corners[k++] = pack(x1, y + 1);
            }
            Arrays.sort(corners); // by x, then y
            return hull(corners);
        }

        private static long pack(int x, int y) {
            return ((long) x << 32) | (y & 0xFFFFFFFFL);
        }

        /** Andrew's monotone chain over points sorted by (x, y). */
        private static long[] hull(long[] sorted) {
            int n = sorted.length;
            long[] hull = new long[2 * n];
            int k = 0;
            for (int i = 0; i < n; i++) {
                while (k >= 2 && cross(hull[k - 2], hull[k - 1], sorted[i]) <= 0) {
                    k--;
                }
                hull[k++] = sorted[i];
            }
            for (int i = n - 2, lower = k + 1; i >= 0; i--) {
                while (k >= lower && cross(hull[k - 2], hull[k - 1], sorted[i]) <= 0) {
                    k--;
                }
                hull[k++] = sorted[i];
            }
            return Arrays.copyOf(hull, k);
        }

        /** Shoelace area of a closed polygon. */
        static double area(long[] polygon) {
            double twiceArea = 0;
            for (int i = 0; i + 1 < polygon.length; i++) {
                twiceArea += (double) x(polygon[i]) * y(polygon[i + 1]) - (double) x(polygon[i + 1]) * y(polygon[i]);
            }
            return Math.abs(twiceArea) / 2;
        }

        /**
         * Area of the smallest rectangle holding a convex polygon: one of its sides lies along an edge of
         * the polygon, so trying every edge direction finds it.
         */
        static double minimumBoundingArea(long[] polygon) {
            double best = Double.POSITIVE_INFINITY;
            for (int i = 0; i + 1 < polygon.length; i++) {
                double dx = x(polygon[i + 1]) - x(polygon[i]);
                double dy = y(polygon[i + 1]) - y(polygon[i]);
                double length = Math.hypot(dx, dy);
                if (length > 0) {
                    best = Math.min(best, boundingArea(polygon, dx / length, dy / length));
                }
            }
            return Double.isInfinite(best) ? 0 : best;
        }

        /** Area of the bounding rectangle of the points along the unit direction {@code (cos, sin)} and its normal. */
        private static double boundingArea(long[] points, double cos, double sin) {
            double minU = Double.POSITIVE_INFINITY;
            double maxU = Double.NEGATIVE_INFINITY;
            double minV = Double.POSITIVE_INFINITY;
            double maxV = Double.NEGATIVE_INFINITY;
            for (long point : points) {
                double u = x(point) * cos + y(point) * sin;
                double v = -x(point) * sin + y(point) * cos;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
            return (maxU - minU) * (maxV - minV);
        }

        private static long cross(long o, long a, long b) {
            return (long) (x(a) - x(o)) * (y(b) - y(o)) - (long) (y(a) - y(o)) * (x(b) - x(o));
        }

        private static int x(long point) {
            return (int) (point >> 32);
        }

        private static int y(long point) {
            return (int) point;
        }
    }
}
