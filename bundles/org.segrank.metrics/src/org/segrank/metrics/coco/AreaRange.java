package org.segrank.metrics.coco;

import java.util.Objects;

/**
 * A named object-area range {@code [min, max]}, both ends inclusive as in COCOeval ({@code area < min or area > max}
 * is outside).
 *
 * @param label name used by the summary ({@code all}, {@code small}, {@code medium}, {@code large})
 * @param min smallest area inside the range, in pixels
 * @param max largest area inside the range, in pixels
 */
public record AreaRange(String label, double min, double max) {

    /** COCO's {@code [0, 1e5^2]}. */
    public static final AreaRange ALL = new AreaRange("all", 0, 1e10);
    /** COCO's {@code [0, 32^2]}. */
    public static final AreaRange SMALL = new AreaRange("small", 0, 32 * 32);
    /** COCO's {@code [32^2, 96^2]}. */
    public static final AreaRange MEDIUM = new AreaRange("medium", 32 * 32, 96 * 96);
    /** COCO's {@code [96^2, 1e5^2]}. */
    public static final AreaRange LARGE = new AreaRange("large", 96 * 96, 1e10);

    public AreaRange {
        Objects.requireNonNull(label, "label");
        if (Double.isNaN(min) || Double.isNaN(max)) {
            throw new IllegalArgumentException("area range bounds must not be NaN");
        }
    }

    /** Whether {@code area} lies inside, with COCOeval's comparisons. */
    public boolean contains(double area) {
        return !(area < min || area > max);
    }
}
