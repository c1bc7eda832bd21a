package org.segrank.djl;

/**
 * A model cannot be loaded (malformed or incompatible artifact) or an inference failed (unexpected outputs, native
 * error). The message names the model file.
 */
public final class SegmentationModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SegmentationModelException(String message) {
        super(message);
    }

    public SegmentationModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
