package org.segrank.workspace;

/** An (image, model) pair by database ids, e.g. one unit of evaluation work. */
public record ImageModelPair(long imageId, long modelId) {
}
