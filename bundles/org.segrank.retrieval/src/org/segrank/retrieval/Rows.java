package org.segrank.retrieval;

/**
 * Read-only view of an {@code n x d} float matrix given either as row arrays or as one row-major array,
 * without copying. Row {@code i} is {@code array(i)[offset(i) .. offset(i) + d)}.
 */
final class Rows {
    final int n;
    final int d;
    private final float[][] rows;
    private final float[] flat;

    private Rows(int n, int d, float[][] rows, float[] flat) {
        this.n = n;
        this.d = d;
        this.rows = rows;
        this.flat = flat;
    }

    /**
     * Wraps row arrays after checking that there is at least one row, no row is {@code null} and all rows
     * have the length of row 0 (the error names the first offending row). Values are not checked here; see
     * {@link #checkFinite(String)}.
     */
    static Rows of(float[][] rows, String what) {
        if (rows == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (rows.length == 0) {
            throw new IllegalArgumentException(what + " must have at least one row");
        }
        if (rows[0] == null) {
            throw new IllegalArgumentException(what + " row 0 is null");
        }
        int d = rows[0].length;
        if (d == 0) {
            throw new IllegalArgumentException(what + " rows must have at least one column");
        }
        for (int i = 1; i < rows.length; i++) {
            if (rows[i] == null) {
                throw new IllegalArgumentException(what + " row " + i + " is null");
            }
            if (rows[i].length != d) {
                throw new IllegalArgumentException(what + " row " + i + " has " + rows[i].length
                        + " values, expected " + d + " (the length of row 0)");
            }
        }
        return new Rows(rows.length, d, rows, null);
    }

    /** Wraps a row-major {@code n x d} array. */
    static Rows of(float[] data, int n, int d, String what) {
        if (data == null) {
            throw new IllegalArgumentException(what + " must not be null");
        }
        if (n < 1 || d < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 x 1, got " + n + " x " + d);
        }
        if ((long) n * d != data.length) {
            throw new IllegalArgumentException(what + " has " + data.length + " values, expected n x d = " + n
                    + " x " + d + " = " + (long) n * d);
        }
        return new Rows(n, d, null, data);
    }

    float[] array(int i) {
        return rows != null ? rows[i] : flat;
    }

    int offset(int i) {
        return rows != null ? 0 : i * d;
    }

    /** The row arrays when this view wraps them, else {@code null}. */
    float[][] rowArrays() {
        return rows;
    }

    float get(int i, int j) {
        return rows != null ? rows[i][j] : flat[i * d + j];
    }

    /** Throws naming the first row (and column) that holds NaN or an infinity. */
    void checkFinite(String what) {
        for (int i = 0; i < n; i++) {
            checkFiniteRow(i, what);
        }
    }

    void checkFiniteRow(int i, String what) {
        float[] a = array(i);
        int o = offset(i);
        for (int j = 0; j < d; j++) {
            float v = a[o + j];
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(what + " row " + i + " has a non-finite value (" + v
                        + ") in column " + j);
            }
        }
    }
}
