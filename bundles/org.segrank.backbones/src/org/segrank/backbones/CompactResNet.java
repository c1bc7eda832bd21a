package org.segrank.backbones;

import java.util.Arrays;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;

/**
 * A compact ResNet for CNN-P, in DJL's Block API: a 3x3 stride-2 stem convolution, then one stage per width of
 * basic residual blocks (two 3x3 convolutions with batch norm; a 1x1 projection on the shortcut where the shape
 * changes), every stage after the first halving the resolution, then global average pooling: the embedding, of
 * the last width. The classifier adds one linear layer (the logits).
 *
 * <p>With the defaults (input 128 px, widths 16-32-64-128, one block per stage) the network has about 0.3 M
 * parameters and 60 M multiply-adds per image: small enough to train from scratch on a few hundred images in about
 * a minute on two CPU cores.
 */
public final class CompactResNet {

    private CompactResNet() {
    }

    /**
     * The shape of the network.
     *
     * @param inputSize side of the square RGB input, px; at least {@code 2^widths.size()}
     * @param widths channels of each stage, e.g. 16, 32, 64, 128; the embedding has the last one
     * @param blocksPerStage residual blocks per stage, {@code >= 1}
     * @param classes number of classes of the head, {@code >= 2}
     */
    public record Architecture(int inputSize, List<Integer> widths, int blocksPerStage, int classes) {

        public Architecture {
            widths = List.copyOf(widths);
            if (widths.isEmpty() || widths.stream().anyMatch(w -> w < 1) || blocksPerStage < 1 || classes < 2
                    || inputSize < (1 << widths.size())) {
                throw new IllegalArgumentException("invalid architecture: input " + inputSize + ", widths " + widths
                        + ", blocks per stage " + blocksPerStage + ", classes " + classes);
            }
        }

        /** Values of the embedding: the last stage's width. */
        public int embeddingSize() {
            return widths.get(widths.size() - 1);
        }

        /** The input shape for a batch of {@code n}. */
        public Shape inputShape(int n) {
            return new Shape(n, 3, inputSize, inputSize);
        }

        /** Compact JSON with a fixed key order. */
        public String toJson() {
            StringBuilder text = new StringBuilder("{\"input\":").append(inputSize).append(",\"widths\":[");
            for (int i = 0; i < widths.size(); i++) {
                text.append(i == 0 ? "" : ",").append(widths.get(i));
            }
            return text.append("],\"blocks_per_stage\":").append(blocksPerStage).append(",\"classes\":")
                    .append(classes).append('}').toString();
        }
    }

    /** {@code classifier.get(0)}: the embedding network; {@code classifier.get(1)}: the linear head. */
    public static SequentialBlock classifier(Architecture architecture) {
        SequentialBlock classifier = new SequentialBlock();
        classifier.add(embedding(architecture));
        classifier.add(Linear.builder().setUnits(architecture.classes()).build());
        return classifier;
    }

    /** The embedding block of a {@link #classifier}. */
    public static Block embeddingOf(SequentialBlock classifier) {
        return classifier.getChildren().get(0).getValue();
    }

    /** Stem, residual stages, global average pooling: {@code N x 3 x S x S -> N x embeddingSize}. */
    public static SequentialBlock embedding(Architecture architecture) {
        List<Integer> widths = architecture.widths();
        SequentialBlock net = new SequentialBlock();
        net.add(conv(3, widths.get(0), 2)).add(BatchNorm.builder().build()).add(Activation::relu);
        int channels = widths.get(0);
        for (int stage = 0; stage < widths.size(); stage++) {
            int width = widths.get(stage);
            for (int b = 0; b < architecture.blocksPerStage(); b++) {
                int stride = stage > 0 && b == 0 ? 2 : 1;
                net.add(residual(channels, width, stride));
                channels = width;
            }
        }
        net.add(Pool.globalAvgPool2dBlock()).add(Blocks.batchFlattenBlock());
        return net;
    }

    private static Block residual(int in, int out, int stride) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(3, out, stride)).add(BatchNorm.builder().build()).add(Activation::relu)
                .add(conv(3, out, 1)).add(BatchNorm.builder().build());
        Block shortcut = in == out && stride == 1 ? Blocks.identityBlock()
                : new SequentialBlock()
                        .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).optStride(new Shape(stride, stride))
                                .setFilters(out).optBias(false).build())
                        .add(BatchNorm.builder().build());
        return new ParallelBlock(list -> {
            NDArray sum = list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow());
            return new NDList(Activation.relu(sum));
        }, Arrays.asList(main, shortcut));
    }

    private static Block conv(int kernel, int filters, int stride) {
        return Conv2d.builder().setKernelShape(new Shape(kernel, kernel)).optStride(new Shape(stride, stride))
                .optPadding(new Shape(kernel / 2, kernel / 2)).setFilters(filters).optBias(false).build();
    }
}
