package org.segrank.metrics.coco;

import java.util.Objects;

import org.segrank.metrics.mask.Rle;

/**
 * One detected instance (an entry of a COCO results array) with its decoded mask.
 *
 * <p>As in {@code COCO.loadRes}, detections read from a file get {@code id = index + 1} and their {@link #area()} is
 * the mask area, except when the <em>first</em> result of the file has a non-empty {@code bbox}: then pycocotools
 * takes every result's area from its box ({@code w * h}) and {@link CocoJson#readResults} does the same. The area
 * only matters for the area ranges (an unmatched detection outside the range is ignored).
 */
public final class Detection {

    private final long id;
    private final long imageId;
    private final long categoryId;
    private final double score;
    private final Segmentation segmentation;
    private final Rle mask;
    private final double area;
    private final double[] bbox;

    /**
     * @param score confidence; must not be NaN ({@code -0.0} is stored as {@code 0.0} so that ordering matches numpy)
     * @param bbox the {@code bbox} field {@code [x, y, w, h]} or {@code null}
     */
    public Detection(long id, long imageId, long categoryId, double score, Segmentation segmentation, Rle mask,
            double area, double[] bbox) {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score of detection " + id + " is NaN");
        }
        if (Double.isNaN(area)) {
            throw new IllegalArgumentException("area of detection " + id + " is NaN");
        }
        if (bbox != null && bbox.length != 4) {
            throw new IllegalArgumentException("bbox of detection " + id + " must have 4 values");
        }
        this.id = id;
        this.imageId = imageId;
        this.categoryId = categoryId;
        this.score = score + 0.0;
        this.segmentation = Objects.requireNonNull(segmentation, "segmentation");
        this.mask = Objects.requireNonNull(mask, "mask");
        this.area = area;
        this.bbox = bbox == null ? null : bbox.clone();
    }

    /** A detection with area = mask area, stored as compressed RLE. */
    public static Detection of(long id, long imageId, long categoryId, double score, Rle mask) {
        return new Detection(id, imageId, categoryId, score, Segmentation.of(mask), mask, mask.area(), null);
    }

    public long id() {
        return id;
    }

    public long imageId() {
        return imageId;
    }

    public long categoryId() {
        return categoryId;
    }

    public double score() {
        return score;
    }

    public Segmentation segmentation() {
        return segmentation;
    }

    public Rle mask() {
        return mask;
    }

    /** Area used for the area ranges (see class comment). */
    public double area() {
        return area;
    }

    /** A copy of the {@code bbox} field, or {@code null} when absent. */
    public double[] bbox() {
        return bbox == null ? null : bbox.clone();
    }

    @Override
    public String toString() {
        return "Detection[id=" + id + ", image=" + imageId + ", category=" + categoryId + ", score=" + score
                + ", area=" + area + "]";
    }
}
