package org.segrank.workspace;

import java.time.Instant;
import java.util.List;

import org.segrank.core.ModelId;

/**
 * A model version in the registry; see {@link ModelRegistration} for the fields.
 *
 * @param artifactSha256 the artifact's digest in the content store, or {@code null} for a
 *     metadata-only model
 * @param removedAt when the model was soft-removed, or {@code null} while it is active
 * @param labelFilter output labels whose detections count; empty keeps every label
 */
public record RegisteredModel(long id, String name, String version, String architecture, ModelFormat format,
        String artifactSha256, Long sizeBytes, String fineTunedOnDataset, String baseModel, Integer inputWidth,
        Integer inputHeight, List<Double> normalizationMean, List<Double> normalizationStd, Double scoreThreshold,
        Double maskThreshold, List<String> tags, String notes, String provenance, Instant createdAt,
        Instant removedAt, List<Integer> labelFilter) {

    public RegisteredModel {
        normalizationMean = List.copyOf(normalizationMean);
        normalizationStd = List.copyOf(normalizationStd);
        tags = List.copyOf(tags);
        labelFilter = labelFilter == null ? List.of() : List.copyOf(labelFilter);
    }

    /** {@code name:version}, which {@link ModelRegistry#find(String)} accepts. */
    public String qualifiedName() {
        return name + ":" + version;
    }

    /** The model's identifier in rankings: its qualified name {@code name:version}. */
    public ModelId modelId() {
        return new ModelId(qualifiedName());
    }

    public boolean isRemoved() {
        return removedAt != null;
    }

    public boolean hasArtifact() {
        return artifactSha256 != null;
    }
}
