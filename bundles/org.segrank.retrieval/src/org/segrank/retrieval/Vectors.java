package org.segrank.retrieval;

/** Validation and normalisation of vectors for the cosine indexes. */
final class Vectors {
    private Vectors() {
    }

    /**
     * Checks length and finiteness and returns the Euclidean norm, failing for a zero vector; {@code what}
     * names the row in messages (for example "vector row 17 (id 42)").
     */
    static double checkedNorm(float[] v, int dimension, String what) {
        if (v == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (v.length != dimension) {
            throw new IllegalArgumentException(what + " has " + v.length + " values, expected " + dimension);
        }
        double s = 0;
        for (int j = 0; j < v.length; j++) {
            float x = v[j];
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException(what + " has a non-finite value (" + x + ") at position " + j);
            }
            s += (double) x * x;
        }
        if (s == 0) {
            throw new IllegalArgumentException(what + " is a zero vector; cosine similarity is undefined for it");
        }
        return Math.sqrt(s);
    }

    /**
     * Checks a search's arguments and returns the queries normalised ({@link #normalised}); errors name the query
     * ("query" alone, "query row 3" in a batch).
     */
    static float[][] normalisedQueries(float[][] queries, int dimension, int topN) {
        if (queries == null) {
            throw new IllegalArgumentException("queries must not be null");
        }
        if (topN < 1) {
            throw new IllegalArgumentException("topN must be >= 1, got " + topN);
        }
        float[][] unit = new float[queries.length][];
        for (int q = 0; q < queries.length; q++) {
            String what = queries.length == 1 ? "query" : "query row " + q;
            unit[q] = normalised(queries[q], checkedNorm(queries[q], dimension, what));
        }
        return unit;
    }

    /** Unit-length float copy, {@code (float) (v[j] * (1 / norm))} in double as the exact index stores rows. */
    static float[] normalised(float[] v, double norm) {
        double scale = 1 / norm;
        float[] out = new float[v.length];
        for (int j = 0; j < v.length; j++) {
            out[j] = (float) (v[j] * scale);
        }
        return out;
    }
}
