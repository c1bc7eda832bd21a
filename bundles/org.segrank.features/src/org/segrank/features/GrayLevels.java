package org.segrank.features;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;

/**
 * An image as 8-bit grey levels {@code 0..255}, row-major. Integer levels keep the polarity flip
 * {@code v -> 255 - v} exact, which the descriptor's invariance relies on.
 */
final class GrayLevels {
    final int width;
    final int height;
    final int[] levels;

    GrayLevels(int width, int height, int[] levels) {
        if (levels.length != width * height) {
            throw new IllegalArgumentException("levels do not match " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
        this.levels = levels;
    }

    /**
     * Reads the image's grey levels from its raster, not through {@link BufferedImage#getRGB}: for
     * grey images that would apply Java's linear-to-sRGB conversion and change the levels. Colour
     * images become luma (ITU-R BT.601 weights); deeper samples are rescaled to 8 bits; alpha is
     * ignored; floating-point samples are taken as {@code 0..1}.
     */
    static GrayLevels of(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] levels = new int[width * height];
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        int transferType = raster.getTransferType();
        if (image.getColorModel() instanceof IndexColorModel || bands == 0) {
            int[] argb = new int[width];
            for (int y = 0; y < height; y++) {
                image.getRGB(0, y, width, 1, argb, 0, width);
                for (int x = 0; x < width; x++) {
                    int rgb = argb[x];
                    levels[y * width + x] = luma((rgb >> 16) & 0xFF, (rgb >> 8) & 0xFF, rgb & 0xFF);
                }
            }
        } else if (transferType == DataBuffer.TYPE_FLOAT || transferType == DataBuffer.TYPE_DOUBLE) {
            double[] row = new double[width];
            double[][] channels = new double[Math.min(bands, 3)][width];
            for (int y = 0; y < height; y++) {
                for (int b = 0; b < channels.length; b++) {
                    raster.getSamples(0, y, width, 1, b, channels[b]);
                }
                for (int x = 0; x < width; x++) {
                    row[x] = channels.length >= 3
                            ? 0.299 * channels[0][x] + 0.587 * channels[1][x] + 0.114 * channels[2][x]
                            : channels[0][x];
                    double level = Math.rint(Math.max(0, Math.min(1, row[x])) * 255);
                    levels[y * width + x] = Double.isNaN(level) ? 0 : (int) level;
                }
            }
        } else {
            int channelCount = bands >= 3 ? 3 : 1; // 2 bands: grey + alpha
            int[][] channels = new int[channelCount][width];
            long[] maxima = new long[channelCount];
            for (int b = 0; b < channelCount; b++) {
                int bits = Math.min(raster.getSampleModel().getSampleSize(b), 31);
                maxima[b] = (1L << bits) - 1;
            }
            for (int y = 0; y < height; y++) {
                for (int b = 0; b < channelCount; b++) {
                    raster.getSamples(0, y, width, 1, b, channels[b]);
                }
                for (int x = 0; x < width; x++) {
                    int grey = to8Bits(channels[0][x], maxima[0]);
                    if (channelCount == 3) {
                        grey = luma(grey, to8Bits(channels[1][x], maxima[1]), to8Bits(channels[2][x], maxima[2]));
                    }
                    levels[y * width + x] = grey;
                }
            }
        }
        return new GrayLevels(width, height, levels);
    }

    private static int to8Bits(int sample, long max) {
        if (max == 255) {
            return sample & 0xFF;
        }
        long unsigned = sample & 0xFFFFFFFFL;
        return (int) Math.min(255, (unsigned * 255 + max / 2) / max);
    }

    private static int luma(int red, int green, int blue) {
        return (299 * red + 587 * green + 114 * blue + 500) / 1000;
    }

    /** Averages {@code factor x factor} blocks (rounding to the nearest level); a trailing partial block is dropped. */
    GrayLevels downsample(int factor) {
        if (factor == 1) {
            return this;
        }
        int newWidth = width / factor;
        int newHeight = height / factor;
        int[] result = new int[newWidth * newHeight];
        int area = factor * factor;
        for (int y = 0; y < newHeight; y++) {
            for (int x = 0; x < newWidth; x++) {
                int sum = 0;
                for (int dy = 0; dy < factor; dy++) {
                    int row = (y * factor + dy) * width + x * factor;
                    for (int dx = 0; dx < factor; dx++) {
                        sum += levels[row + dx];
                    }
                }
                result[y * newWidth + x] = (sum + area / 2) / area;
            }
        }
        return new GrayLevels(newWidth, newHeight, result);
    }

    /** The photographic negative, {@code 255 - v}. */
    GrayLevels inverted() {
        int[] result = new int[levels.length];
        for (int i = 0; i < levels.length; i++) {
            result[i] = 255 - levels[i];
        }
        return new GrayLevels(width, height, result);
    }

    /** Histogram of the 256 levels. */
    int[] histogram() {
        int[] histogram = new int[256];
        for (int level : levels) {
            histogram[level]++;
        }
        return histogram;
    }
}
