package org.segrank.djl;

import java.util.Arrays;
import java.util.Objects;

import org.segrank.metrics.coco.Detection;
import org.segrank.metrics.mask.Rle;

/**
 * One detected instance, in the coordinates of the image given to {@link SegmentationModel#predict}.
 *
 * @param score the model's confidence in {@code [0, 1]}
 * @param label the model's class index ({@code 1..} for torchvision and Detectron2 exports; 0 is background)
 * @param mask the binary mask at the original image size, COCO run-length encoded
 * @param box {@code [x1, y1, x2, y2]} in pixels of the original image, x1/y1 inclusive corner, x2/y2 exclusive
 *        (torchvision's convention; see {@link #cocoBox()} for COCO's {@code [x, y, w, h]})
 */
public record InstancePrediction(float score, int label, Rle mask, float[] box) {

    public InstancePrediction {
        Objects.requireNonNull(mask, "mask");
        if (box.length != 4) {
            throw new IllegalArgumentException("box must be [x1, y1, x2, y2], got " + box.length + " values");
        }
        box = box.clone();
    }

    /** A copy of {@code [x1, y1, x2, y2]}. */
    @Override
    public float[] box() {
        return box.clone();
    }

    /** The box as COCO writes it: {@code [x, y, width, height]}. */
    public double[] cocoBox() {
        return new double[] {box[0], box[1], (double) box[2] - box[0], (double) box[3] - box[1]};
    }

    /**
     * A COCO result entry for mask AP: the model's label is taken as the category id, the area is the mask area.
     */
    public Detection toDetection(long id, long imageId) {
        return Detection.of(id, imageId, label, score, mask);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InstancePrediction that && Float.compare(score, that.score) == 0
                && label == that.label && mask.equals(that.mask) && Arrays.equals(box, that.box);
    }

    @Override
    public int hashCode() {
        return Objects.hash(score, label, mask, Arrays.hashCode(box));
    }

    @Override
    public String toString() {
        return "InstancePrediction[score=" + score + ", label=" + label + ", box=" + Arrays.toString(box)
                + ", mask area=" + mask.area() + "]";
    }
}
