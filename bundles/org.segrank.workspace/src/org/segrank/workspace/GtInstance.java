package org.segrank.workspace;

/** A stored ground-truth instance; see {@link NewInstance} for the fields. */
public record GtInstance(long id, long imageId, String category, String rleCounts, int rleHeight, int rleWidth,
        double area, BoundingBox bbox, boolean iscrowd) {
}
