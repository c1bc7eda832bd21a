package org.segrank.datasets.corpus;

/** The size half of a {@link Regime}: which of its kind's two median-size ranges an image draws from. */
public enum SizeClass {
    SMALL("small"),
    LARGE("large");

    private final String code;

    SizeClass(String code) {
        this.code = code;
    }

    /** The token used in regime names, e.g. {@code "small"}. */
    public String code() {
        return code;
    }
}
