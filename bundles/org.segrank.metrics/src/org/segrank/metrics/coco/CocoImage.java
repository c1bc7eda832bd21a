package org.segrank.metrics.coco;

/**
 * An entry of the COCO {@code images} array.
 *
 * @param id image id, referenced by annotations and results as {@code image_id}
 * @param width width in pixels, {@code >= 1}
 * @param height height in pixels, {@code >= 1}
 * @param fileName the {@code file_name} field, or {@code null} when the file has none
 */
public record CocoImage(long id, int width, int height, String fileName) {

    public CocoImage {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image " + id + " has non-positive size " + width + "x" + height);
        }
    }
}
