/**
 * Image feature extraction for SegRank's retrieval: images become fixed-length vectors whose cosine
 * similarity finds images of a similar regime (particle kind, size, density, imaging).
 *
 * <ul>
 * <li>{@link org.segrank.features.FeatureExtractor}: the extractor contract (name, version, dimension,
 *     settings hash, thread-safe {@code extract}).</li>
 * <li>{@link org.segrank.features.ParticleDescriptorExtractor}: the offline default, a hand-crafted
 *     particle descriptor that needs no model weights.</li>
 * <li>{@link org.segrank.features.FeatureStore}: extractors, feature sets and vectors in the workspace
 *     database; vectors as a matrix for clustering and retrieval.</li>
 * <li>{@link org.segrank.features.FeatureExtraction}: the parallel, resumable, cancellable extraction
 *     job for a dataset.</li>
 * <li>{@link org.segrank.features.FeatureBenchmark}: throughput figures.</li>
 * </ul>
 */
package org.segrank.features;
