package org.segrank.evaluation;

import org.segrank.metrics.mask.Rle;

/** One detected instance: its confidence and its mask at the input image's size. */
public record PredictedInstance(double score, Rle mask) {
    public PredictedInstance {
        if (Double.isNaN(score)) {
            throw new IllegalArgumentException("score is NaN");
        }
    }
}
