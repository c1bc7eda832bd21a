/**
 * Retrieval for SegRank: choosing representative candidates and finding a query image's nearest ones, all in
 * plain Java (EJML for small dense decompositions, Apache Lucene for the approximate index).
 *
 * <ul>
 * <li>{@link org.segrank.retrieval.Pca} / {@link org.segrank.retrieval.PcaModel}: PCA with a randomized
 *     (Halko et al.) or exact solver, multi-threaded.</li>
 * <li>{@link org.segrank.retrieval.KMeans} / {@link org.segrank.retrieval.KMeansResult}: k-means++ seeding,
 *     Hamerly-accelerated Lloyd iterations, restarts.</li>
 * <li>{@link org.segrank.retrieval.Representatives}: the paper's selection (PCA to 2-D, k-means, the candidate
 *     nearest each centroid) with its settings for recording.</li>
 * <li>{@link org.segrank.retrieval.VectorIndex}: cosine search; {@link org.segrank.retrieval.ExactCosineIndex}
 *     (default, blocked brute force) and {@link org.segrank.retrieval.HnswCosineIndex} (Lucene HNSW,
 *     approximate).</li>
 * <li>{@link org.segrank.retrieval.RankingStrategy}: the nearest representative's model ranking, or a
 *     similarity-weighted vote of the m nearest.</li>
 * <li>{@link org.segrank.retrieval.RetrievalBenchmark}, {@link org.segrank.retrieval.NpyWriter},
 *     {@link org.segrank.retrieval.NpyReader}: timing figures and data exchange with the Python reference
 *     script ({@code releng/bench/retrieval_reference.py}).</li>
 * </ul>
 *
 * <p>Everything here is deterministic for a given seed and independent of the thread count, except the HNSW
 * graph (random levels).
 */
package org.segrank.retrieval;
