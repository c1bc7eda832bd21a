package org.segrank.evaluation;

import java.awt.image.BufferedImage;
import java.util.List;

import org.segrank.workspace.RegisteredModel;

/**
 * Several models that are cheaper to run together than one after another (e.g. a zoo sharing one encoder: the
 * image is encoded once and every model's head runs on it). Thread-safe like {@link InstanceSegmenter}.
 */
public interface SegmenterGroup extends AutoCloseable {

    /** One model's output on one image and its share of the inference time. */
    record Output(List<PredictedInstance> instances, double inferenceMillis) {
    }

    /** The models, in the order {@link #segmentAll} answers. */
    List<RegisteredModel> models();

    /** Every model's instances on the image, in {@link #models()} order. */
    List<Output> segmentAll(BufferedImage image) throws Exception;

    @Override
    void close();
}
