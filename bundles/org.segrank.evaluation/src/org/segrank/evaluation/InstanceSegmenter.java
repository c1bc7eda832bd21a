package org.segrank.evaluation;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * A loaded instance-segmentation model: image in, scored instance masks out (at the image's
 * size). Implementations must be thread-safe: the runner calls {@link #segment} from several
 * workers at once (DJL adapters keep one predictor per thread).
 */
public interface InstanceSegmenter extends AutoCloseable {

    List<PredictedInstance> segment(BufferedImage image) throws Exception;

    @Override
    void close();
}
