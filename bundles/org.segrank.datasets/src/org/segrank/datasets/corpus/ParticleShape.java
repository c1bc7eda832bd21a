package org.segrank.datasets.corpus;

/**
 * One particle's geometry and appearance, rasterised by hand as a signed distance field over its
 * bounding box (no per-pixel {@code java.awt} hit tests: they would be far too slow).
 */
sealed interface ParticleShape permits CompactShape, FibreShape {

    /**
     * Draws the particle over the canvas' scene and labels its inside pixels {@code id} (see
     * {@link Canvas#composite}).
     *
     * @return the pixels labelled, i.e. the particle's area within the image before later occlusion
     */
    int draw(Canvas canvas, int id);

    /** Area of the particle's outline in square pixels, ignoring the image border; for coverage targets. */
    double nominalArea();
}
