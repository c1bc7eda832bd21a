package org.segrank.report;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Per-image, per-model mask AP.
 *
 * <p>The matrix is copied on construction and {@link #ap()} returns a copy, so instances are immutable; use
 * {@link #ap(int, int)} to read single values without copying.
 *
 * @param imageNames row labels, one per image
 * @param imageSplits split of each image, same length as {@code imageNames}
 * @param modelNames column labels, distinct
 * @param ap {@code ap[image][model]} in [0, 1]; NaN = undefined or missing
 */
public record ApMatrixData(List<String> imageNames, List<String> imageSplits, List<String> modelNames,
        double[][] ap) {

    public ApMatrixData {
        imageNames = Checks.list(imageNames, "imageNames");
        imageSplits = Checks.list(imageSplits, "imageSplits");
        modelNames = Checks.list(modelNames, "modelNames");
        Objects.requireNonNull(ap, "ap");
        if (imageSplits.size() != imageNames.size()) {
            throw new IllegalArgumentException("imageSplits has " + imageSplits.size() + " entries for "
                    + imageNames.size() + " images");
        }
        Set<String> seen = new HashSet<>();
        for (String model : modelNames) {
            if (!seen.add(model)) {
                throw new IllegalArgumentException("duplicate model name in AP matrix: " + model);
            }
        }
        if (ap.length != imageNames.size()) {
            throw new IllegalArgumentException("ap has " + ap.length + " rows for " + imageNames.size() + " images");
        }
        double[][] copy = new double[ap.length][];
        for (int i = 0; i < ap.length; i++) {
            if (ap[i] == null || ap[i].length != modelNames.size()) {
                throw new IllegalArgumentException("ap row " + i + " (" + imageNames.get(i) + ") must have "
                        + modelNames.size() + " values");
            }
            copy[i] = ap[i].clone();
            for (int j = 0; j < copy[i].length; j++) {
                double v = copy[i][j];
                if (!Double.isNaN(v) && !(v >= -Checks.UNIT_TOLERANCE && v <= 1 + Checks.UNIT_TOLERANCE)) {
                    throw new IllegalArgumentException("AP of image " + imageNames.get(i) + ", model "
                            + modelNames.get(j) + " must be in [0, 1] or NaN, got " + v);
                }
            }
        }
        ap = copy;
    }

    /** A copy of the matrix. */
    @Override
    public double[][] ap() {
        double[][] copy = new double[ap.length][];
        for (int i = 0; i < ap.length; i++) {
            copy[i] = ap[i].clone();
        }
        return copy;
    }

    /** AP of one image for one model (NaN = undefined). */
    public double ap(int image, int model) {
        return ap[image][model];
    }

    public int images() {
        return imageNames.size();
    }

    public int models() {
        return modelNames.size();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApMatrixData other && imageNames.equals(other.imageNames)
                && imageSplits.equals(other.imageSplits) && modelNames.equals(other.modelNames)
                && Arrays.deepEquals(ap, other.ap);
    }

    @Override
    public int hashCode() {
        return Objects.hash(imageNames, imageSplits, modelNames, Arrays.deepHashCode(ap));
    }

    @Override
    public String toString() {
        return "ApMatrixData[" + imageNames.size() + " images x " + modelNames.size() + " models]";
    }
}
