package org.segrank.datasets.io;

/**
 * Why one item of an import is refused. Checked, and without a stack trace, because it is an expected outcome
 * that ends up as a line of the {@link ImportReport}, not a failure of the import itself.
 */
final class ItemProblem extends Exception {
    private static final long serialVersionUID = 1L;

    ItemProblem(String message) {
        super(message, null, false, false);
    }
}
