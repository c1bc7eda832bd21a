package org.segrank.segmenters;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.Objects;

/**
 * An image brought to the compact segmenter's working scale: grey levels box-averaged by an integer factor so
 * that the longer side is at most the working side, edge-padded to even dimensions (the encoder halves them),
 * and mapped to about [-1, 1].
 *
 * <p>The integer factor keeps the way back exact: original pixel (X, Y) belongs to working pixel
 * (X / factor, Y / factor).
 *
 * @param pixels row-major, {@code height * width} values
 * @param width working width (even)
 * @param height working height (even)
 * @param factor original pixels per working pixel along each axis
 * @param originalWidth the image's width
 * @param originalHeight the image's height
 */
public record WorkingImage(float[] pixels, int width, int height, int factor, int originalWidth, int originalHeight) {

    public WorkingImage {
        Objects.requireNonNull(pixels, "pixels");
        if (pixels.length != width * height) {
            throw new IllegalArgumentException("pixels has " + pixels.length + " values for " + width + "x" + height);
        }
    }

    /** The integer reduction factor that brings the longer side to at most {@code workingSide}. */
    public static int factorFor(int width, int height, int workingSide) {
        if (workingSide < 8) {
            throw new IllegalArgumentException("working side must be at least 8, got " + workingSide);
        }
        return Math.max(1, (Math.max(width, height) + workingSide - 1) / workingSide);
    }

    public static WorkingImage of(BufferedImage image, int workingSide) {
        int w = image.getWidth();
        int h = image.getHeight();
        return of(grayLevels(image), w, h, workingSide);
    }

    /** @param gray row-major grey levels 0..255 of a {@code width x height} image */
    public static WorkingImage of(byte[] gray, int width, int height, int workingSide) {
        int f = factorFor(width, height, workingSide);
        int cw = (width + f - 1) / f;
        int ch = (height + f - 1) / f;
        int ww = cw + (cw & 1);
        int wh = ch + (ch & 1);
        float[] out = new float[ww * wh];
        for (int y = 0; y < ch; y++) {
            int y0 = y * f;
            int y1 = Math.min(y0 + f, height);
            for (int x = 0; x < cw; x++) {
                int x0 = x * f;
                int x1 = Math.min(x0 + f, width);
                int sum = 0;
                for (int yy = y0; yy < y1; yy++) {
                    int row = yy * width;
                    for (int xx = x0; xx < x1; xx++) {
                        sum += gray[row + xx] & 0xff;
                    }
                }
                out[y * ww + x] = (sum / (float) ((y1 - y0) * (x1 - x0))) / 127.5f - 1f;
            }
            if (ww != cw) {
                out[y * ww + cw] = out[y * ww + cw - 1];
            }
        }
        if (wh != ch) {
            System.arraycopy(out, (ch - 1) * ww, out, ch * ww, ww);
        }
        return new WorkingImage(out, ww, wh, f, width, height);
    }

    /** Row-major grey levels of any image (luminance for colour images). */
    public static byte[] grayLevels(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (image.getType() == BufferedImage.TYPE_BYTE_GRAY
                && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
                && image.getRaster().getSampleModelTranslateX() == 0 && image.getRaster().getSampleModelTranslateY() == 0
                && buffer.getData().length == w * h) {
            return buffer.getData().clone();
        }
        byte[] out = new byte[w * h];
        if (image.getRaster().getNumBands() == 1) {
            int[] row = new int[w];
            int shift = Math.max(0, image.getColorModel().getComponentSize(0) - 8);
            for (int y = 0; y < h; y++) {
                image.getRaster().getSamples(0, y, w, 1, 0, row);
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (byte) (row[x] >> shift);
                }
            }
            return out;
        }
        int[] rgb = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, rgb, 0, w);
            for (int x = 0; x < w; x++) {
                int p = rgb[x];
                int r = (p >> 16) & 0xff;
                int g = (p >> 8) & 0xff;
                int b = p & 0xff;
                out[y * w + x] = (byte) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
            }
        }
        return out;
    }
}
