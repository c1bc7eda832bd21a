package org.segrank.djl;

import java.util.List;
import java.util.Set;

/**
 * How a Mask R-CNN adapter prepares its input and filters its output: the registry metadata of a model.
 *
 * <h2>Input</h2>
 * The image becomes a float32 CHW RGB tensor with values in {@code [0, 1]} (torchvision's convention). With an
 * input size it is first resized to exactly {@code inputWidth x inputHeight} (bilinear, half-pixel centres, no
 * antialiasing: {@code torch.nn.functional.interpolate(mode="bilinear", align_corners=False)}); without one the
 * model gets the image at its own size (torchvision models resize internally). With normalisation, each channel
 * becomes {@code (value - mean[c]) / std[c]}: only for models that do not normalise inside (torchvision and
 * Detectron2 exports do, so leave it empty for them).
 *
 * <h2>Output</h2>
 * A detection is kept when {@code score >= scoreThreshold} and its label is in {@code labels} (empty: every
 * label). Its mask is foreground where the probability is {@code > maskThreshold}, evaluated at the original image
 * size: when an input size was used, the probabilities are first resized back with antialiased bilinear
 * interpolation ({@code interpolate(mode="bilinear", align_corners=False, antialias=True)}, what DJL's
 * {@code NDImageUtils.resize} does in libtorch) and boxes are scaled by the size ratios.
 *
 * @param inputWidth model input width in pixels, or {@code null} to keep the image size
 * @param inputHeight model input height in pixels, or {@code null} to keep the image size
 * @param mean per-channel (R, G, B) mean for normalisation, or empty for none
 * @param std per-channel standard deviation for normalisation, or empty for none
 * @param scoreThreshold minimum score, in {@code [0, 1]}
 * @param maskThreshold mask probability threshold, in {@code [0, 1)}
 * @param labels the labels to keep; empty keeps all
 */
public record ModelSettings(Integer inputWidth, Integer inputHeight, List<Float> mean, List<Float> std,
        float scoreThreshold, float maskThreshold, Set<Integer> labels) {

    /**
     * torchvision's own detection threshold. Low on purpose: mask AP ranks detections by score, and dropping the
     * low ones only lowers recall.
     */
    public static final float DEFAULT_SCORE_THRESHOLD = 0.05f;
    /** torchvision's and Detectron2's mask binarisation threshold. */
    public static final float DEFAULT_MASK_THRESHOLD = 0.5f;

    public ModelSettings {
        if ((inputWidth == null) != (inputHeight == null)) {
            throw new IllegalArgumentException("input width and height must both be given or both be absent, got "
                    + inputWidth + " x " + inputHeight);
        }
        if (inputWidth != null && (inputWidth < 1 || inputHeight < 1)) {
            throw new IllegalArgumentException("input size must be positive, got " + inputWidth + " x " + inputHeight);
        }
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        if (mean.size() != std.size() || !(mean.isEmpty() || mean.size() == 3)) {
            throw new IllegalArgumentException("normalisation needs 3 means and 3 standard deviations (R, G, B) or "
                    + "none, got " + mean.size() + " and " + std.size());
        }
        for (float deviation : std) {
            if (!(deviation > 0) || Float.isInfinite(deviation)) {
                throw new IllegalArgumentException("standard deviations must be positive and finite, got " + std);
            }
        }
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("score threshold must be in [0, 1], got " + scoreThreshold);
        }
        if (!(maskThreshold >= 0 && maskThreshold < 1)) {
            throw new IllegalArgumentException("mask threshold must be in [0, 1), got " + maskThreshold);
        }
        labels = Set.copyOf(labels);
    }

    /** Image size kept, no normalisation, default thresholds, every label. */
    public static ModelSettings defaults() {
        return new ModelSettings(null, null, List.of(), List.of(), DEFAULT_SCORE_THRESHOLD, DEFAULT_MASK_THRESHOLD,
                Set.of());
    }

    /**
     * Settings from a model's registry entry ({@code RegisteredModel}); {@code null} or empty values take the
     * defaults.
     */
    public static ModelSettings fromRegistry(Integer inputWidth, Integer inputHeight, List<Double> mean,
            List<Double> std, Double scoreThreshold, Double maskThreshold) {
        return fromRegistry(inputWidth, inputHeight, mean, std, scoreThreshold, maskThreshold, List.of());
    }

    /** As above, with the registry's label filter (empty keeps every label). */
    public static ModelSettings fromRegistry(Integer inputWidth, Integer inputHeight, List<Double> mean,
            List<Double> std, Double scoreThreshold, Double maskThreshold, List<Integer> labelFilter) {
        return new ModelSettings(inputWidth, inputHeight, floats(mean), floats(std),
                scoreThreshold == null ? DEFAULT_SCORE_THRESHOLD : scoreThreshold.floatValue(),
                maskThreshold == null ? DEFAULT_MASK_THRESHOLD : maskThreshold.floatValue(),
                labelFilter == null ? Set.of() : Set.copyOf(labelFilter));
    }

    private static List<Float> floats(List<Double> values) {
        return values == null ? List.of() : values.stream().map(Double::floatValue).toList();
    }

    public ModelSettings withInputSize(int width, int height) {
        return new ModelSettings(width, height, mean, std, scoreThreshold, maskThreshold, labels);
    }

    public ModelSettings withOriginalSize() {
        return new ModelSettings(null, null, mean, std, scoreThreshold, maskThreshold, labels);
    }

    public ModelSettings withNormalization(List<Float> channelMean, List<Float> channelStd) {
        return new ModelSettings(inputWidth, inputHeight, channelMean, channelStd, scoreThreshold, maskThreshold,
                labels);
    }

    public ModelSettings withScoreThreshold(float threshold) {
        return new ModelSettings(inputWidth, inputHeight, mean, std, threshold, maskThreshold, labels);
    }

    public ModelSettings withMaskThreshold(float threshold) {
        return new ModelSettings(inputWidth, inputHeight, mean, std, scoreThreshold, threshold, labels);
    }

    public ModelSettings withLabels(Set<Integer> keptLabels) {
        return new ModelSettings(inputWidth, inputHeight, mean, std, scoreThreshold, maskThreshold, keptLabels);
    }

    /** Whether images are resized to a fixed model input size. */
    public boolean resizes() {
        return inputWidth != null;
    }

    /** Whether the adapter normalises the input (the model does not). */
    public boolean normalizes() {
        return !mean.isEmpty();
    }

    /** Whether a detection with this label passes the label filter. */
    public boolean keepsLabel(int label) {
        return labels.isEmpty() || labels.contains(label);
    }
}
