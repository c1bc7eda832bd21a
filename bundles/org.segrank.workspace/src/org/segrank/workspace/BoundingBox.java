package org.segrank.workspace;

/** A COCO bounding box: top-left corner and size, in pixels. */
public record BoundingBox(double x, double y, double width, double height) {
}
