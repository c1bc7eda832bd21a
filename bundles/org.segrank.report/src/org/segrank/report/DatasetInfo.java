package org.segrank.report;

import java.util.Map;

/**
 * One row of the "Datasets" sheet.
 *
 * @param name dataset name
 * @param imagesPerSplit images per split (e.g. "train" -> 800); iteration order is display order
 * @param instances annotated instances, {@code >= 0}
 * @param source where the dataset comes from; {@code null} if unknown
 */
public record DatasetInfo(String name, Map<String, Integer> imagesPerSplit, long instances, String source) {

    public DatasetInfo {
        Checks.text(name, "name");
        imagesPerSplit = Checks.orderedMap(imagesPerSplit, "imagesPerSplit");
        imagesPerSplit.forEach((split, n) -> Checks.nonNegative(n, "images of split " + split));
        if (instances < 0) {
            throw new IllegalArgumentException("instances must be >= 0, got " + instances);
        }
    }
}
