package org.segrank.datasets.corpus;

/**
 * A half-open pixel rectangle {@code [x0, x1) x [y0, y1)} within an image, never empty.
 */
record PixelBox(int x0, int y0, int x1, int y1) {

    /**
     * The pixels whose centres {@code (x + 0.5, y + 0.5)} may lie within the continuous box
     * {@code [minX, maxX] x [minY, maxY]} widened by one pixel, clipped to the image; {@code null} if
     * nothing is left.
     */
    static PixelBox covering(double minX, double minY, double maxX, double maxY, int width, int height) {
        int x0 = (int) Math.max(0, Math.floor(minX - 1));
        int y0 = (int) Math.max(0, Math.floor(minY - 1));
        int x1 = (int) Math.min(width, Math.ceil(maxX + 1));
        int y1 = (int) Math.min(height, Math.ceil(maxY + 1));
        return x0 < x1 && y0 < y1 ? new PixelBox(x0, y0, x1, y1) : null;
    }

    /** {@link #covering} for a disc around {@code (cx, cy)}. */
    static PixelBox aroundDisc(double cx, double cy, double radius, int width, int height) {
        return covering(cx - radius, cy - radius, cx + radius, cy + radius, width, height);
    }
}
