package org.segrank.retrieval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Exact cosine search whose heavy part, the query x candidate similarity matrix, is one libtorch matrix product per
 * block of queries (MKL/oneDNN SGEMM through DJL's PyTorch engine): the fastest exact search for large batches.
 * Rows are normalised in Java once; ties go to the row added first. Top-1 runs fully in libtorch (max and argmax);
 * larger top-N falls back to {@link ExactCosineIndex} on the same vectors. The PyTorch engine must be started
 * (org.segrank.djl's {@code DjlEngines}) before the first search. Not thread-safe: one search at a time.
 */
public final class TorchCosineIndex implements VectorIndex, AutoCloseable {

    private static final int QUERY_BLOCK = 256;

    private final int dimension;
    private final List<float[]> rows = new ArrayList<>();
    private int[] ids = new int[16];
    private NDManager manager;
    private NDArray base;
    private ExactCosineIndex fallback;

    public TorchCosineIndex(int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        this.dimension = dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        return rows.size();
    }

    @Override
    public void add(int id, float[] vector) {
        addAll(new int[] { id }, new float[][] { vector });
    }

    @Override
    public void addAll(int[] newIds, float[][] vectors) {
        if (newIds.length != vectors.length) {
            throw new IllegalArgumentException(newIds.length + " ids for " + vectors.length + " vectors");
        }
        for (int i = 0; i < vectors.length; i++) {
            rows.add(normalised(vectors[i], "vector " + i));
            if (rows.size() > ids.length) {
                ids = Arrays.copyOf(ids, ids.length * 2);
            }
            ids[rows.size() - 1] = newIds[i];
        }
        release();
    }

    private float[] normalised(float[] vector, String name) {
        if (vector == null || vector.length != dimension) {
            throw new IllegalArgumentException(name + " has " + (vector == null ? "no" : vector.length) + " values, expected "
                    + dimension);
        }
        double sum = 0;
        for (float v : vector) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException(name + " has a NaN or infinite value");
            }
            sum += (double) v * v;
        }
        if (sum == 0) {
            throw new IllegalArgumentException(name + " is all zeros: cosine similarity is undefined");
        }
        float scale = (float) (1 / Math.sqrt(sum));
        float[] out = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            out[j] = vector[j] * scale;
        }
        return out;
    }

    private void build() {
        if (base != null) {
            return;
        }
        if (rows.isEmpty()) {
            throw new IllegalStateException("the index is empty");
        }
        manager = Engine.getEngine("PyTorch").newBaseManager(Device.cpu());
        float[] flat = new float[rows.size() * dimension];
        for (int r = 0; r < rows.size(); r++) {
            System.arraycopy(rows.get(r), 0, flat, r * dimension, dimension);
        }
        base = manager.create(flat, new Shape(rows.size(), dimension)).transpose().toDense();
    }

    @Override
    public List<Hit> search(float[] query, int topN) {
        return searchBatch(new float[][] { query }, topN).get(0);
    }

    @Override
    public List<List<Hit>> searchBatch(float[][] queries, int topN) {
        if (topN < 1) {
            throw new IllegalArgumentException("topN must be >= 1, got " + topN);
        }
        if (topN > 1) {
            if (fallback == null) {
                fallback = new ExactCosineIndex(dimension);
                fallback.addAll(Arrays.copyOf(ids, rows.size()), rows.toArray(float[][]::new));
            }
            return fallback.searchBatch(queries, topN);
        }
        build();
        List<List<Hit>> out = new ArrayList<>(queries.length);
        for (int start = 0; start < queries.length; start += QUERY_BLOCK) {
            int count = Math.min(QUERY_BLOCK, queries.length - start);
            float[] block = new float[count * dimension];
            for (int q = 0; q < count; q++) {
                System.arraycopy(normalised(queries[start + q], "query " + (start + q)), 0, block, q * dimension, dimension);
            }
            try (NDManager scope = manager.newSubManager()) {
                NDArray similarities = scope.create(block, new Shape(count, dimension)).matMul(base);
                float[] best = similarities.max(new int[] { 1 }).toFloatArray();
                long[] where = similarities.argMax(1).toLongArray();
                for (int q = 0; q < count; q++) {
                    out.add(List.of(new Hit(ids[(int) where[q]], best[q])));
                }
            }
        }
        return out;
    }

    private void release() {
        if (manager != null) {
            manager.close();
            manager = null;
            base = null;
        }
        fallback = null;
    }

    @Override
    public void close() {
        release();
    }
}
