package org.segrank.backbones;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class PreprocessingTest {

    private static final Preprocessing IMAGENET = Preprocessing.imageNet();

    @Test
    void resizeAndCropReproducePilPixelForPixel() {
        for (Fixtures.ExpectedCase expected : Fixtures.cases()) {
            BufferedImage image = Fixtures.image(expected.image());
            int[] size = IMAGENET.resizedSize(image.getWidth(), image.getHeight());
            assertArrayEquals(new int[] {expected.resizedWidth(), expected.resizedHeight()}, size, expected.image());
            byte[][] planes = IMAGENET.cropPlanes(image);
            assertEquals(expected.mode().equals("L") ? 1 : 3, planes.length, expected.image());
            BufferedImage crop = Fixtures.image(expected.crop());
            int[] argb = crop.getRGB(0, 0, 224, 224, null, 0, 224);
            int differing = 0;
            for (int c = 0; c < 3; c++) {
                byte[] plane = planes[planes.length == 1 ? 0 : c];
                for (int i = 0; i < argb.length; i++) {
                    if ((plane[i] & 0xFF) != ((argb[i] >> (16 - 8 * c)) & 0xFF)) {
                        differing++;
                    }
                }
            }
            assertEquals(0, differing, "pixels differing from PIL's crop in " + expected.image());
        }
    }

    @Test
    void longerSideIsTruncatedAndCropOffsetsRoundHalfToEven() {
        assertArrayEquals(new int[] {341, 256}, IMAGENET.resizedSize(320, 240));
        assertArrayEquals(new int[] {256, 343}, IMAGENET.resizedSize(181, 243)); // 343.6 truncated
        assertArrayEquals(new int[] {256, 256}, IMAGENET.resizedSize(100, 100));
        // 341 - 224 = 117: Python's round(58.5) is 58, so the crop starts at column 58, not 59
        BufferedImage image = randomGrey(320, 240, 7);
        byte[] full = PilBilinear.resizeWindow(Preprocessing.planes(image)[0], 320, 240, 341, 256, 0, 0, 341, 256);
        byte[] crop = IMAGENET.cropPlanes(image)[0];
        for (int y = 0; y < 224; y++) {
            for (int x = 0; x < 224; x++) {
                assertEquals(full[(y + 16) * 341 + x + 58], crop[y * 224 + x], "pixel " + x + "," + y);
            }
        }
    }

    @Test
    void identitySizeLeavesPixelsUnchanged() {
        BufferedImage image = randomGrey(224, 224, 3);
        byte[] plane = Preprocessing.planes(image)[0];
        assertArrayEquals(plane, PilBilinear.resizeWindow(plane, 224, 224, 224, 224, 0, 0, 224, 224));
        assertArrayEquals(plane, Preprocessing.square(224).cropPlanes(image)[0]);
    }

    @Test
    void greyIsReplicatedAndNormalisedPerChannel() {
        BufferedImage image = randomGrey(300, 260, 11);
        float[] chw = IMAGENET.apply(image);
        byte[] grey = IMAGENET.cropPlanes(image)[0];
        int plane = 224 * 224;
        for (int i = 0; i < plane; i += 97) {
            float v = (grey[i] & 0xFF) / 255f;
            assertEquals((v - 0.485f) / 0.229f, chw[i]);
            assertEquals((v - 0.456f) / 0.224f, chw[plane + i]);
            assertEquals((v - 0.406f) / 0.225f, chw[2 * plane + i]);
        }
    }

    @Test
    void sixteenBitGreyIsScaledToEightBits() {
        BufferedImage image = new BufferedImage(2, 1, BufferedImage.TYPE_USHORT_GRAY);
        image.getRaster().setSample(0, 0, 0, 65535);
        image.getRaster().setSample(1, 0, 0, 257 * 100);
        assertArrayEquals(new byte[] {(byte) 255, 100}, Preprocessing.planes(image)[0]);
    }

    @Test
    void settingsAreValidatedAndRecorded() {
        assertThrows(IllegalArgumentException.class, () -> new Preprocessing(200, 224, Preprocessing.IMAGENET_MEAN,
                Preprocessing.IMAGENET_STD));
        assertThrows(IllegalArgumentException.class, () -> new Preprocessing(256, 224, List.of(0.5f),
                List.of(0.5f)));
        assertThrows(IllegalArgumentException.class, () -> new Preprocessing(256, 224, Preprocessing.IMAGENET_MEAN,
                List.of(0.2f, 0f, 0.2f)));
        assertEquals("{\"resize_shorter_side\":256,\"interpolation\":\"bilinear-antialiased-pil\",\"crop\":224,"
                + "\"colour\":\"rgb-grey-replicated\",\"scale\":\"1/255\",\"mean\":[0.485000,0.456000,0.406000],"
                + "\"std\":[0.229000,0.224000,0.225000]}", IMAGENET.toJson());
    }

    static BufferedImage randomGrey(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        SplittableRandom random = new SplittableRandom(seed);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, random.nextInt(256));
            }
        }
        return image;
    }
}
