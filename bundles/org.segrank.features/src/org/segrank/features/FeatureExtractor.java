package org.segrank.features;

import java.awt.image.BufferedImage;

/**
 * Turns an image into a fixed-length feature vector for similarity search (cosine similarity).
 *
 * <p>Identity: {@link #name()} and {@link #version()} identify the extractor in the workspace
 * ({@code feature_extractors}); {@link #settingsHash()} identifies the settings a vector was computed
 * with ({@code feature_sets.settings_hash}), so vectors computed with different settings never mix.
 * Bump the version whenever the vector for a given image changes.
 *
 * <p>Implementations must be thread-safe: {@link FeatureExtraction} calls {@link #extract} from several
 * worker threads on one instance. An implementation that cannot be must say so and be used with one
 * worker.
 */
public interface FeatureExtractor {

    /** Stable identifier, e.g. {@code "particle-descriptor"}; at most 200 characters. */
    String name();

    /** Version of the algorithm (and its constants or weights); at most 100 characters. */
    String version();

    /** Length of every vector {@link #extract} returns; {@code > 0}. */
    int dimension();

    /**
     * The settings as a JSON object text, stable across runs and JVMs (fixed key order, fixed number
     * formatting), stored with the feature set. Default: an empty object.
     */
    default String settingsJson() {
        return "{}";
    }

    /**
     * A stable digest of the settings (at most 128 characters), e.g. the lowercase hex SHA-256 of
     * {@link #settingsJson()}; equal settings give equal hashes.
     */
    String settingsHash();

    /**
     * Computes the feature vector of an image.
     *
     * @return a new array of {@link #dimension()} finite values
     * @throws org.segrank.core.InvalidInputException if the image cannot be described (e.g. too small)
     */
    float[] extract(BufferedImage image);
}
