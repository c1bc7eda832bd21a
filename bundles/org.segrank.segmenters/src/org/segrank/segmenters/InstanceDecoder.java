package org.segrank.segmenters;

import java.util.ArrayList;
import java.util.List;

import org.segrank.metrics.mask.Rle;

/**
 * Turns the compact network's two probability maps into scored instance masks at the original image size.
 *
 * <p>Cores: 4-connected components of {@code interior > t && foreground > t}. Each core grows through the
 * foreground pixels (4-connected breadth-first, so every pixel joins the nearest core along the particle): a
 * marker-based split of touching particles. Foreground components no core reached become instances of their own
 * with half the score (no core means the network saw no clear particle body). Instances smaller than
 * {@code minArea} working pixels are dropped. Score: the mean foreground probability over the instance.
 */
public final class InstanceDecoder {

    /** A decoded instance: confidence and mask at the original size. */
    public record Instance(double score, Rle mask) {
    }

    private final double threshold;
    private final int minArea;

    public InstanceDecoder(double threshold, int minArea) {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (0, 1), got " + threshold);
        }
        this.threshold = threshold;
        this.minArea = Math.max(1, minArea);
    }

    /**
     * @param foreground per working pixel, row-major
     * @param interior per working pixel, row-major
     */
    public List<Instance> decode(float[] foreground, float[] interior, WorkingImage image) {
        int w = image.width();
        int h = image.height();
        int n = w * h;
        int[] label = new int[n];
        int[] queue = new int[n];
        int next = 0;
        // cores
        for (int i = 0; i < n; i++) {
            if (label[i] == 0 && isCore(foreground, interior, i)) {
                next++;
                int head = 0;
                int tail = 0;
                queue[tail++] = i;
                label[i] = next;
                while (head < tail) {
                    int p = queue[head++];
                    int x = p % w;
                    if (x > 0 && label[p - 1] == 0 && isCore(foreground, interior, p - 1)) {
                        label[p - 1] = next;
                        queue[tail++] = p - 1;
                    }
                    if (x < w - 1 && label[p + 1] == 0 && isCore(foreground, interior, p + 1)) {
                        label[p + 1] = next;
                        queue[tail++] = p + 1;
                    }
                    if (p >= w && label[p - w] == 0 && isCore(foreground, interior, p - w)) {
                        label[p - w] = next;
                        queue[tail++] = p - w;
                    }
                    if (p + w < n && label[p + w] == 0 && isCore(foreground, interior, p + w)) {
                        label[p + w] = next;
                        queue[tail++] = p + w;
                    }
                }
            }
        }
        int cores = next;
        // grow all cores at once through the foreground
        int head = 0;
        int tail = 0;
        for (int i = 0; i < n; i++) {
            if (label[i] != 0) {
                queue[tail++] = i;
            }
        }
        tail = grow(foreground, label, queue, head, tail, w, n);
        // foreground left over: components of their own
        for (int i = 0; i < n; i++) {
            if (label[i] == 0 && foreground[i] > threshold) {
                next++;
                label[i] = next;
                int start = 0;
                int end = 0;
                queue[end++] = i;
                grow(foreground, label, queue, start, end, w, n);
            }
        }
        return instances(label, next, cores, foreground, image);
    }

    private boolean isCore(float[] foreground, float[] interior, int i) {
        return interior[i] > threshold && foreground[i] > threshold;
    }

    private int grow(float[] foreground, int[] label, int[] queue, int head, int tail, int w, int n) {
        while (head < tail) {
            int p = queue[head++];
            int l = label[p];
            int x = p % w;
            if (x > 0 && label[p - 1] == 0 && foreground[p - 1] > threshold) {
                label[p - 1] = l;
                queue[tail++] = p - 1;
            }
            if (x < w - 1 && label[p + 1] == 0 && foreground[p + 1] > threshold) {
                label[p + 1] = l;
                queue[tail++] = p + 1;
            }
            if (p >= w && label[p - w] == 0 && foreground[p - w] > threshold) {
                label[p - w] = l;
                queue[tail++] = p - w;
            }
            if (p + w < n && label[p + w] == 0 && foreground[p + w] > threshold) {
                label[p + w] = l;
                queue[tail++] = p + w;
            }
        }
        return tail;
    }

    private List<Instance> instances(int[] label, int count, int cores, float[] foreground, WorkingImage image) {
        int w = image.width();
        int f = image.factor();
        int ow = image.originalWidth();
        int oh = image.originalHeight();
        // working pixels beyond the original image (padding) are never part of a mask
        int usedW = (ow + f - 1) / f;
        int usedH = (oh + f - 1) / f;
        int[] area = new int[count + 1];
        double[] sum = new double[count + 1];
        int[] minX = new int[count + 1];
        int[] maxX = new int[count + 1];
        java.util.Arrays.fill(minX, Integer.MAX_VALUE);
        java.util.Arrays.fill(maxX, -1);
        for (int y = 0; y < usedH; y++) {
            for (int x = 0; x < usedW; x++) {
                int l = label[y * w + x];
                if (l != 0) {
                    area[l]++;
                    sum[l] += foreground[y * w + x];
                    minX[l] = Math.min(minX[l], x);
                    maxX[l] = Math.max(maxX[l], x);
                }
            }
        }
        List<Instance> out = new ArrayList<>();
        for (int l = 1; l <= count; l++) {
            if (area[l] < minArea) {
                continue;
            }
            double score = sum[l] / area[l] * (l <= cores ? 1.0 : 0.5);
            out.add(new Instance(score, rle(label, l, minX[l], maxX[l], image, usedH)));
        }
        return out;
    }

    /** Column-major run lengths of one label, upsampled by the factor, without a full-size mask. */
    private static Rle rle(int[] label, int l, int minX, int maxX, WorkingImage image, int usedH) {
        int w = image.width();
        int f = image.factor();
        int ow = image.originalWidth();
        int oh = image.originalHeight();
        RunBuilder runs = new RunBuilder();
        long before = (long) Math.min(ow, minX * f) * oh;
        runs.add(false, before);
        int firstColumn = minX * f;
        int lastColumn = Math.min(ow, (maxX + 1) * f);
        for (int ox = firstColumn; ox < lastColumn; ox++) {
            int x = ox / f;
            for (int y = 0; y < usedH; y++) {
                int rows = Math.min(f, oh - y * f);
                runs.add(label[y * w + x] == l, rows);
            }
        }
        runs.add(false, (long) (ow - lastColumn) * oh);
        return Rle.of(oh, ow, runs.counts());
    }

    /** Alternating run lengths starting with a run of zeros, as COCO RLE counts. */
    private static final class RunBuilder {
        private int[] counts = new int[64];
        private int size = 1;
        private boolean current;

        void add(boolean value, long length) {
            if (length <= 0) {
                return;
            }
            if (value != current) {
                if (size == counts.length) {
                    counts = java.util.Arrays.copyOf(counts, size * 2);
                }
                size++;
                current = value;
            }
            counts[size - 1] += (int) length;
        }

        int[] counts() {
            return java.util.Arrays.copyOf(counts, size);
        }
    }
}
