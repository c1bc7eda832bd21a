package org.segrank.datasets.io;

import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.segrank.metrics.mask.Rle;

/**
 * Turns mask and label images into instance masks.
 *
 * <ul>
 * <li>Binary masks: every pixel must be 0 (background) or one foreground value, 255 or 1 (or the maximum of
 * the bit depth, e.g. 65535). Anything else is refused, with no tolerance: a grey value means an
 * anti-aliased or lossy mask, and thresholding it would silently move particle boundaries. Colour masks are
 * accepted when every pixel is grey (R = G = B); alpha is ignored.</li>
 * <li>Instances of a binary mask are its 8-connected components (pixels touching at an edge or a corner
 * belong together), numbered in raster order of their first pixel: the same as OpenCV's
 * {@code connectedComponents} and scikit-image's {@code label} defaults, and it keeps thin diagonal
 * particles (fibres) whole. Touching particles therefore merge into one instance.</li>
 * <li>Label images: single-channel 8- or 16-bit greyscale; 0 is background and every other value is one
 * instance (its pixels need not be connected), in ascending value order.</li>
 * </ul>
 */
final class InstanceMasks {

    private InstanceMasks() {
    }

    /** A row-major label map: {@code labels[y * width + x]}, 0 = background. */
    record LabelMap(int[] labels, int width, int height, int maxLabel) {
    }

    /**
     * The foreground of a binary mask, row-major.
     *
     * @param subject how messages name the mask, e.g. {@code "mask masks/a.png"}
     * @throws ItemProblem naming the first offending pixel if the mask is not binary
     */
    static boolean[] binaryForeground(BufferedImage mask, String subject) throws ItemProblem {
        int width = mask.getWidth();
        int height = mask.getHeight();
        int[] grey = greyValues(mask, subject);
        ColorModel colorModel = mask.getColorModel();
        int bits = colorModel instanceof IndexColorModel ? 8 : mask.getRaster().getSampleModel().getSampleSize(0);
        int maximum = bits >= 31 ? Integer.MAX_VALUE : (1 << bits) - 1;
        int foregroundValue = 0;
        for (int value : grey) {
            if (value == 255 || value == 1 || value == maximum) {
                foregroundValue = value; // the first valid foreground value decides which one this mask uses
                break;
            }
        }
        boolean[] foreground = new boolean[grey.length];
        int offending = 0;
        int firstOffending = -1;
        for (int i = 0; i < grey.length; i++) {
            int value = grey[i];
            if (value == foregroundValue && value != 0) {
                foreground[i] = true;
            } else if (value != 0) {
                offending++;
                if (firstOffending < 0) {
                    firstOffending = i;
                }
            }
        }
        if (offending > 0) {
            throw new ItemProblem(subject + " is not binary: value " + grey[firstOffending] + " at (x="
                    + (firstOffending % width) + ", y=" + (firstOffending / width) + "); " + offending + " of "
                    + grey.length + " pixels are neither 0 nor " + (foregroundValue == 0 ? "a foreground value"
                            : "the foreground value " + foregroundValue)
                    + ". A mask must contain only 0 (background) and one of 255 or 1 (particle): anti-aliased or"
                    + " lossy masks are refused because thresholding them would move particle boundaries");
        }
        if (height * width != foreground.length) {
            throw new IllegalStateException("mask raster does not match its size");
        }
        return foreground;
    }

    /** One grey value per pixel: palette entries mapped to their grey level, colour pixels checked for R = G = B. */
    private static int[] greyValues(BufferedImage image, String subject) throws ItemProblem {
        int width = image.getWidth();
        int height = image.getHeight();
        Raster raster = image.getRaster();
        ColorModel colorModel = image.getColorModel();
        if (colorModel instanceof IndexColorModel palette) {
            int[] indices = raster.getSamples(0, 0, width, height, 0, (int[]) null);
            int[] grey = new int[indices.length];
            for (int i = 0; i < indices.length; i++) {
                int index = indices[i];
                int red = palette.getRed(index);
                if (red != palette.getGreen(index) || red != palette.getBlue(index)) {
                    throw new ItemProblem(subject + " is not binary: palette colour (" + red + ", "
                            + palette.getGreen(index) + ", " + palette.getBlue(index) + ") at (x=" + (i % width)
                            + ", y=" + (i / width) + ") is not grey");
                }
                grey[i] = red;
            }
            return grey;
        }
        int colourBands = Math.min(colorModel.getNumColorComponents(), raster.getNumBands());
        int[] grey = raster.getSamples(0, 0, width, height, 0, (int[]) null);
        for (int band = 1; band < colourBands; band++) {
            int[] other = raster.getSamples(0, 0, width, height, band, (int[]) null);
            for (int i = 0; i < grey.length; i++) {
                if (other[i] != grey[i]) {
                    throw new ItemProblem(subject + " is not binary: the colour pixel at (x=" + (i % width) + ", y="
                            + (i / width) + ") is not grey (channel 0 = " + grey[i] + ", channel " + band + " = "
                            + other[i] + ")");
                }
            }
        }
        return grey;
    }

