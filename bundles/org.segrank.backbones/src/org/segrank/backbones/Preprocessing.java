package org.segrank.backbones;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The image preprocessing of torchvision's ImageNet evaluation transform, which the paper uses:
 * {@code Image.convert("RGB")}, {@code Resize(resizeShorterSide)}, {@code CenterCrop(cropSize)}, {@code ToTensor()},
 * {@code Normalize(mean, std)}, reproduced exactly for 8-bit images.
 *
 * <ol>
 * <li><b>Colour.</b> 8-bit RGB(A) images use their sRGB samples (alpha dropped); grey images (one band, optionally
 *     with alpha) use their raw samples, replicated to three channels, like PIL's {@code convert("RGB")}. Deeper
 *     grey images (16 bit) are first scaled to 8 bits ({@code round(v * 255 / 65535)}); PIL would clip instead, so
 *     16-bit images do not match Python.</li>
 * <li><b>Resize.</b> The shorter side becomes {@code resizeShorterSide}, the longer one
 *     {@code int(resizeShorterSide * long / short)} (truncated, as torchvision computes it), with Pillow's
 *     antialiased bilinear resampling in 8-bit fixed point ({@link PilBilinear}): on a PIL image torchvision's
 *     {@code Resize} is PIL's {@code resize(size, BILINEAR)}. An image already at that size is left as it is.</li>
 * <li><b>Crop.</b> The centred {@code cropSize x cropSize} window, its top-left corner at
 *     {@code round((side - cropSize) / 2)} with Python's round-half-to-even.</li>
 * <li><b>Tensor.</b> Float32 {@code (v / 255 - mean[c]) / std[c]} per channel, channel-major (CHW), in the float
 *     arithmetic of {@code ToTensor} and {@code Normalize}.</li>
 * </ol>
 *
 * @param resizeShorterSide the shorter side after resizing, {@code >= cropSize}
 * @param cropSize side of the square crop fed to the network, {@code >= 1}
 * @param mean per-channel (R, G, B) mean of the {@code [0, 1]} values
 * @param std per-channel standard deviation, positive
 */
public record Preprocessing(int resizeShorterSide, int cropSize, List<Float> mean, List<Float> std) {

    /** ImageNet's channel means, as torchvision's models expect them. */
    public static final List<Float> IMAGENET_MEAN = List.of(0.485f, 0.456f, 0.406f);
    /** ImageNet's channel standard deviations. */
    public static final List<Float> IMAGENET_STD = List.of(0.229f, 0.224f, 0.225f);

    public Preprocessing {
        if (cropSize < 1 || resizeShorterSide < cropSize) {
            throw new IllegalArgumentException("need 1 <= crop size <= resize size, got resize " + resizeShorterSide
                    + ", crop " + cropSize);
        }
        mean = List.copyOf(mean);
        std = List.copyOf(std);
        if (mean.size() != 3 || std.size() != 3) {
            throw new IllegalArgumentException("need 3 means and 3 standard deviations (R, G, B), got " + mean.size()
                    + " and " + std.size());
        }
        for (int c = 0; c < 3; c++) {
            if (!Float.isFinite(mean.get(c)) || !(std.get(c) > 0) || !Float.isFinite(std.get(c))) {
                throw new IllegalArgumentException("means must be finite and standard deviations positive, got mean "
                        + mean + ", std " + std);
            }
        }
    }

    /** torchvision's ImageNet evaluation transform: resize 256, crop 224, ImageNet mean and std. */
    public static Preprocessing imageNet() {
        return new Preprocessing(256, 224, IMAGENET_MEAN, IMAGENET_STD);
    }

    /** Resize the shorter side to {@code size} and crop {@code size x size}, ImageNet mean and std. */
    public static Preprocessing square(int size) {
        return new Preprocessing(size, size, IMAGENET_MEAN, IMAGENET_STD);
    }

    /** Values per image: {@code 3 * cropSize * cropSize}. */
    public int valuesPerImage() {
        return 3 * cropSize * cropSize;
    }

