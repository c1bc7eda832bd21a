package org.segrank.datasets.corpus;

/** A blob-like particle, placed by its centre. Shapes are drawn at (0, 0) and then {@link #movedTo moved}. */
sealed interface CompactShape extends ParticleShape permits EllipseShape, RoundedRectShape, PolygonShape,
        BubbleShape {

    double centreX();

    double centreY();

    /** Every inside point lies within this distance of the centre. */
    double boundingRadius();

    /** Radius of the circle of equal area, for "touching distance" estimates. */
    double meanRadius();

    /** The same particle centred on {@code (x, y)} (pixel coordinates, pixel centres at {@code k + 0.5}). */
    CompactShape movedTo(double x, double y);
}
