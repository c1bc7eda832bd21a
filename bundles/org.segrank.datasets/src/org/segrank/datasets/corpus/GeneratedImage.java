package org.segrank.datasets.corpus;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.util.List;
import java.util.Objects;

/**
 * One generated micrograph: 8-bit grey pixels, the instance label map and per-instance metadata.
 * Immutable: array accessors return copies.
 *
 * <p>Label guarantees: {@code 0} is background, instances are labelled {@code 1..n} with every id
 * present; a pixel carries the id of the last-drawn particle whose outline contains the pixel centre,
 * so labels are exactly the visible pixels; instances whose visible area fell below the generator's
 * minimum were relabelled background (their few pixels still show in the image).
 */
public final class GeneratedImage {

    private final Regime regime;
    private final long seed;
    private final int width;
    private final int height;
    private final ImagingConditions conditions;
    private final byte[] pixels;
    private final int[] labels;
    private final List<InstanceInfo> instances;

    GeneratedImage(Regime regime, long seed, int width, int height, ImagingConditions conditions, byte[] pixels,
            int[] labels, List<InstanceInfo> instances) {
        this.regime = Objects.requireNonNull(regime);
        this.seed = seed;
        this.width = width;
        this.height = height;
        this.conditions = Objects.requireNonNull(conditions);
        this.pixels = pixels;
        this.labels = labels;
        this.instances = List.copyOf(instances);
        if (pixels.length != width * height || labels.length != width * height) {
            throw new IllegalArgumentException("buffers do not match " + width + "x" + height);
        }
    }

    public Regime regime() {
        return regime;
    }

    /** The seed passed to {@link ParticleImageGenerator#generate}. */
    public long seed() {
        return seed;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** The imaging conditions drawn for this image. */
    public ImagingConditions conditions() {
        return conditions;
    }

    /** Grey levels 0..255 (as unsigned bytes), row-major; a copy. */
    public byte[] pixels() {
        return pixels.clone();
    }

    /** Instance labels, row-major, 0 = background; a copy. */
    public int[] labels() {
        return labels.clone();
    }

    /** Grey level 0..255 at column {@code x}, row {@code y}. */
    public int pixel(int x, int y) {
        return pixels[index(x, y)] & 0xFF;
    }

    /** Instance label at column {@code x}, row {@code y}; 0 = background. */
    public int label(int x, int y) {
        return labels[index(x, y)];
    }

    /** Instance metadata; element {@code i} describes label {@code i + 1}. */
    public List<InstanceInfo> instances() {
        return instances;
    }

    public int instanceCount() {
        return instances.size();
    }

    /** The pixels as a new {@link BufferedImage#TYPE_BYTE_GRAY} image. */
    public BufferedImage toGrayImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] target = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        System.arraycopy(pixels, 0, target, 0, pixels.length);
        return image;
    }

    /** The labels as a new 16-bit {@link BufferedImage#TYPE_USHORT_GRAY} image (ids fit: at most 65535). */
    public BufferedImage toLabelImage() {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
        short[] target = ((DataBufferUShort) image.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < labels.length; i++) {
            target[i] = (short) labels[i];
        }
        return image;
    }

    private int index(int x, int y) {
        if (x < 0 || y < 0 || x >= width || y >= height) {
            throw new IndexOutOfBoundsException("(" + x + ", " + y + ") outside " + width + "x" + height);
        }
        return y * width + x;
    }

    @Override
    public String toString() {
        return "GeneratedImage[" + regime.name() + ", seed " + seed + ", " + width + "x" + height + ", "
                + instances.size() + " instances]";
    }
}
