package org.segrank.datasets.corpus;

import java.util.Arrays;

/** Separable Gaussian blur of a float image in place, edges clamped (no dark frame). */
final class GaussianBlur {

    private GaussianBlur() {
    }

    /**
     * @param sigma standard deviation in pixels, {@code > 0}; the kernel spans {@code +-ceil(3 sigma)}
     */
    static void apply(float[] data, int width, int height, double sigma) {
        int radius = Math.max(1, (int) Math.ceil(3 * sigma));
        float[] kernel = new float[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            double weight = StrictMath.exp(-(k * k) / (2 * sigma * sigma));
            kernel[k + radius] = (float) weight;
            sum += weight;
        }
        for (int k = 0; k < kernel.length; k++) {
            kernel[k] = (float) (kernel[k] / sum);
        }
        float[] horizontal = new float[data.length];
        float[] padded = new float[width + 2 * radius];
        for (int y = 0; y < height; y++) {
            int row = y * width;
            for (int k = 0; k < padded.length; k++) {
                padded[k] = data[row + Math.max(0, Math.min(width - 1, k - radius))];
            }
            for (int x = 0; x < width; x++) {
                float total = 0f;
                for (int k = 0; k < kernel.length; k++) {
                    total += kernel[k] * padded[x + k];
                }
                horizontal[row + x] = total;
            }
        }
        float[] accumulator = new float[width];
        for (int y = 0; y < height; y++) {
            Arrays.fill(accumulator, 0f);
            for (int k = 0; k < kernel.length; k++) {
                float weight = kernel[k];
                int source = Math.max(0, Math.min(height - 1, y + k - radius)) * width;
                for (int x = 0; x < width; x++) {
                    accumulator[x] += weight * horizontal[source + x];
                }
            }
            System.arraycopy(accumulator, 0, data, y * width, width);
        }
    }
}
