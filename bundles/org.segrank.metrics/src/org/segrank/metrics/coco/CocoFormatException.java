package org.segrank.metrics.coco;

import org.segrank.core.InvalidInputException;

/**
 * An {@link InvalidInputException} (exit code 3 in the CLI) for unreadable or invalid COCO JSON (ground truth or results).
 *
 * <p>The message always starts with the file (or stream) name, then locates the problem as precisely as possible:
 * the array and index of the offending entry, its {@code id} when it has one, and the field, for example
 * {@code "gt.json: annotations[12] (id 345): field 'segmentation': polygon 0 has an odd number of coordinates (7)"}.
 * Unchecked because it reports bad user input that callers usually just show, not a condition to recover from
 * locally.
 */
public class CocoFormatException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final String source;

    public CocoFormatException(String source, String message) {
        super(source, "", message);
        this.source = source;
    }

    public CocoFormatException(String source, String message, Throwable cause) {
        super(source, "", message, cause);
        this.source = source;
    }

    /** The file or stream name the problem was found in. */
    public String source() {
        return source;
    }
}
