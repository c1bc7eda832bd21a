package org.segrank.djl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.segrank.metrics.mask.Rle;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.util.NDImageUtils;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * Turns a prepared image into the input of a torchvision-convention Mask R-CNN and its outputs into
 * {@link InstancePrediction}s.
 *
 * <p>Outputs are found by name ({@code boxes}, {@code labels}, {@code scores}, {@code masks}) or, when unnamed, by
 * torchvision's position (the same order). Mask work is done on whole tensors in PyTorch, in one pass: slice the
 * kept detections, resize back to the image size if needed, threshold, copy once to Java. Per-detection access
 * would be far slower, and on OnnxRuntime outputs each access copies the whole mask tensor into a new direct buffer
 * (DJL's "alternative engine" conversion), which exhausts direct memory.
 */
final class MaskRcnnTranslator
        implements NoBatchifyTranslator<MaskRcnnTranslator.PreparedImage, List<InstancePrediction>> {

    /**
     * A model input: {@code chw} already resized and normalised, of size {@code height x width}; predictions are
     * mapped back to {@code originalHeight x originalWidth}.
     */
    record PreparedImage(float[] chw, int height, int width, int originalHeight, int originalWidth) {

        boolean resized() {
            return height != originalHeight || width != originalWidth;
        }
    }

    private static final String[] OUTPUT_NAMES = {"boxes", "labels", "scores", "masks"};

    private final ModelSettings settings;
    private final boolean listInput;
    private final String modelName;

    /**
     * @param listInput whether the model's forward takes {@code List[Tensor]} (a scripted torchvision model) rather
     *        than one {@code [3, H, W]} tensor (the ONNX export)
     */
    MaskRcnnTranslator(ModelSettings settings, boolean listInput, String modelName) {
        this.settings = settings;
        this.listInput = listInput;
        this.modelName = modelName;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, PreparedImage input) {
        ctx.setAttachment(PreparedImage.class.getName(), input);
        NDArray image = ctx.getNDManager().create(input.chw(), new Shape(3, input.height(), input.width()));
        if (listInput) {
            // DJL's PyTorch engine packs arrays named "<name>[]" into one List[Tensor] argument
            image.setName("images[]");
        }
        return new NDList(image);
    }

    @Override
    public List<InstancePrediction> processOutput(TranslatorContext ctx, NDList outputs) {
        NDArray boxes = output(outputs, 0);
        NDArray labels = output(outputs, 1);
        NDArray scores = output(outputs, 2);
        NDArray masks = output(outputs, 3);
        PreparedImage input = (PreparedImage) ctx.getAttachment(PreparedImage.class.getName());
        int count = checkShapes(boxes, labels, scores, masks, input);

        float[] scoreValues = scores.toFloatArray();
        long[] labelValues = labels.getDataType() == DataType.INT64 ? labels.toLongArray()
                : Arrays.stream(labels.toType(DataType.INT32, false).toIntArray()).asLongStream().toArray();
        float[] boxValues = boxes.toFloatArray();

        List<Integer> kept = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (scoreValues[i] >= settings.scoreThreshold() && settings.keepsLabel((int) labelValues[i])) {
                kept.add(i);
            }
        }
        if (kept.isEmpty()) {
            return List.of();
        }
        int height = input.originalHeight();
        int width = input.originalWidth();
        byte[] foreground = thresholdMasks(masks, kept.get(kept.size() - 1) + 1, input);
        int plane = height * width;
        float scaleX = (float) ((double) width / input.width());
        float scaleY = (float) ((double) height / input.height());
        List<InstancePrediction> predictions = new ArrayList<>(kept.size());
        for (int i : kept) {
            Rle mask = Rle.encodeRowMajor(Arrays.copyOfRange(foreground, i * plane, (i + 1) * plane), height, width);
            float[] box = {boxValues[4 * i] * scaleX, boxValues[4 * i + 1] * scaleY, boxValues[4 * i + 2] * scaleX,
                    boxValues[4 * i + 3] * scaleY};
            predictions.add(new InstancePrediction(scoreValues[i], (int) labelValues[i], mask, box));
        }
        return predictions;
    }

    /**
     * Foreground bytes (0/1) of the first {@code prefix} masks at the original image size, row-major, mask after
     * mask. Works in a PyTorch manager of its own, closed before returning: OnnxRuntime has no such operators, and
     * an explicit copy into PyTorch is made once instead of once per operator.
     */
    private byte[] thresholdMasks(NDArray masks, int prefix, PreparedImage input) {
        Engine pytorch = Engine.getEngine(DjlEngines.PYTORCH);
        try (NDManager manager = pytorch.newBaseManager(Device.cpu())) {
            NDArray all = manager.from(masks);
            NDArray selected = prefix < masks.getShape().get(0) ? all.get(new NDIndex("0:{}", prefix)) : all;
            NDArray probabilities = selected.reshape(prefix, input.height(), input.width());
            if (input.resized()) {
                NDArray channelsLast = probabilities.reshape(prefix, input.height(), input.width(), 1);
                probabilities = NDImageUtils.resize(channelsLast, input.originalWidth(), input.originalHeight(),
                        Image.Interpolation.BILINEAR).reshape(prefix, input.originalHeight(), input.originalWidth());
            }
            return probabilities.gt(settings.maskThreshold()).toType(DataType.UINT8, false).toByteArray();
        }
    }

    private NDArray output(NDList outputs, int position) {
        NDArray named = outputs.get(OUTPUT_NAMES[position]);
        if (named != null) {
            return named;
        }
        if (outputs.size() == OUTPUT_NAMES.length && outputs.get(position).getName() == null) {
            return outputs.get(position);
        }
        throw new SegmentationModelException(modelName + " has no output '" + OUTPUT_NAMES[position]
                + "'; a Mask R-CNN must return boxes, labels, scores, masks (torchvision's names and order), got "
                + describe(outputs));
    }

    private int checkShapes(NDArray boxes, NDArray labels, NDArray scores, NDArray masks, PreparedImage input) {
        Shape boxShape = boxes.getShape();
        long count = boxShape.dimension() == 2 ? boxShape.get(0) : -1;
        Shape expectedMasks = new Shape(count, 1, input.height(), input.width());
        if (boxShape.dimension() != 2 || boxShape.get(1) != 4 || !labels.getShape().equals(new Shape(count))
                || !scores.getShape().equals(new Shape(count)) || !masks.getShape().equals(expectedMasks)) {
            throw new SegmentationModelException(modelName + " returned boxes " + boxShape + ", labels "
                    + labels.getShape() + ", scores " + scores.getShape() + ", masks " + masks.getShape()
                    + " for a " + input.width() + "x" + input.height() + " input; expected (N, 4), (N), (N), "
                    + expectedMasks + ": masks must be probabilities pasted at the input size, as torchvision "
                    + "does (see EXPORTING.md)");
        }
        if (scores.getDataType() != DataType.FLOAT32 || boxes.getDataType() != DataType.FLOAT32
                || masks.getDataType() != DataType.FLOAT32) {
            throw new SegmentationModelException(modelName + " returned boxes " + boxes.getDataType() + ", scores "
                    + scores.getDataType() + ", masks " + masks.getDataType() + "; expected float32");
        }
        return Math.toIntExact(count);
    }

    private static String describe(NDList outputs) {
        List<String> parts = new ArrayList<>();
        for (NDArray array : outputs) {
            parts.add((array.getName() == null ? "<unnamed>" : array.getName()) + " " + array.getShape());
        }
        return parts.toString();
    }
}
