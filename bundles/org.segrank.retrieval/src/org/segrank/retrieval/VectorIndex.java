package org.segrank.retrieval;

import java.util.List;

/**
 * Cosine-similarity search over vectors added with integer ids. Hits come most similar first, ties by
 * ascending id. Vectors must be finite and non-zero; errors name the offending row.
 *
 * <p>Implementations are not safe for concurrent adds; searches may run concurrently with each other once
 * adding has finished. Implementations holding resources beyond the heap implement {@link AutoCloseable}
 * ({@link HnswCosineIndex}); {@link ExactCosineIndex} holds only arrays.
 */
public interface VectorIndex {
    /** Length of every vector. */
    int dimension();

    /** Vectors added so far. */
    int size();

    /**
     * Adds one vector (copied).
     *
     * @throws IllegalArgumentException for a wrong length, a non-finite value or a zero vector
     */
    void add(int id, float[] vector);

    /**
     * Adds vectors with the given ids (copied). Nothing is added if any row is invalid.
     *
     * @throws IllegalArgumentException naming the first invalid row (wrong length, non-finite value, zero
     *             vector) or for {@code ids.length != vectors.length}
     */
    void addAll(int[] ids, float[][] vectors);

    /**
     * Adds vectors with ids {@code size(), size() + 1, ...} (row indices when the index starts empty).
     */
    default void addAll(float[][] vectors) {
        if (vectors == null) {
            throw new IllegalArgumentException("vectors must not be null");
        }
        int[] ids = new int[vectors.length];
        int first = size();
        for (int i = 0; i < ids.length; i++) {
            ids[i] = first + i;
        }
        addAll(ids, vectors);
    }

    /**
     * The {@code min(topN, size())} most similar vectors.
     *
     * @throws IllegalArgumentException for {@code topN < 1}, a wrong length, a non-finite value or a zero query
     */
    List<Hit> search(float[] query, int topN);

    /** {@link #search} for each query; errors name the query row. */
    List<List<Hit>> searchBatch(float[][] queries, int topN);
}
