package org.segrank.segmenters;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The compact instance segmenter's network: a small fully convolutional encoder shared by every model of a zoo,
 * and a per-pixel head that each model fine-tunes.
 *
 * <p>Encoder: at the working scale a 3x3 conv (16 channels, the "shallow" map), then at half scale four 3x3 convs
 * (16, 32, 32 dilated 2, 32 dilated 4: about 40 px of context at the working scale), the "deep" map. Head: the deep
 * map repeated up to the working scale, concatenated with the shallow map, two 1x1 convs (48 to 16 to 2) giving
 * two logits per pixel: particle (foreground) and particle interior (the core of an instance, which separates
 * touching particles). The head is 1x1 on purpose: fine-tuning it on cached encoder output is cheap enough for a
 * 39-model zoo on two cores, and one encoder pass serves every model of the zoo at evaluation time.
 */
public final class CompactNet extends AbstractBlock {

    static final int SHALLOW_CHANNELS = 16;
    static final int DEEP_CHANNELS = 32;
    static final int HIDDEN_CHANNELS = 16;
    /** Output channels: 0 = foreground logit, 1 = interior logit. */
    static final int OUTPUTS = 2;

    private static final byte VERSION = 1;

    private final Encoder encoder;
    private final Head head;

    public CompactNet() {
        super(VERSION);
        encoder = addChildBlock("encoder", new Encoder());
        head = addChildBlock("head", new Head());
    }

    public Encoder encoder() {
        return encoder;
    }

    public Head head() {
        return head;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        return head.forward(store, encoder.forward(store, inputs, training), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return head.getOutputShapes(encoder.getOutputShapes(inputShapes));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        encoder.initialize(manager, dataType, inputShapes);
        head.initialize(manager, dataType, encoder.getOutputShapes(inputShapes));
    }

    private static Block conv(int filters, int kernel, int stride, int dilation) {
        int pad = dilation * (kernel - 1) / 2;
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).setFilters(filters)
                .optStride(new Shape(stride, stride)).optDilation(new Shape(dilation, dilation))
                .optPadding(new Shape(pad, pad)).optBias(false).build();
    }

    private static SequentialBlock convBnRelu(int filters, int stride, int dilation) {
        return new SequentialBlock().add(conv(filters, 3, stride, dilation)).add(BatchNorm.builder().build())
                .add(Activation::relu);
    }

    /** Image (N,1,H,W) to (shallow (N,16,H,W), deep (N,32,H/2,W/2)); H and W must be even. */
    public static final class Encoder extends AbstractBlock {
        private final Block shallow;
        private final Block deep;

        Encoder() {
            super(VERSION);
            shallow = addChildBlock("shallow", convBnRelu(SHALLOW_CHANNELS, 1, 1));
            deep = addChildBlock("deep", new SequentialBlock().add(convBnRelu(16, 2, 1)).add(convBnRelu(32, 1, 1))
                    .add(convBnRelu(DEEP_CHANNELS, 1, 2)).add(convBnRelu(DEEP_CHANNELS, 1, 4)));
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray s = shallow.forward(store, inputs, training).singletonOrThrow();
            NDArray d = deep.forward(store, new NDList(s), training).singletonOrThrow();
            return new NDList(s, d);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape x = inputShapes[0];
            return new Shape[] { new Shape(x.get(0), SHALLOW_CHANNELS, x.get(2), x.get(3)),
                    new Shape(x.get(0), DEEP_CHANNELS, x.get(2) / 2, x.get(3) / 2) };
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape x = inputShapes[0];
            shallow.initialize(manager, dataType, x);
            deep.initialize(manager, dataType, new Shape(x.get(0), SHALLOW_CHANNELS, x.get(2), x.get(3)));
        }
    }

    /** (shallow, deep) to logits (N,2,H,W). */
    public static final class Head extends AbstractBlock {
        private final Block mix;
        private final Block out;

        Head() {
            super(VERSION);
            mix = addChildBlock("mix", new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(HIDDEN_CHANNELS).build())
                    .add(Activation::relu));
            out = addChildBlock("out", Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(OUTPUTS).build());
        }

        @Override
        protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
                PairList<String, Object> params) {
            NDArray up = inputs.get(1).repeat(2, 2).repeat(3, 2);
            NDArray joined = NDArrays.concat(new NDList(inputs.get(0), up), 1);
            NDArray hidden = mix.forward(store, new NDList(joined), training).singletonOrThrow();
            return out.forward(store, new NDList(hidden), training);
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            Shape s = inputShapes[0];
            return new Shape[] { new Shape(s.get(0), OUTPUTS, s.get(2), s.get(3)) };
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            Shape s = inputShapes[0];
            Shape joined = new Shape(s.get(0), SHALLOW_CHANNELS + DEEP_CHANNELS, s.get(2), s.get(3));
            mix.initialize(manager, dataType, joined);
            out.initialize(manager, dataType, new Shape(s.get(0), HIDDEN_CHANNELS, s.get(2), s.get(3)));
        }
    }
}
