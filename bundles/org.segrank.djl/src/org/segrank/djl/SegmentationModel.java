package org.segrank.djl;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * An instance-segmentation model loaded for inference.
 *
 * <p>Predictions are in the coordinates of the image passed in, whatever size the model works at: masks are
 * run-length encoded at the image's own size and boxes are {@code [x1, y1, x2, y2]} pixels of it. They are sorted
 * by descending score (the model's order) and filtered by the model's {@link ModelSettings}.
 *
 * <p>Calls on one model are serialised (the native session is not re-entrant through DJL's predictor); use one
 * model per thread for parallelism. Each call allocates its native arrays in a fresh sub-manager that is closed
 * before the call returns, so memory does not grow with the number of calls. {@link #close()} frees the native
 * model; predicting afterwards throws {@link IllegalStateException}.
 */
public interface SegmentationModel extends AutoCloseable {

    /** Predicts on an image; see {@link ImageTensors#toChw(BufferedImage)} for how pixels become model input. */
    default List<InstancePrediction> predict(BufferedImage image) {
        return predict(ImageTensors.toChw(image), image.getHeight(), image.getWidth());
    }

    /**
     * Predicts on a float32 RGB image in CHW layout ({@code chw[c * height * width + y * width + x]}) with values in
     * {@code [0, 1]}. The array is not modified.
     *
     * @throws IllegalArgumentException if {@code chw.length != 3 * height * width}
     * @throws SegmentationModelException if the model fails or returns outputs that do not follow the Mask R-CNN
     *         convention (the message says which)
     */
    List<InstancePrediction> predict(float[] chw, int height, int width);

    /** The settings the model was loaded with. */
    ModelSettings settings();

    /** Format and file, for messages and reports, e.g. {@code "ONNX model tiny_maskrcnn.onnx"}. */
    String description();

    @Override
    void close();
}