    /** The size of an image after the resize step, {@code {width, height}}. */
    public int[] resizedSize(int width, int height) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + " x " + height);
        }
        int shorter = Math.min(width, height);
        int longer = Math.max(width, height);
        int newLonger = (int) ((double) ((long) resizeShorterSide * longer) / shorter);
        return width <= height ? new int[] {resizeShorterSide, newLonger} : new int[] {newLonger, resizeShorterSide};
    }

    /** The preprocessed image as a new float32 CHW array of {@link #valuesPerImage()} values. */
    public float[] apply(BufferedImage image) {
        float[] out = new float[valuesPerImage()];
        apply(image, out, 0);
        return out;
    }

    /** Writes the preprocessed image into {@code out[offset, offset + valuesPerImage())}. */
    public void apply(BufferedImage image, float[] out, int offset) {
        byte[][] planes = cropPlanes(image);
        int plane = cropSize * cropSize;
        for (int c = 0; c < 3; c++) {
            byte[] source = planes[planes.length == 1 ? 0 : c];
            float channelMean = mean.get(c);
            float channelStd = std.get(c);
            int base = offset + c * plane;
            for (int i = 0; i < plane; i++) {
                out[base + i] = ((source[i] & 0xFF) / 255f - channelMean) / channelStd;
            }
        }
    }

    /**
     * Steps 1 to 3: the resized and cropped 8-bit planes, {@code cropSize x cropSize} row-major each; one plane for
     * a grey image (to be replicated), three (R, G, B) otherwise.
     */
    byte[][] cropPlanes(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        int width = image.getWidth();
        int height = image.getHeight();
        byte[][] planes = planes(image);
        int[] resized = resizedSize(width, height);
        int top = (int) Math.rint((resized[1] - cropSize) / 2.0);
        int left = (int) Math.rint((resized[0] - cropSize) / 2.0);
        PilBilinear.Taps horizontal = new PilBilinear.Taps(width, resized[0]);
        PilBilinear.Taps vertical = new PilBilinear.Taps(height, resized[1]);
        byte[][] cropped = new byte[planes.length][];
        for (int c = 0; c < planes.length; c++) {
            cropped[c] = PilBilinear.resizeWindow(planes[c], width, height, horizontal, vertical, left, top, cropSize,
                    cropSize);
        }
        return cropped;
    }

    /** The image's 8-bit planes: one for grey images, R, G, B otherwise. */
    static byte[][] planes(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int n = width * height;
        Raster raster = image.getRaster();
        ColorModel colors = image.getColorModel();
        if (raster.getNumBands() <= 2 && !(colors instanceof IndexColorModel)) {
            int bits = colors.getComponentSize(0);
            int[] samples = raster.getSamples(0, 0, width, height, 0, (int[]) null);
            byte[] grey = new byte[n];
            if (bits == 8) {
                for (int i = 0; i < n; i++) {
                    grey[i] = (byte) samples[i];
                }
            } else {
                long max = (1L << bits) - 1;
                for (int i = 0; i < n; i++) {
                    grey[i] = (byte) ((samples[i] * 255L + max / 2) / max);
                }
            }
            return new byte[][] {grey};
        }
        int[] argb = image.getRGB(0, 0, width, height, null, 0, width);
        byte[] r = new byte[n];
        byte[] g = new byte[n];
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int pixel = argb[i];
            r[i] = (byte) (pixel >> 16);
            g[i] = (byte) (pixel >> 8);
            b[i] = (byte) pixel;
        }
        return new byte[][] {r, g, b};
    }

    /** The settings as compact JSON with a fixed key order and number format. */
    public String toJson() {
        return "{\"resize_shorter_side\":" + resizeShorterSide + ",\"interpolation\":\"bilinear-antialiased-pil\""
                + ",\"crop\":" + cropSize + ",\"colour\":\"rgb-grey-replicated\",\"scale\":\"1/255\",\"mean\":"
                + floats(mean) + ",\"std\":" + floats(std) + "}";
    }

    static String floats(List<Float> values) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < values.size(); i++) {
            text.append(i == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", values.get(i)));
        }
        return text.append(']').toString();
    }
}
