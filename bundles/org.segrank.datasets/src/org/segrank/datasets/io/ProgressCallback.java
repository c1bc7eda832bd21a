package org.segrank.datasets.io;

/**
 * Receives the progress of an import, validation or export. With several threads it is called from worker
 * threads, but one call at a time and with {@code done} increasing by one per call.
 */
@FunctionalInterface
public interface ProgressCallback {
    /** Ignores progress. */
    ProgressCallback NONE = (done, total) -> { };

    /**
     * @param done items finished so far, {@code 0..total}
     * @param total items in the whole operation
     */
    void progress(int done, int total);
}
