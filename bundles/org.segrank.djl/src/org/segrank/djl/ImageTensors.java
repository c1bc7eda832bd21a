package org.segrank.djl;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.List;

/**
 * Conversions between images and float32 CHW tensors (channel-major: {@code chw[c * height * width + y * width + x]}),
 * with the numerics of torchvision so that Java and Python feed a model the same numbers.
 */
public final class ImageTensors {

    private ImageTensors() {
    }

    /**
     * The image as a 3-channel RGB CHW tensor with values in {@code [0, 1]}.
     *
     * <p>Grey images (one band, optionally with alpha) use their raw sample values divided by the largest value of
     * their bit depth (255 or 65535), copied to all three channels, like {@code PIL.Image.convert("RGB")}: Java's
     * {@code getRGB} would instead map linear grey to sRGB and brighten every pixel. Colour images use their
     * 8-bit sRGB values ({@code getRGB}) divided by 255. Alpha is ignored.
     */
    public static float[] toChw(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int plane = width * height;
        float[] chw = new float[3 * plane];
        Raster raster = image.getRaster();
        ColorModel colors = image.getColorModel();
        if (raster.getNumBands() <= 2 && !(colors instanceof IndexColorModel)) {
            float max = (float) ((1L << colors.getComponentSize(0)) - 1);
            int[] samples = raster.getSamples(0, 0, width, height, 0, (int[]) null);
            for (int i = 0; i < plane; i++) {
                float value = samples[i] / max;
                chw[i] = value;
                chw[plane + i] = value;
                chw[2 * plane + i] = value;
            }
        } else {
            int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
            for (int i = 0; i < plane; i++) {
                int pixel = argb[i];
                chw[i] = ((pixel >> 16) & 0xFF) / 255f;
                chw[plane + i] = ((pixel >> 8) & 0xFF) / 255f;
                chw[2 * plane + i] = (pixel & 0xFF) / 255f;
            }
        }
        return chw;
    }

    /**
     * Bilinear resize of every channel, exactly as
     * {@code torch.nn.functional.interpolate(x, size=(newHeight, newWidth), mode="bilinear", align_corners=False)}
     * (half-pixel centres, source positions below 0 clamped to 0, no antialiasing), in float arithmetic.
     */
    public static float[] resizeBilinear(float[] chw, int channels, int height, int width, int newHeight,
            int newWidth) {
        requireLength(chw, channels, height, width);
        if (newHeight < 1 || newWidth < 1) {
            throw new IllegalArgumentException("target size must be positive, got " + newWidth + " x " + newHeight);
        }
        Axis rows = new Axis(height, newHeight);
        Axis columns = new Axis(width, newWidth);
        float[] resized = new float[channels * newHeight * newWidth];
        for (int c = 0; c < channels; c++) {
            int in = c * height * width;
            int out = c * newHeight * newWidth;
            for (int y = 0; y < newHeight; y++) {
                int row0 = in + rows.low[y] * width;
                int row1 = in + rows.high[y] * width;
                float wy0 = rows.lowWeight[y];
                float wy1 = rows.highWeight[y];
                for (int x = 0; x < newWidth; x++) {
                    int x0 = columns.low[x];
                    int x1 = columns.high[x];
                    float wx0 = columns.lowWeight[x];
                    float wx1 = columns.highWeight[x];
                    resized[out++] = wy0 * (wx0 * chw[row0 + x0] + wx1 * chw[row0 + x1])
                            + wy1 * (wx0 * chw[row1 + x0] + wx1 * chw[row1 + x1]);
                }
            }
        }
        return resized;
    }

    /** Source indices and weights along one axis (ATen's area_pixel_compute_source_index). */
    private static final class Axis {
        final int[] low;
        final int[] high;
        final float[] lowWeight;
        final float[] highWeight;

        Axis(int inSize, int outSize) {
            low = new int[outSize];
            high = new int[outSize];
            lowWeight = new float[outSize];
            highWeight = new float[outSize];
            float scale = (float) inSize / outSize;
            for (int i = 0; i < outSize; i++) {
                float source = Math.max(scale * (i + 0.5f) - 0.5f, 0f);
                int index = (int) source;
                low[i] = index;
                high[i] = index < inSize - 1 ? index + 1 : index;
                highWeight[i] = source - index;
                lowWeight[i] = 1f - highWeight[i];
            }
        }
    }

    /** {@code (value - mean[c]) / std[c]} in place, per channel. */
    public static void normalize(float[] chw, int height, int width, List<Float> mean, List<Float> std) {
        int channels = mean.size();
        requireLength(chw, channels, height, width);
        if (std.size() != channels) {
            throw new IllegalArgumentException("need one standard deviation per mean, got " + std.size());
        }
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            float channelMean = mean.get(c);
            float channelStd = std.get(c);
            for (int i = c * plane, end = i + plane; i < end; i++) {
                chw[i] = (chw[i] - channelMean) / channelStd;
            }
        }
    }

    static void requireLength(float[] chw, int channels, int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + " x " + height);
        }
        if ((long) channels * height * width != chw.length) {
            throw new IllegalArgumentException("a " + channels + "x" + height + "x" + width + " CHW tensor has "
                    + (long) channels * height * width + " values, got " + chw.length);
        }
    }
}
