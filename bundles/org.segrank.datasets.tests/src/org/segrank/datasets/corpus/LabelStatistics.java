package org.segrank.datasets.corpus;

import java.util.HashSet;
import java.util.Set;

/** Measurements recomputed from a label map alone, to check the generator's own metadata against. */
final class LabelStatistics {

    private LabelStatistics() {
    }

    /** Pixel count per label, index = label. */
    static int[] areas(int[] labels, int instanceCount) {
        int[] areas = new int[instanceCount + 1];
        for (int label : labels) {
            areas[label]++;
        }
        return areas;
    }

    /** Unordered pairs of distinct instances with 4-adjacent pixels, encoded {@code low * 65536 + high}. */
    static Set<Long> touchingPairs(int[] labels, int width, int height) {
        Set<Long> pairs = new HashSet<>();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int label = labels[y * width + x];
                if (label == 0) {
                    continue;
                }
                if (x + 1 < width) {
                    addPair(pairs, label, labels[y * width + x + 1]);
                }
                if (y + 1 < height) {
                    addPair(pairs, label, labels[(y + 1) * width + x]);
                }
            }
        }
        return pairs;
    }

    private static void addPair(Set<Long> pairs, int a, int b) {
        if (b != 0 && b != a) {
            pairs.add((long) Math.min(a, b) * 65536 + Math.max(a, b));
        }
    }

    /**
     * Elongation of one instance: {@code sqrt(largest / smallest eigenvalue)} of its pixel covariance
     * (1 for a disc, large for a thin fibre; a curved fibre still scores well above a disc).
     */
    static double elongation(int[] labels, int width, int label) {
        double n = 0;
        double sumX = 0;
        double sumY = 0;
        double sumXX = 0;
        double sumYY = 0;
        double sumXY = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] == label) {
                double x = i % width;
                double y = i / width;
                n++;
                sumX += x;
                sumY += y;
                sumXX += x * x;
                sumYY += y * y;
                sumXY += x * y;
            }
        }
        double varX = sumXX / n - (sumX / n) * (sumX / n) + 1.0 / 12;
        double varY = sumYY / n - (sumY / n) * (sumY / n) + 1.0 / 12;
        double covXY = sumXY / n - (sumX / n) * (sumY / n);
        double trace = varX + varY;
        double root = Math.sqrt((varX - varY) * (varX - varY) / 4 + covXY * covXY);
        double largest = trace / 2 + root;
        double smallest = trace / 2 - root;
        return Math.sqrt(largest / smallest);
    }
}
