package org.segrank.features;

/**
 * A row of {@code feature_sets}: the features of one dataset by one extractor with given settings.
 *
 * @param dimension the extractor's vector length, which every stored vector has
 * @param settings JSON object text of the settings that {@code settingsHash} digests, or {@code null}
 */
public record FeatureSet(long id, long extractorId, long datasetId, String settingsHash, String settings,
        int dimension) {
}
