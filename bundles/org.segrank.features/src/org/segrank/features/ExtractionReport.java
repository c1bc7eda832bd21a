package org.segrank.features;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a {@link FeatureExtraction} run.
 *
 * @param featureSet the feature set the vectors went to
 * @param images images selected (dataset, optionally one split)
 * @param alreadyStored of those, images skipped because their vector was already stored (resume)
 * @param extracted vectors computed and stored by this run
 * @param errors images that failed, by file name; their vectors are not stored
 * @param elapsed wall time of the run
 */
public record ExtractionReport(FeatureSet featureSet, int images, int alreadyStored, int extracted,
        List<ExtractionError> errors, Duration elapsed) {
    public ExtractionReport {
        errors = List.copyOf(errors);
    }

    /** Stored vectors per second of wall time. */
    public double imagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds > 0 ? extracted / seconds : 0;
    }

    /** One line for the user, e.g. {@code "120 images: 100 extracted, 18 already stored, 2 failed (35.2 images/s)"}. */
    public String summary() {
        return String.format(Locale.ROOT, "%d images: %d extracted, %d already stored, %d failed (%.1f images/s)",
                images, extracted, alreadyStored, errors.size(), imagesPerSecond());
    }
}
