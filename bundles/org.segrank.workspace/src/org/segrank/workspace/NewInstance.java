package org.segrank.workspace;

/**
 * A ground-truth instance to add with its image.
 *
 * @param category the category name
 * @param rleCounts the mask as a COCO compressed RLE string (the {@code counts} of an RLE)
 * @param rleHeight the RLE's height ({@code size[0]}); must equal the image height
 * @param rleWidth the RLE's width ({@code size[1]}); must equal the image width
 * @param area the mask area in pixels
 * @param bbox the instance's bounding box
 * @param iscrowd COCO's crowd flag
 */
public record NewInstance(String category, String rleCounts, int rleHeight, int rleWidth, double area,
        BoundingBox bbox, boolean iscrowd) {
}
