package org.segrank.features;

import java.util.Objects;

/**
 * The stored vectors of (part of) a dataset, one row per image, ordered by file name.
 *
 * <p>For speed the arrays are handed over as they are, not copied: the matrix is the caller's to use
 * and must not be shared with code that modifies it.
 *
 * @param imageIds {@code images.id} of row {@code i}
 * @param fileNames the image's file name (its identifier in rankings) of row {@code i}
 * @param vectors row {@code i}'s vector; all rows have {@code dimension} values
 * @param dimension the length of every vector
 */
public record FeatureMatrix(long[] imageIds, String[] fileNames, float[][] vectors, int dimension) {
    public FeatureMatrix {
        Objects.requireNonNull(imageIds, "imageIds");
        Objects.requireNonNull(fileNames, "fileNames");
        Objects.requireNonNull(vectors, "vectors");
        if (fileNames.length != imageIds.length || vectors.length != imageIds.length) {
            throw new IllegalArgumentException("imageIds, fileNames and vectors differ in length: " + imageIds.length
                    + ", " + fileNames.length + ", " + vectors.length);
        }
        for (float[] vector : vectors) {
            if (vector.length != dimension) {
                throw new IllegalArgumentException("a vector has " + vector.length + " values, expected " + dimension);
            }
        }
    }

    /** Number of rows (images). */
    public int size() {
        return imageIds.length;
    }
}
