package org.segrank.workspace;

/**
 * The evaluation of one model on one image under one set of evaluation settings.
 *
 * <p>Exactly one outcome: an AP ({@code ap} in [0, 1]), an undefined AP ({@code apUndefined},
 * e.g. an image without ground truth on which the model detects nothing; {@code ap} is null), or
 * a failure ({@code errorText}; such pairs count as not done and are retried on resume).
 *
 * @param settingsHash identifies the evaluation settings (thresholds, IoU range, ...)
 * @param runId the evaluation run that produced it, or {@code null}
 */
public record EvaluationResult(long imageId, long modelId, String settingsHash, Double ap, Double ap50, Double ap75,
        boolean apUndefined, Integer gtCount, Integer detectionCount, Double inferenceMs, String errorText,
        Long runId) {

    /** A successful evaluation with a defined AP. */
    public static EvaluationResult of(long imageId, long modelId, String settingsHash, double ap, Double ap50,
            Double ap75, Integer gtCount, Integer detectionCount, Double inferenceMs) {
        return new EvaluationResult(imageId, modelId, settingsHash, ap, ap50, ap75, false, gtCount, detectionCount,
                inferenceMs, null, null);
    }

    /** A successful evaluation whose AP is undefined. */
    public static EvaluationResult undefined(long imageId, long modelId, String settingsHash, Integer gtCount,
            Integer detectionCount, Double inferenceMs) {
        return new EvaluationResult(imageId, modelId, settingsHash, null, null, null, true, gtCount, detectionCount,
                inferenceMs, null, null);
    }

    /** A failed evaluation, to be retried. */
    public static EvaluationResult failure(long imageId, long modelId, String settingsHash, String errorText) {
        return new EvaluationResult(imageId, modelId, settingsHash, null, null, null, false, null, null, null,
                errorText, null);
    }

    /** This result attributed to a run. */
    public EvaluationResult inRun(long run) {
        return new EvaluationResult(imageId, modelId, settingsHash, ap, ap50, ap75, apUndefined, gtCount,
                detectionCount, inferenceMs, errorText, run);
    }

    /** Whether the pair needs no further work (its AP is known or known to be undefined). */
    public boolean isDone() {
        return errorText == null;
    }
}
