package org.segrank.workspace;

import java.util.List;

/**
 * An image to add to a dataset, with its ground truth.
 *
 * @param fileName unique in the dataset; a relative path with '/' separators
 * @param sha256 the digest of the image file, which must already be in the content store
 * @param split see {@link ImageSplits}
 * @param classLabel the image class (for classification training), or {@code null}
 * @param regime the acquisition regime / condition label, or {@code null}
 * @param instances the ground-truth instances; may be empty
 */
public record NewImage(String fileName, String sha256, int width, int height, String split,
        String classLabel, String regime, List<NewInstance> instances) {
    public NewImage {
        instances = instances == null ? List.of() : List.copyOf(instances);
    }
}
