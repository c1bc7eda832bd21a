package org.segrank.metrics.mask;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable run-length encoded binary mask, bit-compatible with the {@code RLE} struct of the COCO API
 * ({@code pycocotools}, {@code maskApi.c}).
 *
 * <h2>Encoding</h2>
 * Pixels are visited in <b>column-major</b> (Fortran) order: pixel {@code (x, y)} has linear index
 * {@code x * height + y}. {@code counts[0]} is the length of the first run of background pixels (possibly 0),
 * {@code counts[1]} the next run of foreground pixels, and so on, alternating. The counts are kept exactly as given,
 * zero-length runs in the middle included, because several COCO operations ({@link #toBbox()},
 * {@link #toCompressedString()}) depend on the literal run structure, not only on the pixel set.
 *
 * <h2>Invariants</h2>
 * {@code height >= 1}, {@code width >= 1}, {@code height * width <= Integer.MAX_VALUE}, every count is
 * {@code >= 0} and the counts sum to {@code height * width}. pycocotools does not check the sum; masks violating it
 * are rejected here because they make its merge and IoU loops read past the mask or never terminate.
 *
 * <h2>Derived values</h2>
 * The area, bounding box and first/last foreground positions are computed once at construction so that
 * {@link #iou(Rle, boolean)}, the evaluation hot loop, does no allocation.
 */
public final class Rle {

    private final int height;
    private final int width;
    /** Cumulative run boundaries: {@code ends[j] = counts[0] + ... + counts[j]}. */
    private final int[] ends;
    private final int area;
    /** No zero-length run after the first count (what encode, polygons and merge produce). */
    private final boolean canonical;
    /** First foreground pixel index, or -1 when empty. */
    private final int firstForeground;
    /** One past the last foreground pixel index, or -1 when empty. */
    private final int endForeground;
    // Bounding box exactly as rleToBbox computes it (uint arithmetic kept, hence long).
    private final long bboxX;
    private final long bboxY;
    private final long bboxWidth;
    private final long bboxHeight;

    private Rle(int height, int width, int[] ends) {
        this.height = height;
        this.width = width;
        this.ends = ends;
        int foreground = 0;
        int first = -1;
        int end = -1;
        boolean noEmptyRuns = true;
        for (int j = 1; j < ends.length && noEmptyRuns; j++) {
            noEmptyRuns = ends[j] > ends[j - 1];
        }
        this.canonical = noEmptyRuns;
        for (int j = 1; j < ends.length; j += 2) {
            int start = ends[j - 1];
            int length = ends[j] - start;
            if (length > 0) {
                foreground += length;
                if (first < 0) {
                    first = start;
                }
                end = ends[j];
            }
        }
        this.area = foreground;
        this.firstForeground = first;
        this.endForeground = end;
        long[] bb = computeBbox(height, width, ends);
        this.bboxX = bb[0];
        this.bboxY = bb[1];
        this.bboxWidth = bb[2];
        this.bboxHeight = bb[3];
    }

    /**
     * Creates a mask from explicit run lengths.
     *
     * @param height mask height in pixels, {@code >= 1}
     * @param width mask width in pixels, {@code >= 1}
     * @param counts alternating background/foreground run lengths in column-major order (copied)
     * @throws IllegalArgumentException if a count is negative or the counts do not sum to {@code height * width}
     */
    public static Rle of(int height, int width, int[] counts) {
        int pixels = checkedPixelCount(height, width);
        Objects.requireNonNull(counts, "counts");
        int[] ends = new int[counts.length];
        long sum = 0;
        for (int j = 0; j < counts.length; j++) {
            if (counts[j] < 0) {
                throw new IllegalArgumentException("RLE count " + j + " is negative: " + counts[j]);
            }
            sum += counts[j];
            if (sum > pixels) {
                throw new IllegalArgumentException(
                        "RLE counts exceed height*width = " + pixels + " at count " + j);
            }
            ends[j] = (int) sum;
        }
        if (sum != pixels) {
            throw new IllegalArgumentException(
                    "RLE counts sum to " + sum + " but height*width = " + height + "*" + width + " = " + pixels);
        }
        return new Rle(height, width, ends);
    }

    static int checkedPixelCount(int height, int width) {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("mask size must be positive, got height=" + height + " width=" + width);
        }
        long pixels = (long) height * width;
        if (pixels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mask too large: " + height + "x" + width);
        }
        return (int) pixels;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Encoding and decoding of pixel masks

    /**
     * Encodes a mask given in column-major order ({@code mask[x * height + y]}), like {@code pycocotools.mask.encode}
     * on a Fortran-ordered array.
     */
    public static Rle encodeColumnMajor(boolean[] mask, int height, int width) {
        int pixels = checkedPixelCount(height, width);
        requireLength(mask.length, pixels);
        RunBuilder runs = new RunBuilder();
        boolean previous = false;
        for (int i = 0; i < pixels; i++) {
            if (mask[i] != previous) {
                runs.add(i);
                previous = mask[i];
            }
        }
        return runs.finish(height, width, pixels);
    }

    /**
     * Encodes a mask given in row-major order ({@code mask[y * width + x]}), the usual layout of Java images.
     */
    public static Rle encodeRowMajor(boolean[] mask, int height, int width) {
        int pixels = checkedPixelCount(height, width);
        requireLength(mask.length, pixels);
        RunBuilder runs = new RunBuilder();
        boolean previous = false;
        int index = 0;
        for (int x = 0; x < width; x++) {
            for (int y = 0, at = x; y < height; y++, at += width, index++) {
                if (mask[at] != previous) {
                    runs.add(index);
                    previous = mask[at];
                }
            }
        }
        return runs.finish(height, width, pixels);
    }

    /**
     * Encodes a column-major byte mask; any non-zero byte is foreground. (pycocotools expects strictly 0/1 bytes;
     * for such input the result is identical.)
     */
    public static Rle encodeColumnMajor(byte[] mask, int height, int width) {
        int pixels = checkedPixelCount(height, width);
        requireLength(mask.length, pixels);
        RunBuilder runs = new RunBuilder();
        boolean previous = false;
        for (int i = 0; i < pixels; i++) {
            boolean value = mask[i] != 0;
            if (value != previous) {
                runs.add(i);
                previous = value;
            }
        }
        return runs.finish(height, width, pixels);
    }

    /** Encodes a row-major byte mask ({@code mask[y * width + x]}); any non-zero byte is foreground. */
    public static Rle encodeRowMajor(byte[] mask, int height, int width) {
        int pixels = checkedPixelCount(height, width);
        requireLength(mask.length, pixels);
        RunBuilder runs = new RunBuilder();
        boolean previous = false;
        int index = 0;
        for (int x = 0; x < width; x++) {
            for (int y = 0, at = x; y < height; y++, at += width, index++) {
                boolean value = mask[at] != 0;
                if (value != previous) {
                    runs.add(index);
                    previous = value;
                }
            }
        }
        return runs.finish(height, width, pixels);
    }

    private static void requireLength(int actual, int expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("mask has " + actual + " pixels, expected " + expected);
        }
    }

    /** Decodes to a column-major mask ({@code mask[x * height + y]}). */
    public boolean[] decodeColumnMajor() {
        boolean[] mask = new boolean[height * width];
        for (int j = 1; j < ends.length; j += 2) {
            Arrays.fill(mask, ends[j - 1], ends[j], true);
        }
        return mask;
    }

    /** Decodes to a row-major mask ({@code mask[y * width + x]}). */
    public boolean[] decodeRowMajor() {
        boolean[] mask = new boolean[height * width];
        for (int j = 1; j < ends.length; j += 2) {
            for (int i = ends[j - 1]; i < ends[j]; i++) {
                int x = i / height;
                int y = i - x * height;
                mask[y * width + x] = true;
            }
        }
        return mask;
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Accessors

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    /** The run lengths (a copy), exactly as stored (zero-length runs are not removed). */
    public int[] counts() {
        int[] counts = new int[ends.length];
        int previous = 0;
        for (int j = 0; j < ends.length; j++) {
            counts[j] = ends[j] - previous;
            previous = ends[j];
        }
        return counts;
    }

    /** Number of runs ({@code m} in maskApi.c). */
    public int runCount() {
        return ends.length;
    }

    /** Number of foreground pixels: the sum of the odd-indexed counts ({@code rleArea}). */
    public int area() {
        return area;
    }

    /**
     * The bounding box {@code [x, y, w, h]} exactly as {@code rleToBbox} computes it: a mask with fewer than two runs
     * gives {@code [0, 0, 0, 0]}; a foreground run that wraps from one column into the next widens the box to the
     * full image height, even if the pixels themselves would allow a smaller box.
     */
    public double[] toBbox() {
        return new double[] {bboxX, bboxY, bboxWidth, bboxHeight};
    }

    /**
     * Port of rleToBbox: unsigned 32-bit arithmetic is emulated with masked longs so that even odd encodings (a
     * zero-length first foreground run makes {@code cc - 1} wrap around) give the same box as the C code.
     */
    private static long[] computeBbox(int height, int width, int[] ends) {
        final long mask32 = 0xFFFF_FFFFL;
        long h = height & mask32;
        int m = (ends.length / 2) * 2;
        if (m == 0) {
            return new long[] {0, 0, 0, 0};
        }
        long xs = width;
        long ys = h;
        long xe = 0;
        long ye = 0;
        long xp = 0;
        for (int j = 0; j < m; j++) {
            long t = (ends[j] - (long) (j % 2)) & mask32;
            long y = t % h;
            long x = (t - y) / h;
            if (j % 2 == 0) {
                xp = x;
            } else if (xp < x) {
                ys = 0;
                ye = h - 1;
            }
            xs = Math.min(xs, x);
            xe = Math.max(xe, x);
            ys = Math.min(ys, y);
            ye = Math.max(ye, y);
        }
        return new long[] {xs, ys, (xe - xs + 1) & mask32, (ye - ys + 1) & mask32};
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Compressed string form

    /**
     * The compressed COCO string ({@code rleToString}): each count is written as a little-endian sequence of 5-bit
     * groups, one character per group ({@code '0' + group}, plus {@code 0x20} when more groups follow), with the sign
     * carried in bit {@code 0x10} of the last group. From the fourth count on ({@code i > 2}) the difference to the
     * count two positions earlier is written instead of the count itself.
     */
    public String toCompressedString() {
        return RleStrings.encode(counts());
    }

    /**
     * Parses a compressed COCO string ({@code rleFrString}).
     *
     * @throws IllegalArgumentException if the string has a character outside {@code '0'..'o'}, ends inside a value,
     *         has a value longer than 7 characters, yields a negative count, or its counts do not sum to
     *         {@code height * width}
     */
    public static Rle fromCompressedString(String compressed, int height, int width) {
        return of(height, width, RleStrings.decode(compressed));
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Polygons and boxes

    /**
     * Rasterises polygons the way {@code pycocotools} does for a polygon segmentation ({@code COCO.annToRLE}): each
     * polygon goes through {@code rleFrPoly} (coordinates upsampled by 5, boundary traced, downsampled to pixel
     * column crossings) and the resulting masks are merged by union ({@code rleMerge}).
     *
     * <p>Unlike {@code frPyObjects}, a first polygon of exactly four numbers is not reinterpreted as a bounding box;
     * callers that need that legacy behaviour use {@link #fromBbox}. An odd trailing coordinate is ignored, as in
     * {@code frPoly}.
     *
     * @param polygons flat {@code [x1, y1, x2, y2, ...]} coordinate lists, at least one
     * @throws IllegalArgumentException for no polygons, non-finite coordinates or coordinates beyond
     *         {@code +-2^22} (far outside any image; keeps the upsampled int arithmetic free of overflow)
     */
    public static Rle fromPolygon(double[][] polygons, int height, int width) {
        checkedPixelCount(height, width);
        if (polygons.length == 0) {
            throw new IllegalArgumentException("at least one polygon is required");
        }
        Rle merged = null;
        for (double[] polygon : polygons) {
            Rle part = PolygonRasterizer.rasterize(polygon, polygon.length / 2, height, width);
            merged = merged == null ? part : merge(merged, part, false);
        }
        return merged;
    }

    /**
     * A box {@code [x, y, w, h]} rasterised as the polygon {@code (x,y) (x,y+h) (x+w,y+h) (x+w,y)}
     * ({@code rleFrBbox}).
     */
    public static Rle fromBbox(double x, double y, double boxWidth, double boxHeight, int height, int width) {
        double xe = x + boxWidth;
        double ye = y + boxHeight;
        return PolygonRasterizer.rasterize(new double[] {x, y, x, ye, xe, ye, xe, y}, 4, height, width);
    }

    // ----------------------------------------------------------------------------------------------------------------
    // Set operations and IoU

    /**
     * Union or intersection of masks of equal size ({@code rleMerge}), folding left to right. A single mask is
     * returned unchanged. For canonical input (no zero-length run except possibly the first) the counts are identical
     * to rleMerge; zero-length runs inside an input are skipped, so the result always has the right pixels (the C
     * loop can stop early on such input and return counts that do not cover the image).
     *
     * @throws IllegalArgumentException for an empty list or masks of different sizes (where the C code silently
     *         returns an empty 0x0 mask)
     */
    public static Rle merge(List<Rle> masks, boolean intersect) {
        if (masks.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        Rle result = masks.get(0);
        for (int i = 1; i < masks.size(); i++) {
            result = merge(result, masks.get(i), intersect);
        }
        return result;
    }

    private static Rle merge(Rle a, Rle b, boolean intersect) {
        if (a.height != b.height || a.width != b.width) {
            throw new IllegalArgumentException("cannot merge masks of different sizes: " + a.height + "x" + a.width
                    + " and " + b.height + "x" + b.width);
        }
        int[] ca = a.counts();
        int[] cb = b.counts();
        int[] out = new int[ca.length + cb.length + 1];
        int m = 0;
        // Same state machine as rleMerge: walk both run lists in lockstep, emit a run whenever the merged value flips.
        int restA = ca[0];
        int restB = cb[0];
        int nextA = 1;
        int nextB = 1;
        boolean inA = false;
        boolean inB = false;
        boolean value = false;
        int current = 0;
        long remaining = 1;
        while (remaining > 0) {
            int step = Math.min(restA, restB);
            current += step;
            restA -= step;
            // rleMerge advances a single run per step; skipping all zero-length runs here gives the same result for
            // canonical input and stops it from ending early when both masks reach a zero-length run together.
            while (restA == 0 && nextA < ca.length) {
                restA = ca[nextA++];
                inA = !inA;
            }
            restB -= step;
            while (restB == 0 && nextB < cb.length) {
                restB = cb[nextB++];
                inB = !inB;
            }
            remaining = (long) restA + restB;
            boolean previous = value;
            value = intersect ? inA && inB : inA || inB;
            if (value != previous || remaining == 0) {
                out[m++] = current;
                current = 0;
            }
        }
        return of(a.height, a.width, Arrays.copyOf(out, m));
    }

    /**
     * Pairwise IoU matrix like {@code pycocotools.mask.iou(dts, gts, iscrowd)}: {@code result[d][g]}.
     *
     * @see #iou(Rle, boolean)
     */
    public static double[][] iou(List<Rle> detections, List<Rle> groundTruths, boolean[] iscrowd) {
        if (iscrowd.length != groundTruths.size()) {
            throw new IllegalArgumentException("iscrowd must have one flag per ground truth");
        }
        double[][] result = new double[detections.size()][groundTruths.size()];
        for (int d = 0; d < result.length; d++) {
            Rle dt = detections.get(d);
            double[] row = result[d];
            for (int g = 0; g < row.length; g++) {
                row[g] = dt.iou(groundTruths.get(g), iscrowd[g]);
            }
        }
        return result;
    }

    /**
     * IoU of this (detected) mask with a ground-truth mask, exactly as {@code rleIou}:
     * <ul>
     * <li>if the {@link #toBbox() boxes} do not overlap with positive width and height the result is 0 without looking
     * at pixels; in particular an empty mask has IoU 0 with everything, <em>including another empty mask</em>;</li>
     * <li>masks of different size give -1;</li>
     * <li>no common pixel gives 0;</li>
     * <li>otherwise {@code |dt & gt| / |dt | gt|}, or {@code |dt & gt| / |dt|} when {@code crowd} (a crowd region may
     * cover many objects, so only the part of the detection outside it counts against it).</li>
     * </ul>
     * Runs in O(runs overlapping the common foreground span) and allocates nothing. For encodings with zero-length
     * runs after the first count the C loop is replayed literally instead, because it can stop early on them.
     */
    public double iou(Rle groundTruth, boolean crowd) {
        if (!boxesOverlap(groundTruth)) {
            return 0;
        }
        if (height != groundTruth.height || width != groundTruth.width) {
            return -1;
        }
        if (!canonical || !groundTruth.canonical) {
            return literalRleIou(groundTruth, crowd);
        }
        long intersection = intersectionArea(groundTruth);
        if (intersection == 0) {
            return 0;
        }
        long union = crowd ? area : (long) area + groundTruth.area - intersection;
        return (double) intersection / (double) union;
    }

    /**
     * The run-merging loop of rleIou, step by step. Only used for encodings with zero-length runs after the first
     * count: there the C loop ends as soon as both masks sit on a zero-length run at once, so its counts (and thus
     * pycocotools' IoU) can differ from the true pixel overlap, and fidelity to pycocotools wins.
     */
    private double literalRleIou(Rle gt, boolean crowd) {
        int[] a = counts();
        int[] b = gt.counts();
        long restA = a[0];
        long restB = b[0];
        int nextA = 1;
        int nextB = 1;
        boolean inA = false;
        boolean inB = false;
        long intersection = 0;
        long union = 0;
        long remaining = 1;
        while (remaining > 0) {
            long step = Math.min(restA, restB);
            if (inA || inB) {
                union += step;
                if (inA && inB) {
                    intersection += step;
                }
            }
            restA -= step;
            if (restA == 0 && nextA < a.length) {
                restA = a[nextA++];
                inA = !inA;
            }
            restB -= step;
            if (restB == 0 && nextB < b.length) {
                restB = b[nextB++];
                inB = !inB;
            }
            remaining = restA + restB;
        }
        if (intersection == 0) {
            union = 1;
        } else if (crowd) {
            union = area;
        }
        return (double) intersection / (double) union;
    }

    /** Whether the rleToBbox boxes overlap with positive width and height (the pre-check of rleIou). */
    public boolean boxesOverlap(Rle other) {
        long w = Math.min(bboxX + bboxWidth, other.bboxX + other.bboxWidth) - Math.max(bboxX, other.bboxX);
        if (w <= 0) {
            return false;
        }
        long h = Math.min(bboxY + bboxHeight, other.bboxY + other.bboxHeight) - Math.max(bboxY, other.bboxY);
        return h > 0;
    }

    /** Number of pixels that are foreground in both masks (sizes must match). */
    public long intersectionArea(Rle other) {
        if (area == 0 || other.area == 0) {
            return 0;
        }
        int lo = Math.max(firstForeground, other.firstForeground);
        int hi = Math.min(endForeground, other.endForeground);
        if (lo >= hi) {
            return 0;
        }
        int[] a = ends;
        int[] b = other.ends;
        int ia = firstForegroundRunEndingAfter(a, lo);
        int ib = firstForegroundRunEndingAfter(b, lo);
        long common = 0;
        while (ia < a.length && ib < b.length) {
            int startA = a[ia - 1];
            int startB = b[ib - 1];
            int start = Math.max(startA, startB);
            if (start >= hi) {
                break;
            }
            int endA = a[ia];
            int endB = b[ib];
            int end = Math.min(endA, endB);
            if (end > start) {
                common += end - start;
            }
            if (endA <= endB) {
                ia += 2;
            } else {
                ib += 2;
            }
        }
        return common;
    }

    /** Smallest odd index j (a foreground run) with {@code ends[j] > position}; {@code ends.length} if none. */
    private static int firstForegroundRunEndingAfter(int[] ends, int position) {
        int lo = 0;
        int hi = ends.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] > position) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return (lo & 1) == 1 ? lo : lo + 1;
    }

    // ----------------------------------------------------------------------------------------------------------------

    @Override
    public boolean equals(Object o) {
        return o instanceof Rle other && height == other.height && width == other.width
                && Arrays.equals(ends, other.ends);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * height + width) + Arrays.hashCode(ends);
    }

    @Override
    public String toString() {
        return "Rle[" + height + "x" + width + ", area=" + area + ", runs=" + ends.length + "]";
    }

    /** Collects run boundaries while scanning a mask. */
    private static final class RunBuilder {
        private int[] ends = new int[64];
        private int size;

        void add(int boundary) {
            if (size == ends.length) {
                ends = Arrays.copyOf(ends, size * 2);
            }
            ends[size++] = boundary;
        }

        Rle finish(int height, int width, int pixels) {
            add(pixels);
            return new Rle(height, width, Arrays.copyOf(ends, size));
        }
    }
}
