package org.segrank.datasets.io;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

import org.segrank.workspace.Workspace;

/** Small hand-made images, masks and label images for the import tests. */
final class TestFiles {
    static final int SIDE = 20;

    private TestFiles() {
    }

    /** A 20x20 mask / label map with rectangles painted in. */
    static final class Canvas {
        final int width;
        final int height;
        final int[] values;

        Canvas(int width, int height) {
            this.width = width;
            this.height = height;
            this.values = new int[width * height];
        }

        Canvas() {
            this(SIDE, SIDE);
        }

        /** Paints {@code value} on the rectangle with top-left (x, y) and the given size. */
        Canvas rect(int x, int y, int w, int h, int value) {
            for (int yy = y; yy < y + h; yy++) {
                for (int xx = x; xx < x + w; xx++) {
                    values[yy * width + xx] = value;
                }
            }
            return this;
        }

        Canvas pixel(int x, int y, int value) {
            values[y * width + x] = value;
            return this;
        }

        /** Row-major {@code values == value}. */
        boolean[] maskOf(int value) {
            boolean[] mask = new boolean[values.length];
            for (int i = 0; i < values.length; i++) {
                mask[i] = values[i] == value;
            }
            return mask;
        }

        /** An 8-bit greyscale PNG of the values. */
        Path writeGrey(Path file) throws IOException {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            image.getRaster().setSamples(0, 0, width, height, 0, values);
            return write(image, "png", file);
        }

        /** A 16-bit greyscale PNG of the values. */
        Path write16(Path file) throws IOException {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_USHORT_GRAY);
            image.getRaster().setSamples(0, 0, width, height, 0, values);
            return write(image, "png", file);
        }
    }

    /** A textured 8-bit grey image; {@code seed} makes different images have different content. */
    static Path image(Path file, int width, int height, int seed) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.getRaster().setSample(x, y, 0, (x * 7 + y * 13 + seed * 31) & 0xff);
            }
        }
        return write(image, "png", file);
    }

    static Path image(Path file, int seed) throws IOException {
        return image(file, SIDE, SIDE, seed);
    }

    /** Writes an image in a format ImageIO knows ("png", "jpeg", "bmp", "tiff", "gif"). */
    static Path write(BufferedImage image, String format, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no writer for " + format);
        }
        return file;
    }

    static Path text(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /**
     * A PNG whose IHDR claims {@code width x height} (CRC fixed up) while its pixel data is that of a tiny
     * image: decoding it would need gigabytes, so only a header check can refuse it in time.
     */
    static Path decompressionBomb(Path file, int width, int height) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_GRAY), "png", bytes);
        byte[] png = bytes.toByteArray();
        ByteBuffer buffer = ByteBuffer.wrap(png);
        // signature (8) + IHDR length (4) + "IHDR" (4), then width and height, then 5 more header bytes, then CRC
        if (!new String(png, 12, 4, StandardCharsets.ISO_8859_1).equals("IHDR")) {
            throw new IllegalStateException("unexpected PNG layout");
        }
        buffer.putInt(16, width);
        buffer.putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 4 + 13);
        buffer.putInt(12 + 4 + 13, (int) crc.getValue());
        Files.createDirectories(file.toAbsolutePath().getParent());
        return Files.write(file, png);
    }

    /** How many images the dataset has (0 if it does not exist). */
    static int imageCount(Workspace workspace, String dataset) {
        return workspace.datasets().findByName(dataset).isEmpty() ? 0
                : workspace.datasets().images(dataset, null).size();
    }
}
