package org.segrank.datasets.corpus;

/** Whether particles image darker or brighter than their background. */
public enum Polarity {
    /** Dark particles on a light background, as in bright-field transmitted light. */
    DARK_ON_LIGHT,
    /** Light particles on a dark background, as in dark-field or back-scattered electron images. */
    LIGHT_ON_DARK;

    public Polarity opposite() {
        return this == DARK_ON_LIGHT ? LIGHT_ON_DARK : DARK_ON_LIGHT;
    }
}
