package org.segrank.workspace;

import org.segrank.core.ImageId;

/** A stored image; see {@link NewImage} for the fields. */
public record Image(long id, long datasetId, String fileName, String sha256, int width, int height,
        String split, String classLabel, String regime) {

    /** The image's identifier in rankings: its file name. */
    public ImageId imageId() {
        return new ImageId(fileName);
    }
}