    /**
     * The 8-connected components of a row-major foreground, labelled 1..n in raster order of their first
     * pixel.
     */
    static LabelMap connectedComponents(boolean[] foreground, int width, int height) {
        int[] labels = new int[foreground.length];
        int[] queue = new int[Math.max(1, foreground.length)];
        int next = 0;
        for (int start = 0; start < foreground.length; start++) {
            if (!foreground[start] || labels[start] != 0) {
                continue;
            }
            int label = ++next;
            labels[start] = label;
            int head = 0;
            int tail = 0;
            queue[tail++] = start;
            while (head < tail) {
                int at = queue[head++];
                int x = at % width;
                int y = at / width;
                int x0 = Math.max(0, x - 1);
                int x1 = Math.min(width - 1, x + 1);
                int y0 = Math.max(0, y - 1);
                int y1 = Math.min(height - 1, y + 1);
                for (int ny = y0; ny <= y1; ny++) {
                    for (int nx = x0, neighbour = ny * width + x0; nx <= x1; nx++, neighbour++) {
                        if (foreground[neighbour] && labels[neighbour] == 0) {
                            labels[neighbour] = label;
                            queue[tail++] = neighbour; // each pixel is queued once, so the queue never overflows
                        }
                    }
                }
            }
        }
        return new LabelMap(labels, width, height, next);
    }

    /**
     * The labels of a label image.
     *
     * @throws ItemProblem if it is not a single-channel 8- or 16-bit greyscale image
     */
    static LabelMap labelImage(BufferedImage image, String subject) throws ItemProblem {
        Raster raster = image.getRaster();
        ColorModel colorModel = image.getColorModel();
        int bits = raster.getSampleModel().getSampleSize(0);
        if (colorModel instanceof IndexColorModel || raster.getNumBands() != 1 || (bits != 8 && bits != 16)) {
            throw new ItemProblem(subject + " must be a single-channel 8- or 16-bit greyscale label image (0 = "
                    + "background, every other value one instance); found " + raster.getNumBands() + " channel(s) of "
                    + bits + " bits" + (colorModel instanceof IndexColorModel ? " with a colour palette" : ""));
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] labels = raster.getSamples(0, 0, width, height, 0, (int[]) null);
        int max = 0;
        for (int label : labels) {
            max = Math.max(max, label);
        }
        return new LabelMap(labels, width, height, max);
    }

    /**
     * One mask per label value present, in ascending value order, built in a single column-major pass (the
     * RLE's own order) instead of one full-image mask per instance.
     */
    static List<Rle> instanceMasks(LabelMap map) {
        int width = map.width();
        int height = map.height();
        int[] labels = map.labels();
        int labelCount = map.maxLabel() + 1;
        int[] runEnd = new int[labelCount]; // index just past the label's last foreground pixel
        int[][] counts = new int[labelCount][];
        int[] sizes = new int[labelCount];
        int index = 0;
        for (int x = 0; x < width; x++) {
            for (int y = 0, at = x; y < height; y++, at += width, index++) {
                int label = labels[at];
                if (label == 0) {
                    continue;
                }
                int[] runs = counts[label];
                if (runs == null) {
                    runs = new int[8];
                    counts[label] = runs;
                }
                if (sizes[label] > 0 && runEnd[label] == index) {
                    runs[sizes[label] - 1]++; // continues the current foreground run
                } else {
                    if (sizes[label] + 2 > runs.length) {
                        runs = Arrays.copyOf(runs, runs.length * 2);
                        counts[label] = runs;
                    }
                    runs[sizes[label]++] = index - runEnd[label]; // background gap before the new run
                    runs[sizes[label]++] = 1;
                }
                runEnd[label] = index + 1;
            }
        }
        int pixels = width * height;
        List<Rle> masks = new ArrayList<>();
        for (int label = 1; label < labelCount; label++) {
            if (counts[label] == null) {
                continue;
            }
            int trailing = pixels - runEnd[label];
            // Like Rle.encode: no zero-length background run at the end, so the strings are identical.
            int[] runs = Arrays.copyOf(counts[label], sizes[label] + (trailing > 0 ? 1 : 0));
            if (trailing > 0) {
                runs[sizes[label]] = trailing;
            }
            masks.add(Rle.of(height, width, runs));
        }
        return masks;
    }
}
