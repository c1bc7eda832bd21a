package org.segrank.metrics.coco;

import java.util.Objects;
import java.util.OptionalInt;

import org.segrank.metrics.mask.Rle;

/**
 * A ground-truth instance (an entry of the COCO {@code annotations} array) together with its decoded mask.
 *
 * <p>Evaluation semantics follow pycocotools:
 * <ul>
 * <li>{@link #area()} is the annotation's {@code area} field, <em>not</em> the mask area; it decides the area range
 * (small/medium/large) the instance belongs to. For COCO polygons the two differ slightly.</li>
 * <li>{@link #crowd()} ({@code iscrowd}) marks a region that detections may overlap without penalty: it is ignored
 * as ground truth and matched with IoU = intersection / detection area.</li>
 * <li>{@link #ignore()} is kept for round trips only: pycocotools overwrites the {@code ignore} flag with
 * {@code iscrowd} before evaluating, so it has no effect on the metrics.</li>
 * </ul>
 */
public final class CocoAnnotation {

    private final long id;
    private final long imageId;
    private final long categoryId;
    private final Segmentation segmentation;
    private final Rle mask;
    private final double area;
    private final boolean crowd;
    private final Integer ignore;
    private final double[] bbox;

    /**
     * @param mask the segmentation rasterised for the annotation's image ({@link Segmentation#toRle})
     * @param ignore the raw {@code ignore} field, or {@code null} when absent
     * @param bbox the raw {@code bbox} field {@code [x, y, w, h]}, or {@code null} when absent
     */
    public CocoAnnotation(long id, long imageId, long categoryId, Segmentation segmentation, Rle mask, double area,
            boolean crowd, Integer ignore, double[] bbox) {
        this.id = id;
        this.imageId = imageId;
        this.categoryId = categoryId;
        this.segmentation = Objects.requireNonNull(segmentation, "segmentation");
        this.mask = Objects.requireNonNull(mask, "mask");
        if (Double.isNaN(area)) {
            throw new IllegalArgumentException("area of annotation " + id + " is NaN");
        }
        this.area = area;
        this.crowd = crowd;
        this.ignore = ignore;
        if (bbox != null && bbox.length != 4) {
            throw new IllegalArgumentException("bbox of annotation " + id + " must have 4 values");
        }
        this.bbox = bbox == null ? null : bbox.clone();
    }

    /**
     * An annotation whose mask is rasterised from {@code segmentation} for {@code image} and whose area is the mask
     * area (what an exporter writes for masks it created itself).
     */
    public static CocoAnnotation of(long id, CocoImage image, long categoryId, Segmentation segmentation,
            boolean crowd) {
        Rle mask = segmentation.toRle(image.height(), image.width());
        return new CocoAnnotation(id, image.id(), categoryId, segmentation, mask, mask.area(), crowd, null,
                mask.toBbox());
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

    public Segmentation segmentation() {
        return segmentation;
    }

    public Rle mask() {
        return mask;
    }

    /** The {@code area} field (the mask area when the file had none). */
    public double area() {
        return area;
    }

    /** The {@code iscrowd} flag. */
    public boolean crowd() {
        return crowd;
    }

    /** The raw {@code ignore} field; has no effect on evaluation (see class comment). */
    public OptionalInt ignore() {
        return ignore == null ? OptionalInt.empty() : OptionalInt.of(ignore);
    }

    /** A copy of the {@code bbox} field {@code [x, y, w, h]}, or {@code null} when absent. */
    public double[] bbox() {
        return bbox == null ? null : bbox.clone();
    }

    @Override
    public String toString() {
        return "CocoAnnotation[id=" + id + ", image=" + imageId + ", category=" + categoryId + ", area=" + area
                + (crowd ? ", crowd" : "") + "]";
    }
}
