package org.segrank.core;

import java.util.Objects;

/**
 * Input data that SegRank refuses, with where it came from: the file (or other source) and the
 * entry inside it (array index, row, id, field). Every importer and reader throws this or a
 * subclass so the CLI and the UI can report "which file, which entry, what is wrong" uniformly
 * and map it to exit code 3.
 */
public class InvalidInputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final String location;

    /**
     * @param source   the file or stream the data came from, e.g. a path; never null
     * @param location the offending entry inside it, e.g. {@code annotations[12] (id 57), field 'segmentation'};
     *                 may be empty when the whole source is at fault
     * @param problem  what is wrong, phrased for the user
     */
    public InvalidInputException(String source, String location, String problem) {
        this(source, location, problem, null);
    }

    public InvalidInputException(String source, String location, String problem, Throwable cause) {
        super(format(source, location, problem), cause);
        this.source = Objects.requireNonNull(source, "source");
        this.location = location == null ? "" : location;
    }

    private static String format(String source, String location, String problem) {
        return location == null || location.isEmpty()
                ? source + ": " + problem
                : source + ": " + location + ": " + problem;
    }

    /** The file or stream the bad data came from. */
    public String source() {
        return source;
    }

    /** The offending entry inside the source; empty when the whole source is at fault. */
    public String location() {
        return location;
    }
}
