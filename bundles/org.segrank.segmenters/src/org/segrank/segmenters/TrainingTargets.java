package org.segrank.segmenters;

import java.util.ArrayDeque;

/**
 * Per-pixel training targets at the working scale from an instance label map: foreground (any particle) and
 * interior (the core of each particle: pixels at least {@value #INTERIOR_FRACTION} of the particle's largest
 * inner distance away from its border, so touching particles get separate cores). A particle too thin to have
 * a core (every pixel on its border) is all core.
 *
 * @param foreground 1 for particle pixels, row-major at the working size
 * @param interior 1 for core pixels
 */
public record TrainingTargets(float[] foreground, float[] interior) {

    static final double INTERIOR_FRACTION = 0.45;

    /**
     * @param labels row-major instance ids at the original size, 0 for background
     * @param image the working image the targets go with (its factor and size)
     */
    public static TrainingTargets of(int[] labels, WorkingImage image) {
        int f = image.factor();
        int w = image.width();
        int h = image.height();
        int ow = image.originalWidth();
        int oh = image.originalHeight();
        int[] small = new int[w * h];
        for (int y = 0; y < h; y++) {
            int oy = Math.min(oh - 1, y * f + f / 2);
            for (int x = 0; x < w; x++) {
                int ox = Math.min(ow - 1, x * f + f / 2);
                small[y * w + x] = labels[oy * ow + ox];
            }
        }
        float[] foreground = new float[w * h];
        int[] distance = new int[w * h];
        java.util.Arrays.fill(distance, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        int maxLabel = 0;
        for (int i = 0; i < small.length; i++) {
            int label = small[i];
            if (label == 0) {
                continue;
            }
            maxLabel = Math.max(maxLabel, label);
            foreground[i] = 1f;
            int x = i % w;
            int y = i / w;
            boolean border = x == 0 || y == 0 || x == w - 1 || y == h - 1 || small[i - 1] != label
                    || small[i + 1] != label || small[i - w] != label || small[i + w] != label;
            if (border) {
                distance[i] = 0;
                queue.add(i);
            }
        }
        while (!queue.isEmpty()) {
            int i = queue.poll();
            int x = i % w;
            int y = i / w;
            int label = small[i];
            int next = distance[i] + 1;
            if (x > 0) {
                visit(i - 1, label, next, small, distance, queue);
            }
            if (x < w - 1) {
                visit(i + 1, label, next, small, distance, queue);
            }
            if (y > 0) {
                visit(i - w, label, next, small, distance, queue);
            }
            if (y < h - 1) {
                visit(i + w, label, next, small, distance, queue);
            }
        }
        int[] maxDistance = new int[maxLabel + 1];
        for (int i = 0; i < small.length; i++) {
            if (small[i] != 0) {
                maxDistance[small[i]] = Math.max(maxDistance[small[i]], distance[i]);
            }
        }
        float[] interior = new float[w * h];
        for (int i = 0; i < small.length; i++) {
            int label = small[i];
            if (label != 0) {
                int max = maxDistance[label];
                int threshold = max == 0 ? 0 : Math.max(1, (int) Math.round(INTERIOR_FRACTION * max));
                if (distance[i] >= threshold) {
                    interior[i] = 1f;
                }
            }
        }
        return new TrainingTargets(foreground, interior);
    }

    private static void visit(int j, int label, int next, int[] small, int[] distance, ArrayDeque<Integer> queue) {
        if (small[j] == label && distance[j] < 0) {
            distance[j] = next;
            queue.add(j);
        }
    }
}
