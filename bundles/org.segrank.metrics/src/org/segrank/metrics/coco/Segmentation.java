package org.segrank.metrics.coco;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.segrank.metrics.mask.Rle;

/**
 * The {@code segmentation} field of a COCO annotation or result, kept in the form it was read so it can be written
 * back unchanged. {@link #toRle} converts it to a mask the way {@code COCO.annToRLE} does.
 */
public sealed interface Segmentation permits Segmentation.Polygons, Segmentation.UncompressedRle,
        Segmentation.CompressedRle {

    /**
     * The mask of this segmentation on an image of the given size. Polygons are rasterised at the image size and
     * merged by union; RLE forms carry their own size, which must equal the image size.
     *
     * @throws IllegalArgumentException if the RLE size differs from the image size or the data is malformed
     */
    Rle toRle(int imageHeight, int imageWidth);

    /** Wraps a mask as compressed RLE, the form results are written in. */
    static CompressedRle of(Rle mask) {
        return new CompressedRle(mask.height(), mask.width(), mask.toCompressedString());
    }

    /** One or more polygons, each a flat {@code [x1, y1, x2, y2, ...]} list in pixel coordinates. */
    final class Polygons implements Segmentation {
        private final List<double[]> polygons;

        public Polygons(List<double[]> polygons) {
            List<double[]> copy = new ArrayList<>(polygons.size());
            for (double[] polygon : polygons) {
                copy.add(polygon.clone());
            }
            this.polygons = List.copyOf(copy);
        }

        /** Number of polygons. */
        public int size() {
            return polygons.size();
        }

        /** A copy of polygon {@code index}. */
        public double[] polygon(int index) {
            return polygons.get(index).clone();
        }

        @Override
        public Rle toRle(int imageHeight, int imageWidth) {
            return Rle.fromPolygon(polygons.toArray(new double[0][]), imageHeight, imageWidth);
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Polygons other) || other.polygons.size() != polygons.size()) {
                return false;
            }
            for (int i = 0; i < polygons.size(); i++) {
                if (!Arrays.equals(polygons.get(i), other.polygons.get(i))) {
                    return false;
                }
            }
            return true;
        }

        @Override
        public int hashCode() {
            int hash = 1;
            for (double[] polygon : polygons) {
                hash = 31 * hash + Arrays.hashCode(polygon);
            }
            return hash;
        }

        @Override
        public String toString() {
            return "Polygons[" + polygons.size() + "]";
        }
    }

    /** RLE with explicit counts ({@code {"size": [h, w], "counts": [..]}}). */
    final class UncompressedRle implements Segmentation {
        private final int height;
        private final int width;
        private final int[] counts;

        public UncompressedRle(int height, int width, int[] counts) {
            this.height = height;
            this.width = width;
            this.counts = counts.clone();
        }

        public int height() {
            return height;
        }

        public int width() {
            return width;
        }

        public int[] counts() {
            return counts.clone();
        }

        @Override
        public Rle toRle(int imageHeight, int imageWidth) {
            requireImageSize(height, width, imageHeight, imageWidth);
            return Rle.of(height, width, counts);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof UncompressedRle other && height == other.height && width == other.width
                    && Arrays.equals(counts, other.counts);
        }

        @Override
        public int hashCode() {
            return Objects.hash(height, width, Arrays.hashCode(counts));
        }

        @Override
        public String toString() {
            return "UncompressedRle[" + height + "x" + width + ", " + counts.length + " runs]";
        }
    }

    /**
     * RLE in the compressed string form ({@code {"size": [h, w], "counts": "..."}}).
     *
     * @param height mask height
     * @param width mask width
     * @param counts the compressed counts string
     */
    record CompressedRle(int height, int width, String counts) implements Segmentation {

        public CompressedRle {
            Objects.requireNonNull(counts, "counts");
        }

        @Override
        public Rle toRle(int imageHeight, int imageWidth) {
            requireImageSize(height, width, imageHeight, imageWidth);
            return Rle.fromCompressedString(counts, height, width);
        }
    }

    private static void requireImageSize(int height, int width, int imageHeight, int imageWidth) {
        if (height != imageHeight || width != imageWidth) {
            throw new IllegalArgumentException("RLE size [" + height + ", " + width
                    + "] does not match the image size [" + imageHeight + ", " + imageWidth + "] (height, width)");
        }
    }
}
