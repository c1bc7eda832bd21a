package org.segrank.metrics.coco;

/**
 * Progress and cancellation hook for {@link CocoEvaluator#evaluate}, e.g. backed by an Eclipse progress monitor.
 *
 * <p>Calls may come from worker threads but are never concurrent. When {@link #isCancelled()} returns {@code true}
 * the evaluator stops at the next image and throws {@link java.util.concurrent.CancellationException}.
 */
public interface EvalMonitor {

    /** A monitor that reports nothing and is never cancelled. */
    EvalMonitor NONE = new EvalMonitor() {
    };

    /** Called once before the per-image work starts. */
    default void begin(int totalImages) {
    }

    /** Called after {@code images} more images have been evaluated. */
    default void worked(int images) {
    }

    /** Polled between images. */
    default boolean isCancelled() {
        return false;
    }
}
