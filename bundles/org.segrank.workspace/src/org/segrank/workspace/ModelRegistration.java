package org.segrank.workspace;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link ModelRegistry#register} needs to add one model version. Build it with
 * {@link #builder(String, String, ModelFormat)}; the registry validates it.
 *
 * <p>The artifact is given either as a file ({@code artifact}; stored in the content store and,
 * if {@code artifactSha256} is also given, checked against it) or as the digest of content that
 * is already in the store ({@code artifactSha256} alone). Neither means a metadata-only model.
 *
 * @param version defaults to {@code "1"}
 * @param sizeBytes declared artifact size; checked against the file when there is one
 * @param fineTunedOnDataset the name of the dataset the model was fine-tuned on (it may live
 *     outside this workspace)
 * @param normalizationMean per-channel input mean, 1 or 3 values, or empty
 * @param normalizationStd per-channel input standard deviation (positive), 1 or 3 values, or empty
 * @param provenance JSON object text (seed, training settings, time, ...) or {@code null}
 * @param labelFilter the model's output labels whose detections count; empty keeps every label
 */
public record ModelRegistration(String name, String version, String architecture, ModelFormat format,
        Path artifact, String artifactSha256, Long sizeBytes, String fineTunedOnDataset, String baseModel,
        Integer inputWidth, Integer inputHeight, List<Double> normalizationMean, List<Double> normalizationStd,
        Double scoreThreshold, Double maskThreshold, List<String> tags, String notes, String provenance,
        List<Integer> labelFilter) {

    public static final String DEFAULT_VERSION = "1";

    public ModelRegistration {
        version = version == null || version.isBlank() ? DEFAULT_VERSION : version;
        normalizationMean = normalizationMean == null ? List.of() : List.copyOf(normalizationMean);
        normalizationStd = normalizationStd == null ? List.of() : List.copyOf(normalizationStd);
        tags = tags == null ? List.of() : List.copyOf(tags);
        labelFilter = labelFilter == null ? List.of() : List.copyOf(labelFilter);
    }

    /** The name:version this registration will have. */
    public String qualifiedName() {
        return name + ":" + version;
    }

    public static Builder builder(String name, String architecture, ModelFormat format) {
        return new Builder(name, architecture, format);
    }

    /** Fluent construction; every setter is optional. */
    public static final class Builder {
        private final String name;
        private final String architecture;
        private final ModelFormat format;
        private String version;
        private Path artifact;
        private String artifactSha256;
        private Long sizeBytes;
        private String fineTunedOnDataset;
        private String baseModel;
        private Integer inputWidth;
        private Integer inputHeight;
        private List<Double> normalizationMean = List.of();
        private List<Double> normalizationStd = List.of();
        private Double scoreThreshold;
        private Double maskThreshold;
        private List<String> tags = List.of();
        private String notes;
        private String provenance;
        private List<Integer> labelFilter = List.of();

        private Builder(String name, String architecture, ModelFormat format) {
            this.name = name;
            this.architecture = architecture;
            this.format = format;
        }

        public Builder version(String value) {
            this.version = value;
            return this;
        }

        public Builder artifact(Path file) {
            this.artifact = file;
            return this;
        }

        public Builder artifactSha256(String sha256) {
            this.artifactSha256 = sha256;
            return this;
        }

        public Builder sizeBytes(Long value) {
            this.sizeBytes = value;
            return this;
        }

        public Builder fineTunedOnDataset(String datasetName) {
            this.fineTunedOnDataset = datasetName;
            return this;
        }

        public Builder baseModel(String value) {
            this.baseModel = value;
            return this;
        }

        public Builder inputSize(Integer width, Integer height) {
            this.inputWidth = width;
            this.inputHeight = height;
            return this;
        }

        public Builder normalization(List<Double> mean, List<Double> std) {
            this.normalizationMean = Objects.requireNonNullElse(mean, List.of());
            this.normalizationStd = Objects.requireNonNullElse(std, List.of());
            return this;
        }

        public Builder scoreThreshold(Double value) {
            this.scoreThreshold = value;
            return this;
        }

        public Builder maskThreshold(Double value) {
            this.maskThreshold = value;
            return this;
        }

        public Builder tags(List<String> value) {
            this.tags = Objects.requireNonNullElse(value, List.of());
            return this;
        }

        public Builder notes(String value) {
            this.notes = value;
            return this;
        }

        public Builder provenance(String json) {
            this.provenance = json;
            return this;
        }

        public Builder labelFilter(List<Integer> labels) {
            this.labelFilter = Objects.requireNonNullElse(labels, List.of());
            return this;
        }

        public ModelRegistration build() {
            return new ModelRegistration(name, version, architecture, format, artifact, artifactSha256, sizeBytes,
                    fineTunedOnDataset, baseModel, inputWidth, inputHeight, normalizationMean, normalizationStd,
                    scoreThreshold, maskThreshold, tags, notes, provenance, labelFilter);
        }
    }
}
