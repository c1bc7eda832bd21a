package org.segrank.segmenters;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.segrank.evaluation.InstanceSegmenter;
import org.segrank.evaluation.PredictedInstance;
import org.segrank.evaluation.SegmenterGroup;
import org.segrank.workspace.RegisteredModel;

/**
 * Compact segmenters as the evaluation runner sees them: one model ({@link #single}) or a zoo sharing an encoder
 * ({@link #group}). Both are thread-safe.
 */
public final class CompactSegmenters {

    private CompactSegmenters() {
    }

    /** One compact model. */
    public static InstanceSegmenter single(CompactModelFile file) {
        CompactNetworks networks = CompactNetworks.load(List.of(file.parameters()));
        InstanceDecoder decoder = new InstanceDecoder(file.threshold(), file.minArea());
        return new InstanceSegmenter() {
            @Override
            public List<PredictedInstance> segment(BufferedImage image) {
                WorkingImage working = WorkingImage.of(image, file.workingSide());
                float[][] p = networks.probabilities(working).get(0);
                return predicted(decoder.decode(p[0], p[1], working));
            }

            @Override
            public void close() {
                networks.close();
            }
        };
    }

    /**
     * Models sharing one encoder (equal {@link CompactModelFile#encoderDigest()} and working side).
     *
     * @throws IllegalArgumentException if they do not
     */
    public static SegmenterGroup group(List<RegisteredModel> models, List<CompactModelFile> files) {
        CompactModelFile first = files.get(0);
        for (int i = 1; i < files.size(); i++) {
            CompactModelFile f = files.get(i);
            if (!f.encoderDigest().equals(first.encoderDigest()) || f.workingSide() != first.workingSide()) {
                throw new IllegalArgumentException(models.get(i).qualifiedName() + " does not share the encoder of "
                        + models.get(0).qualifiedName());
            }
        }
        CompactNetworks networks = CompactNetworks.load(files.stream().map(CompactModelFile::parameters).toList());
        List<InstanceDecoder> decoders = files.stream().map(f -> new InstanceDecoder(f.threshold(), f.minArea())).toList();
        List<RegisteredModel> order = java.util.Collections.unmodifiableList(new ArrayList<>(models));
        return new SegmenterGroup() {
            @Override
            public List<RegisteredModel> models() {
                return order;
            }

            @Override
            public List<Output> segmentAll(BufferedImage image) {
                long t0 = System.nanoTime();
                WorkingImage working = WorkingImage.of(image, first.workingSide());
                List<float[][]> probabilities = networks.probabilities(working);
                double shared = (System.nanoTime() - t0) / 1e6 / order.size();
                List<Output> outputs = new ArrayList<>(order.size());
                for (int i = 0; i < order.size(); i++) {
                    long t1 = System.nanoTime();
                    float[][] p = probabilities.get(i);
                    List<PredictedInstance> instances = predicted(decoders.get(i).decode(p[0], p[1], working));
                    outputs.add(new Output(instances, shared + (System.nanoTime() - t1) / 1e6));
                }
                return outputs;
            }

            @Override
            public void close() {
                networks.close();
            }
        };
    }

    private static List<PredictedInstance> predicted(List<InstanceDecoder.Instance> instances) {
        List<PredictedInstance> out = new ArrayList<>(instances.size());
        for (InstanceDecoder.Instance instance : instances) {
            out.add(new PredictedInstance(instance.score(), instance.mask()));
        }
        out.sort((a, b) -> Double.compare(b.score(), a.score()));
        return out;
    }
}
