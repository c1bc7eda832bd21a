package org.segrank.datasets.corpus;

/**
 * The density half of a {@link Regime}: which of its kind's two coverage ranges an image draws from,
 * and how particles are laid out.
 */
public enum DensityClass {
    /**
     * Few particles, kept apart by a gap of a few pixels, so instances rarely touch (only bread
     * bubbles, whose crumb is porous at any density, may still touch occasionally).
     */
    SPARSE("sparse"),
    /** Many particles; they cluster, touch and partly overlap (fibres cross freely). */
    DENSE("dense");

    private final String code;

    DensityClass(String code) {
        this.code = code;
    }

    /** The token used in regime names, e.g. {@code "dense"}. */
    public String code() {
        return code;
    }
}
