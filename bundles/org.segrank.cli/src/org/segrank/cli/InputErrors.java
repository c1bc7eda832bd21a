package org.segrank.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.segrank.core.InvalidInputException;

/** Which failures are the user's data (exit 3) rather than a SegRank bug (exit 1). */
final class InputErrors {
    private InputErrors() {
    }

    static boolean isInvalidInput(Throwable t) {
        return t instanceof InvalidInputException || t instanceof IOException || t instanceof UncheckedIOException;
    }
}
