package org.segrank.workspace;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A dataset with its size.
 *
 * @param imagesPerSplit image count per split, in split name order; splits without images are absent
 * @param instanceCount ground-truth instances over all images
 */
public record DatasetSummary(Dataset dataset, SortedMap<String, Integer> imagesPerSplit, long instanceCount) {
    public DatasetSummary {
        imagesPerSplit = Collections.unmodifiableSortedMap(new TreeMap<>(imagesPerSplit));
    }

    /** Images over all splits. */
    public int imageCount() {
        return imagesPerSplit.values().stream().mapToInt(Integer::intValue).sum();
    }
}
