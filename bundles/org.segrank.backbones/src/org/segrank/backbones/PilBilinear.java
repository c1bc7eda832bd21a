package org.segrank.backbones;

/**
 * Pillow's bilinear resampling of 8-bit planes ({@code Image.resize(size, Image.BILINEAR)}, Pillow 9's
 * {@code Resample.c}), bit for bit: a triangle filter widened by the scale factor when reducing (antialiasing),
 * coefficients normalised per output pixel and rounded to 22-bit fixed point, a horizontal pass first whose
 * results are rounded to 8 bits, then a vertical pass. This is what torchvision's {@code transforms.Resize} does
 * to a PIL image, so Java and Python feed a network the same pixels.
 *
 * <p>Only the output window {@code [left, left + outWidth) x [top, top + outHeight)} of the resized image is
 * computed: every output pixel depends on its own coordinates only, so resizing and then cropping gives the same
 * pixels as computing the window directly.
 */
final class PilBilinear {

    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final int HALF = 1 << (PRECISION_BITS - 1);
    private static final int OVERFLOW = 1 << PRECISION_BITS << 8;

    private PilBilinear() {
    }

    /** Filter taps of one axis: output pixel {@code i} reads {@code count[i]} inputs from {@code first[i]}. */
    static final class Taps {
        final int[] first;
        final int[] count;
        final int[] weights;
        final int size;

        /** Pillow's {@code precompute_coeffs} for the whole input {@code [0, inSize)} and bilinear filter. */
        Taps(int inSize, int outSize) {
            double scale = (double) inSize / outSize;
            double filterScale = Math.max(scale, 1.0);
            double support = filterScale;
            size = (int) Math.ceil(support) * 2 + 1;
            first = new int[outSize];
            count = new int[outSize];
            weights = new int[outSize * size];
            double[] k = new double[size];
            double inverse = 1.0 / filterScale;
            for (int xx = 0; xx < outSize; xx++) {
                double center = (xx + 0.5) * scale;
                int xmin = (int) (center - support + 0.5);
                if (xmin < 0) {
                    xmin = 0;
                }
                int xmax = (int) (center + support + 0.5);
                if (xmax > inSize) {
                    xmax = inSize;
                }
                xmax -= xmin;
                double sum = 0;
                for (int x = 0; x < xmax; x++) {
                    double w = triangle((x + xmin - center + 0.5) * inverse);
                    k[x] = w;
                    sum += w;
                }
                for (int x = 0; x < xmax; x++) {
                    double normalised = sum != 0 ? k[x] / sum : k[x];
                    // normalize_coeffs_8bpc: round half away from zero
                    weights[xx * size + x] = normalised < 0 ? (int) (-0.5 + normalised * (1 << PRECISION_BITS))
                            : (int) (0.5 + normalised * (1 << PRECISION_BITS));
                }
                first[xx] = xmin;
                count[xx] = xmax;
            }
        }

        private static double triangle(double x) {
            double a = Math.abs(x);
            return a < 1.0 ? 1.0 - a : 0.0;
        }
    }

    /**
     * Resizes a {@code width x height} 8-bit plane (row-major, values 0..255) to {@code newWidth x newHeight} and
     * returns the window {@code outWidth x outHeight} at {@code (left, top)} of the result.
     */
    static byte[] resizeWindow(byte[] plane, int width, int height, int newWidth, int newHeight, int left, int top,
            int outWidth, int outHeight) {
        return resizeWindow(plane, width, height, new Taps(width, newWidth), new Taps(height, newHeight), left, top,
                outWidth, outHeight);
    }

    /** As above with precomputed taps (the same for every channel of an image). */
    static byte[] resizeWindow(byte[] plane, int width, int height, Taps horizontal, Taps vertical, int left,
            int top, int outWidth, int outHeight) {
        if (plane.length != width * height) {
            throw new IllegalArgumentException("a " + width + "x" + height + " plane has " + width * height
                    + " values, got " + plane.length);
        }
        int firstRow = vertical.first[top];
        int lastRow = vertical.first[top + outHeight - 1] + vertical.count[top + outHeight - 1];
        int rows = lastRow - firstRow;
        // horizontal pass over the input rows the window needs, output columns of the window only
        byte[] temp = new byte[rows * outWidth];
        for (int y = 0; y < rows; y++) {
            int in = (firstRow + y) * width;
            int out = y * outWidth;
            for (int xx = 0; xx < outWidth; xx++) {
                int column = left + xx;
                int start = in + horizontal.first[column];
                int n = horizontal.count[column];
                int k = column * horizontal.size;
                int sum = HALF;
                for (int x = 0; x < n; x++) {
                    sum += (plane[start + x] & 0xFF) * horizontal.weights[k + x];
                }
                temp[out + xx] = clip8(sum);
            }
        }
        byte[] result = new byte[outWidth * outHeight];
        for (int yy = 0; yy < outHeight; yy++) {
            int row = top + yy;
            int start = vertical.first[row] - firstRow;
            int n = vertical.count[row];
            int k = row * vertical.size;
            int out = yy * outWidth;
            for (int xx = 0; xx < outWidth; xx++) {
                int sum = HALF;
                for (int y = 0; y < n; y++) {
                    sum += (temp[(start + y) * outWidth + xx] & 0xFF) * vertical.weights[k + y];
                }
                result[out + xx] = clip8(sum);
            }
        }
        return result;
    }

    private static byte clip8(int value) {
        if (value >= OVERFLOW) {
            return (byte) 255;
        }
        if (value <= 0) {
            return 0;
        }
        return (byte) (value >> PRECISION_BITS);
    }
}
