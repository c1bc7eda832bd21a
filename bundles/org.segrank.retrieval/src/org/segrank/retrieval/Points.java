package org.segrank.retrieval;

/**
 * Points for k-means: low-dimensional data ({@code d <= }{@value #SMALL_DIMENSION}) is copied into a
 * column-major float array so that distances from one centre to a block of points vectorise; higher-dimensional
 * data is read in place, row by row.
 */
final class Points {
    static final int SMALL_DIMENSION = 16;

    final int n;
    final int d;
    /** Column-major copy ({@code cols[j * n + i]}) for small {@code d}, else {@code null}. */
    private final float[] cols;
    private final Rows rows;

    Points(Rows rows) {
        this.n = rows.n;
        this.d = rows.d;
        if (d <= SMALL_DIMENSION) {
            cols = new float[n * d];
            for (int i = 0; i < n; i++) {
                float[] a = rows.array(i);
                int o = rows.offset(i);
                for (int j = 0; j < d; j++) {
                    cols[j * n + i] = a[o + j];
                }
            }
            this.rows = null;
        } else {
            cols = null;
            this.rows = rows;
        }
    }

    double coordinate(int i, int j) {
        return cols != null ? cols[j * n + i] : rows.get(i, j);
    }

    /** Copies point {@code i} into {@code out[off .. off + d)}. */
    void copy(int i, double[] out, int off) {
        for (int j = 0; j < d; j++) {
            out[off + j] = coordinate(i, j);
        }
    }

    /** Adds point {@code i} to {@code sums[off .. off + d)}. */
    void addTo(int i, double[] sums, int off) {
        if (cols != null) {
            for (int j = 0; j < d; j++) {
                sums[off + j] += cols[j * n + i];
            }
        } else {
            float[] a = rows.array(i);
            int o = rows.offset(i);
            for (int j = 0; j < d; j++) {
                sums[off + j] += a[o + j];
            }
        }
    }

    /** Squared distance from point {@code i} to {@code c[co .. co + d)}. */
    double distance2(int i, double[] c, int co) {
        if (cols != null) {
            if (d == 2) {
                double t0 = cols[i] - c[co];
                double t1 = cols[n + i] - c[co + 1];
                return t0 * t0 + t1 * t1;
            }
            double s = 0;
            for (int j = 0; j < d; j++) {
                double t = cols[j * n + i] - c[co + j];
                s += t * t;
            }
            return s;
        }
        float[] a = rows.array(i);
        int o = rows.offset(i);
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int j = 0;
        for (; j + 3 < d; j += 4) {
            double t0 = a[o + j] - c[co + j];
            double t1 = a[o + j + 1] - c[co + j + 1];
            double t2 = a[o + j + 2] - c[co + j + 2];
            double t3 = a[o + j + 3] - c[co + j + 3];
            s0 += t0 * t0;
            s1 += t1 * t1;
            s2 += t2 * t2;
            s3 += t3 * t3;
        }
        for (; j < d; j++) {
            double t = a[o + j] - c[co + j];
            s0 += t * t;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * {@code out[i] = min(current[i], distance2(i, c, co))} for {@code i} in {@code [i0, i1)}; returns the sum of
     * the new values.
     */
    double minDistances2(int i0, int i1, double[] c, int co, double[] current, double[] out) {
        if (cols != null && d == 2) {
            double c0 = c[co];
            double c1 = c[co + 1];
            for (int i = i0; i < i1; i++) {
                double t0 = cols[i] - c0;
                double t1 = cols[n + i] - c1;
                out[i] = Math.min(current[i], t0 * t0 + t1 * t1);
            }
        } else {
            distances2(i0, i1, c, co, out, i0);
            for (int i = i0; i < i1; i++) {
                out[i] = Math.min(out[i], current[i]);
            }
        }
        return sum(out, i0, i1);
    }

    /** {@code a[i0] + ... + a[i1 - 1]} in four interleaved partial sums (a fixed order: the same result every run). */
    static double sum(double[] a, int i0, int i1) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = i0;
        for (; i + 3 < i1; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        for (; i < i1; i++) {
            s0 += a[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Nearest and second-nearest of {@code k} centres (row-major in {@code c}, and for {@code d == 2} also as
     * columns {@code cx}, {@code cy}) to point {@code i}: writes the squared distances to {@code result[0..1]}
     * and returns the nearest centre's index (the lowest on ties).
     */
    int nearest2(int i, double[] c, double[] cx, double[] cy, int k, double[] result) {
        double best = Double.POSITIVE_INFINITY;
        double second = Double.POSITIVE_INFINITY;
        int label = 0;
        if (cols != null && d == 2) {
            double px = cols[i];
            double py = cols[n + i];
            for (int m = 0; m < k; m++) {
                double tx = px - cx[m];
                double ty = py - cy[m];
                double dd = tx * tx + ty * ty;
                if (dd < second) {
                    if (dd < best) {
                        second = best;
                        best = dd;
                        label = m;
                    } else {
                        second = dd;
                    }
                }
            }
        } else {
            for (int m = 0; m < k; m++) {
                double dd = distance2(i, c, m * d);
                if (dd < second) {
                    if (dd < best) {
                        second = best;
                        best = dd;
                        label = m;
                    } else {
                        second = dd;
                    }
                }
            }
        }
        result[0] = best;
        result[1] = second;
        return label;
    }

    /** {@code out[oo + i - i0] = distance2(i, c, co)} for {@code i} in {@code [i0, i1)}. */
    void distances2(int i0, int i1, double[] c, int co, double[] out, int oo) {
        int m = i1 - i0;
        if (cols != null) {
            double c0 = c[co];
            int base0 = i0;
            for (int i = 0; i < m; i++) {
                double t = cols[base0 + i] - c0;
                out[oo + i] = t * t;
            }
            for (int j = 1; j < d; j++) {
                double cj = c[co + j];
                int base = j * n + i0;
                for (int i = 0; i < m; i++) {
                    double t = cols[base + i] - cj;
                    out[oo + i] += t * t;
                }
            }
        } else {
            for (int i = 0; i < m; i++) {
                out[oo + i] = distance2(i0 + i, c, co);
            }
        }
    }
}
