package org.segrank.segmenters;

/** Training settings of the compact segmenter, recorded with every model's provenance. */
public final class CompactSettings {

    private CompactSettings() {
    }

    /**
     * Base training.
     *
     * @param steps optimiser steps
     * @param batch crops per step
     * @param crop crop side in working pixels (even)
     * @param learningRate Adam's
     * @param contrastJitter contrast and brightness are scaled/shifted by up to this fraction
     */
    public record Base(int steps, int batch, int crop, double learningRate, double contrastJitter) {
        public Base {
            if (steps < 1 || batch < 1 || crop < 8 || crop % 2 != 0 || !(learningRate > 0) || contrastJitter < 0) {
                throw new IllegalArgumentException("invalid base training settings: " + steps + " steps, batch " + batch
                        + ", crop " + crop + ", lr " + learningRate + ", jitter " + contrastJitter);
            }
        }

        public String toJson() {
            return "{\"steps\":" + steps + ",\"batch\":" + batch + ",\"crop\":" + crop + ",\"learningRate\":" + learningRate
                    + ",\"contrastJitter\":" + contrastJitter + ",\"optimizer\":\"adam\",\"loss\":\"bce(foreground)+bce(interior)\"}";
        }
    }

    /**
     * Head fine-tuning (transfer learning with a frozen encoder).
     *
     * @param steps optimiser steps, one whole image each
     * @param learningRate Adam's
     */
    public record FineTune(int steps, double learningRate) {
        public FineTune {
            if (steps < 1 || !(learningRate > 0)) {
                throw new IllegalArgumentException("invalid fine-tuning settings: " + steps + " steps, lr " + learningRate);
            }
        }

        public String toJson() {
            return "{\"steps\":" + steps + ",\"learningRate\":" + learningRate
                    + ",\"optimizer\":\"adam\",\"trained\":\"head\",\"frozen\":\"encoder\"}";
        }
    }
}
