package org.segrank.core;

import java.util.Objects;

/**
 * The mask AP of one model on one image.
 *
 * <p>The AP must be a finite number in {@code [0, 1]}; {@code NaN} ("undefined") is rejected
 * rather than carried around, so every consumer can compare APs without special cases. An image
 * on which a model's AP is undefined has to be handled (dropped or repaired) before a
 * {@code ModelScore} is built. {@code -0.0} is normalised to {@code +0.0} so that
 * {@link Double#compare} and {@code ==} agree on ties at zero.
 *
 * @param model the model; not {@code null}
 * @param ap the mask AP, finite and in {@code [0, 1]}
 */
public record ModelScore(ModelId model, double ap) {

    public ModelScore {
        Objects.requireNonNull(model, "model must not be null");
        if (!(ap >= 0.0 && ap <= 1.0)) { // written this way so NaN fails too
            throw new IllegalArgumentException(
                    "AP of model " + model + " must be a finite number in [0, 1], got " + ap);
        }
        ap = ap + 0.0; // -0.0 + 0.0 == +0.0
    }
}
