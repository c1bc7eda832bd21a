package org.segrank.features;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * How a {@link FeatureExtraction} runs.
 *
 * @param workers extraction threads, {@code >= 1}
 * @param progress receives progress; see {@link ExtractionProgress}
 * @param cancelled polled before each image; once it returns {@code true}, workers finish (and store)
 *     the images they hold and the run throws {@link java.util.concurrent.CancellationException}
 */
public record ExtractionOptions(int workers, ExtractionProgress progress, BooleanSupplier cancelled) {
    public ExtractionOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be >= 1, got " + workers);
        }
        Objects.requireNonNull(progress, "progress");
        Objects.requireNonNull(cancelled, "cancelled");
    }

    /** One worker per available processor (at most 8), no progress, never cancelled. */
    public static ExtractionOptions defaults() {
        return new ExtractionOptions(Math.max(1, Math.min(8, Runtime.getRuntime().availableProcessors())),
                ExtractionProgress.NONE, () -> false);
    }

    public ExtractionOptions withWorkers(int newWorkers) {
        return new ExtractionOptions(newWorkers, progress, cancelled);
    }

    public ExtractionOptions withProgress(ExtractionProgress newProgress) {
        return new ExtractionOptions(workers, newProgress, cancelled);
    }

    public ExtractionOptions withCancellation(BooleanSupplier newCancelled) {
        return new ExtractionOptions(workers, progress, newCancelled);
    }
}
