package org.segrank.features;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Decodes image files with javax.imageio, in memory and with a size limit. */
final class ImageDecoding {
    /** Larger images are refused before decoding: a bigger raster could exhaust the heap of parallel workers. */
    static final long MAX_PIXELS = 100_000_000L;

    private ImageDecoding() {
    }

    /**
     * The first image in the file's bytes. A memory-cached stream avoids javax.imageio's temporary
     * cache files without changing its global {@code ImageIO.setUseCache} setting.
     *
     * @throws IOException if no installed reader knows the format, the file is corrupt or truncated, or
     *     it has more than {@link #MAX_PIXELS} pixels
     */
    static BufferedImage decode(byte[] bytes) throws IOException {
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new IOException("not an image in a format Java can read (PNG, JPEG, BMP, GIF, TIFF, WBMP)");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new IOException("image of " + reader.getWidth(0) + "x" + reader.getHeight(0)
                            + " pixels is larger than the limit of " + MAX_PIXELS + " pixels");
                }
                BufferedImage image = reader.read(0);
                if (image == null) {
                    throw new IOException("the " + reader.getFormatName() + " reader returned no image");
                }
                return image;
            } catch (RuntimeException e) {
                // Some readers throw unchecked exceptions on corrupt data; that is still a corrupt file.
                throw new IOException("corrupt " + reader.getFormatName() + " data: " + e, e);
            } finally {
                reader.dispose();
            }
        }
    }
}
