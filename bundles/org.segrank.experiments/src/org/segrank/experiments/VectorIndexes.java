package org.segrank.experiments;

import org.segrank.retrieval.ExactCosineIndex;
import org.segrank.retrieval.HnswCosineIndex;
import org.segrank.retrieval.VectorIndex;

/** Opens the vector index an experiment's configuration names. */
final class VectorIndexes {

    /** An index that is closed after use (the HNSW index holds a Lucene directory). */
    record Closeable(VectorIndex get) implements AutoCloseable {
        @Override
        public void close() {
            if (get instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    throw new IllegalStateException("cannot close the vector index: " + e.getMessage(), e);
                }
            }
        }
    }

    private VectorIndexes() {
    }

    static Closeable open(String kind, int dimension) {
        return new Closeable(ExperimentConfig.HNSW_INDEX.equals(kind) ? new HnswCosineIndex(dimension) : new ExactCosineIndex(dimension));
    }
}
