package org.segrank.features;

/**
 * A row of {@code feature_extractors}.
 *
 * @param parameters JSON object text (the extractor's settings), or {@code null}
 * @param artifactSha256 the weights in the workspace file store, or {@code null} (no weights)
 */
public record RegisteredExtractor(long id, String name, String version, int dimension, String parameters,
        String artifactSha256) {
}
