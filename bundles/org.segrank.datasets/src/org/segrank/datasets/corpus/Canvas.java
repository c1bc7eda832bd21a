package org.segrank.datasets.corpus;

/**
 * The scene being rendered plus the scratch buffers a shape writes before it is composited.
 *
 * <p>A shape writes, for each pixel it may touch, its signed distance (pixels, negative inside) and its
 * scene value. {@link #composite} then blends the shape over the scene with an anti-aliasing coverage
 * of {@code clamp(0.5 - distance, 0, 1)} and labels the pixels whose centre is inside
 * ({@code distance < 0}), so later shapes occlude earlier ones in both the scene and the labels.
 */
final class Canvas {

    final int width;
    final int height;
    /** Optical density: 0 = clear background. */
    final float[] scene;
    /** Provisional ids in drawing order, 0 = background. */
    final int[] labels;
    final float[] distance;
    final float[] shade;
    /** For shapes drawn piecewise (fibres), allocated on first use: pixels touched by the current shape. */
    private int[] touched;
    private int[] stamp;
    private int touchedCount;
    private int currentStamp;

    Canvas(int width, int height) {
        this.width = width;
        this.height = height;
        int size = width * height;
        scene = new float[size];
        labels = new int[size];
        distance = new float[size];
        shade = new float[size];
    }

    /**
     * Blends the shape in the scratch buffers over the box {@code [x0, x1) x [y0, y1)} and labels its
     * inside pixels with {@code id}.
     *
     * @return the number of pixels labelled, the shape's unoccluded area within the image
     */
    int composite(int id, PixelBox box) {
        int inside = 0;
        for (int y = box.y0(); y < box.y1(); y++) {
            int row = y * width;
            for (int i = row + box.x0(), end = row + box.x1(); i < end; i++) {
                inside += compositePixel(i, id);
            }
        }
        return inside;
    }

    /** Starts a piecewise shape: {@link #touch} then resets each pixel once. */
    void beginPiecewiseShape() {
        if (touched == null) {
            touched = new int[width * height];
            stamp = new int[width * height];
        }
        currentStamp++;
        touchedCount = 0;
    }

    /**
     * Marks pixel {@code i} as part of the current piecewise shape, clearing its distance to "far" the
     * first time, so that pieces can keep the minimum distance.
     */
    void touch(int i) {
        if (stamp[i] != currentStamp) {
            stamp[i] = currentStamp;
            distance[i] = Float.POSITIVE_INFINITY;
            touched[touchedCount++] = i;
        }
    }

    /** Rows of {@link #touch}: marks {@code [x0, x1)} of row {@code y}. */
    void touchRow(int y, int x0, int x1) {
        int row = y * width;
        for (int i = row + x0, end = row + x1; i < end; i++) {
            touch(i);
        }
    }

    /** {@link #composite} over the pixels touched since {@link #beginPiecewiseShape()}. */
    int compositeTouched(int id) {
        int inside = 0;
        for (int k = 0; k < touchedCount; k++) {
            inside += compositePixel(touched[k], id);
        }
        return inside;
    }

    private int compositePixel(int i, int id) {
        float d = distance[i];
        if (d >= 0.5f) {
            return 0;
        }
        float coverage = d <= -0.5f ? 1f : 0.5f - d;
        scene[i] += (shade[i] - scene[i]) * coverage;
        if (d < 0f) {
            labels[i] = id;
            return 1;
        }
        return 0;
    }
}
