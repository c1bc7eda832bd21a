package org.segrank.features;

/**
 * Receives the progress of a {@link FeatureExtraction}. Called from worker threads, but one call at a
 * time, with {@code done} increasing by one per call (an image extracted or failed).
 */
@FunctionalInterface
public interface ExtractionProgress {
    /** Ignores progress. */
    ExtractionProgress NONE = (done, total, imagesPerSecond) -> { };

    /**
     * @param done images of this run finished so far (stored or failed), {@code 1..total}
     * @param total images this run has to process (those already stored are not counted)
     * @param imagesPerSecond finished images per second of wall time since the run started
     */
    void progress(int done, int total, double imagesPerSecond);
}
