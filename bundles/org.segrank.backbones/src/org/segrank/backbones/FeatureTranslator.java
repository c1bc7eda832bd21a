package org.segrank.backbones;

import java.nio.ByteBuffer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;

/**
 * A batch of preprocessed images in, one pooled feature vector per image out.
 *
 * <p>The input is a direct, native-order buffer owned by the caller's {@link FeatureModel} slot and reused call after
 * call (the engines wrap it without copying where they can). The first output of the network must be
 * {@code N x C} (a feature vector per image) or {@code N x C x H x W} (a feature map, averaged over {@code H x W}
 * here, in double precision); it is copied to Java once. The arrays belong to the predictor's per-call sub-manager,
 * which DJL closes when the call ends.
 */
final class FeatureTranslator implements NoBatchifyTranslator<FeatureTranslator.Batch, FeatureTranslator.Output> {

    /** {@code size} images of {@code 3 x side x side} float32 values at the start of {@code data}. */
    record Batch(ByteBuffer data, int size, int side) {
    }

    /** The network's output layout: {@code channels} values per image, from a feature map or a vector. */
    record Layout(int channels, boolean featureMap, Shape shape) {
    }

    /** One vector per image and the layout of the output they came from. */
    record Output(float[][] vectors, Layout layout) {
    }

    private final String description;

    FeatureTranslator(String description) {
        this.description = description;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Batch batch) {
        ctx.setAttachment(Batch.class.getName(), batch);
        Shape shape = new Shape(batch.size(), 3, batch.side(), batch.side());
        ByteBuffer data = batch.data().duplicate().order(batch.data().order());
        data.position(0).limit(Math.toIntExact(shape.size() * Float.BYTES));
        NDArray input = ctx.getNDManager().create(data.slice().order(data.order()), shape, DataType.FLOAT32);
        input.setName("input");
        return new NDList(input);
    }

    @Override
    public Output processOutput(TranslatorContext ctx, NDList outputs) {
        if (outputs.isEmpty()) {
            throw new BackboneException(description + " returned no output");
        }
        NDArray output = outputs.get(0);
        Batch batch = (Batch) ctx.getAttachment(Batch.class.getName());
        Layout layout = layout(output.getShape(), batch.size(), description);
        if (output.getDataType() != DataType.FLOAT32) {
            output = output.toType(DataType.FLOAT32, false);
        }
        return new Output(pool(output.toFloatArray(), output.getShape(), layout), layout);
    }

    /**
     * The layout an output shape stands for.
     *
     * @param batchSize the expected first dimension
     * @throws BackboneException if the shape is neither {@code N x C} nor {@code N x C x H x W}
     */
    static Layout layout(Shape shape, long batchSize, String description) {
        int rank = shape.dimension();
        if ((rank != 2 && rank != 4) || shape.size() == 0) {
            throw new BackboneException(description + " has output shape " + shape + ": expected N x C (a feature "
                    + "vector per image) or N x C x H x W (a feature map, average-pooled to C values)");
        }
        if (shape.get(0) != batchSize) {
            throw new BackboneException(description + " returned output shape " + shape + " for a batch of "
                    + batchSize + " images: the first dimension must be the batch");
        }
        if (shape.get(1) > Integer.MAX_VALUE / 4) {
            throw new BackboneException(description + " has output shape " + shape + ": too many features");
        }
        return new Layout((int) shape.get(1), rank == 4, shape);
    }

    /** One vector per image: the values (N x C) or the spatial means (N x C x H x W). */
    static float[][] pool(float[] values, Shape shape, Layout layout) {
        int n = (int) shape.get(0);
        int channels = (int) shape.get(1);
        int spatial = layout.featureMap() ? Math.toIntExact(shape.get(2) * shape.get(3)) : 1;
        float[][] vectors = new float[n][channels];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < channels; c++) {
                int base = (i * channels + c) * spatial;
                if (spatial == 1) {
                    vectors[i][c] = values[base];
                } else {
                    double sum = 0;
                    for (int k = 0; k < spatial; k++) {
                        sum += values[base + k];
                    }
                    vectors[i][c] = (float) (sum / spatial);
                }
            }
        }
        return vectors;
    }
}
