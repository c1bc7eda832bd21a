package org.segrank.features;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.segrank.datasets.corpus.GeneratedImage;
import org.segrank.datasets.corpus.ParticleImageGenerator;
import org.segrank.datasets.corpus.Regime;
import org.segrank.workspace.Image;
import org.segrank.workspace.NewDataset;
import org.segrank.workspace.NewImage;
import org.segrank.workspace.StoredFile;
import org.segrank.workspace.Workspace;

/** Images and datasets shared by the feature tests. */
final class TestImages {
    private static final ParticleImageGenerator GENERATOR = new ParticleImageGenerator();

    private TestImages() {
    }

    static BufferedImage generated(String regime, int side, long seed) {
        return generated(regime, side, side, seed);
    }

    static BufferedImage generated(String regime, int width, int height, long seed) {
        return GENERATOR.generate(Regime.byName(regime), width, height, seed).toGrayImage();
    }

    static GeneratedImage generated(Regime regime, int side, long seed) {
        return GENERATOR.generate(regime, side, side, seed);
    }

    /** An 8-bit grey image filled with {@code level}. */
    static BufferedImage uniform(int width, int height, int level) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] pixels = pixels(image);
        java.util.Arrays.fill(pixels, (byte) level);
        return image;
    }

    /** Grey image with axis-aligned squares of {@code foreground} on {@code background}; squares are {x, y, side}. */
    static BufferedImage squares(int width, int height, int background, int foreground, int[]... squares) {
        BufferedImage image = uniform(width, height, background);
        byte[] pixels = pixels(image);
        for (int[] square : squares) {
            for (int y = square[1]; y < square[1] + square[2]; y++) {
                for (int x = square[0]; x < square[0] + square[2]; x++) {
                    pixels[y * width + x] = (byte) foreground;
                }
            }
        }
        return image;
    }

    /** The photographic negative of an 8-bit grey image. */
    static BufferedImage negative(BufferedImage grey) {
        BufferedImage result = new BufferedImage(grey.getWidth(), grey.getHeight(), BufferedImage.TYPE_BYTE_GRAY);
        byte[] source = pixels(grey);
        byte[] target = pixels(result);
        for (int i = 0; i < source.length; i++) {
            target[i] = (byte) (255 - (source[i] & 0xFF));
        }
        return result;
    }

    /** The same grey levels as an RGB image of the given type (R = G = B). */
    static BufferedImage asRgb(BufferedImage grey, int type) {
        BufferedImage result = new BufferedImage(grey.getWidth(), grey.getHeight(), type);
        byte[] source = pixels(grey);
        for (int y = 0; y < grey.getHeight(); y++) {
            for (int x = 0; x < grey.getWidth(); x++) {
                int v = source[y * grey.getWidth() + x] & 0xFF;
                result.setRGB(x, y, 0xFF000000 | v << 16 | v << 8 | v);
            }
        }
        return result;
    }

    static byte[] pixels(BufferedImage grey) {
        return ((DataBufferByte) grey.getRaster().getDataBuffer()).getData();
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer");
        }
        return out.toByteArray();
    }

    static StoredFile store(Workspace workspace, byte[] content) throws IOException {
        return workspace.put(new ByteArrayInputStream(content));
    }

    /**
     * A dataset of generated {@code side x side} images cycling through {@code regimes}: image
     * {@code i} is {@code image-<i>.png} with seed {@code 100 + i}, split "candidate" for even and
     * "query" for odd {@code i}.
     */
    static List<Image> dataset(Workspace workspace, String name, List<String> regimes, int count, int side)
            throws IOException {
        workspace.datasets().create(NewDataset.named(name));
        List<NewImage> images = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String regime = regimes.get(i % regimes.size());
            StoredFile stored = store(workspace, png(generated(regime, side, 100 + i)));
            images.add(new NewImage(String.format("image-%02d.png", i), stored.sha256(), side, side,
                    i % 2 == 0 ? "candidate" : "query", null, regime, List.of()));
        }
        return workspace.datasets().addImages(name, "test", images);
    }

    /** Adds one image with arbitrary content (e.g. not an image at all) to a dataset. */
    static Image addRaw(Workspace workspace, String dataset, String fileName, byte[] content, String split)
            throws IOException {
        StoredFile stored = store(workspace, content);
        return workspace.datasets().addImages(dataset, "test",
                List.of(new NewImage(fileName, stored.sha256(), 64, 64, split, null, null, List.of()))).get(0);
    }
}
