package org.segrank.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferUShort;
import java.awt.image.IndexColorModel;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.segrank.core.InvalidInputException;
import org.segrank.datasets.corpus.ParticleImageGenerator;

class ParticleDescriptorExtractorTest {
    private static final int D = ParticleDescriptorExtractor.DIMENSION;
    private final ParticleDescriptorExtractor extractor = new ParticleDescriptorExtractor();

    @Test
    void identityAndLayoutAreConsistent() {
        assertEquals("particle-descriptor", extractor.name());
        assertEquals(ParticleDescriptorExtractor.VERSION, extractor.version());
        assertEquals(109, D);
        assertEquals(D, extractor.dimension());
        assertEquals(D, ParticleDescriptorExtractor.featureNames().size());
        assertEquals(D, new HashSet<>(ParticleDescriptorExtractor.featureNames()).size(), "names are unique");
        assertEquals("intensity.polarity", ParticleDescriptorExtractor.featureNames().get(ParticleDescriptorExtractor.POLARITY));
        assertEquals("morphology.foreground_fraction",
                ParticleDescriptorExtractor.featureNames().get(ParticleDescriptorExtractor.FOREGROUND_FRACTION));
        assertEquals("appearance.inside_1px",
                ParticleDescriptorExtractor.featureNames().get(ParticleDescriptorExtractor.APPEARANCE_START));
        assertTrue(extractor.settingsHash().matches("[0-9a-f]{64}"), extractor.settingsHash());
        assertEquals(extractor.settingsHash(), new ParticleDescriptorExtractor().settingsHash());
        assertTrue(extractor.settingsJson().startsWith("{\"name\":\"particle-descriptor\",\"version\":\""),
                extractor.settingsJson());
    }

    @Test
    void referenceConstantsMatchTheLayoutAndTheCorpusGenerator() {
        assertEquals(D, ParticleDescriptorReference.MEAN.length);
        assertEquals(D, ParticleDescriptorReference.SCALE.length);
        for (int i = 0; i < D; i++) {
            assertTrue(Double.isFinite(ParticleDescriptorReference.MEAN[i]), "mean " + i);
            assertTrue(ParticleDescriptorReference.SCALE[i] > 0, "scale " + i);
        }
        // A new generator version changes the reference corpus: recalibrate and bump the extractor version.
        assertTrue(ParticleDescriptorReference.SOURCE.startsWith(
                "particle corpus generator " + ParticleImageGenerator.VERSION + ","), ParticleDescriptorReference.SOURCE);
    }

    @Test
    void sameImageGivesBitIdenticalVectorsAcrossCallsInstancesAndThreads() throws Exception {
        BufferedImage image = TestImages.generated("minerals-small-dense-noisy", 160, 3);
        float[] first = extractor.extract(image);
        assertArrayEquals(first, extractor.extract(image));
        assertArrayEquals(first, new ParticleDescriptorExtractor().extract(image));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[]>> results = pool.invokeAll(
                    java.util.Collections.nCopies(8, () -> extractor.extract(image)));
            for (Future<float[]> result : results) {
                assertArrayEquals(first, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
        float[] other = extractor.extract(TestImages.generated("minerals-small-dense-noisy", 160, 4));
        assertNotEquals(Arrays.toString(first), Arrays.toString(other), "different images differ");
    }

    @Test
    void edgeCasesGiveFiniteVectorsOfTheFixedDimension() {
        BufferedImage[] images = {
            TestImages.uniform(64, 64, 0),
            TestImages.uniform(64, 64, 255),
            TestImages.uniform(16, 16, 128),
            TestImages.generated("hair-small-sparse", 16, 1),
            TestImages.squares(16, 16, 0, 255, new int[] {0, 0, 16}), // all foreground
            TestImages.squares(40, 17, 200, 20, new int[] {3, 3, 2}), // one speck below the minimum area
            checkerboard(33, 31),
            TestImages.generated("bread-large-dense", 2100, 1100, 7), // reduced by 3
            TestImages.asRgb(TestImages.generated("round-small-dense", 64, 2), BufferedImage.TYPE_INT_ARGB),
        };
        for (BufferedImage image : images) {
            float[] vector = extractor.extract(image);
            double[] raw = extractor.rawFeatures(image);
            assertEquals(D, vector.length);
            assertEquals(D, raw.length);
            for (int i = 0; i < D; i++) {
                String where = image.getWidth() + "x" + image.getHeight() + " value " + i + " "
                        + ParticleDescriptorExtractor.featureNames().get(i);
                assertTrue(Float.isFinite(vector[i]), where);
                assertTrue(Double.isFinite(raw[i]), where);
            }
        }
        double[] black = extractor.rawFeatures(images[0]);
        assertEquals(0, black[ParticleDescriptorExtractor.FOREGROUND_FRACTION]);
        assertEquals(0, black[ParticleDescriptorExtractor.COMPONENTS_PER_MEGAPIXEL]);
        assertEquals(0, extractor.rawFeatures(images[5])[ParticleDescriptorExtractor.COMPONENTS_PER_MEGAPIXEL],
                "a 4-pixel speck is noise");
    }

    @Test
    void imagesUnderTheMinimumSideAreRefused() {
        InvalidInputException tooSmall = assertThrows(InvalidInputException.class,
                () -> extractor.extract(TestImages.uniform(15, 64, 10)));
        assertTrue(tooSmall.getMessage().contains("15x64"), tooSmall.getMessage());
        assertThrows(InvalidInputException.class, () -> extractor.extract(TestImages.uniform(1, 1, 10)));
        assertEquals(D, extractor.extract(TestImages.uniform(16, 16, 10)).length);
    }

    @Test
    void colourDeepAndIndexedEncodingsOfTheSameGreyLevelsGiveTheSameVector() {
        BufferedImage grey = TestImages.generated("square-small-sparse", 96, 5);
        float[] expected = extractor.extract(grey);
        assertArrayEquals(expected, extractor.extract(TestImages.asRgb(grey, BufferedImage.TYPE_INT_RGB)));
        assertArrayEquals(expected, extractor.extract(TestImages.asRgb(grey, BufferedImage.TYPE_3BYTE_BGR)));

        BufferedImage deep = new BufferedImage(96, 96, BufferedImage.TYPE_USHORT_GRAY);
        short[] samples = ((DataBufferUShort) deep.getRaster().getDataBuffer()).getData();
        byte[] levels = TestImages.pixels(grey);
        for (int i = 0; i < samples.length; i++) {
            samples[i] = (short) ((levels[i] & 0xFF) * 257); // 16-bit level exactly representing the 8-bit one
        }
        assertArrayEquals(expected, extractor.extract(deep));

        byte[] ramp = new byte[256];
        for (int i = 0; i < 256; i++) {
            ramp[i] = (byte) i;
        }
        BufferedImage indexed = new BufferedImage(96, 96, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, 256, ramp, ramp, ramp));
        indexed.getRaster().setDataElements(0, 0, 96, 96, levels);
        assertArrayEquals(expected, extractor.extract(indexed));
    }

    /**
     * Three white 20 x 20 squares on black, 128 x 128: the foreground is exactly 1200 of 16384 pixels in
     * 3 components of 400 px, each a perfect (convex, rectangular) square, light on dark.
     */
    @Test
    void threeSquaresHaveTheExpectedMorphology() {
        BufferedImage image = TestImages.squares(128, 128, 0, 255, new int[] {10, 10, 20}, new int[] {60, 20, 20},
                new int[] {30, 80, 20});
        double[] raw = extractor.rawFeatures(image);
        int m = ParticleDescriptorExtractor.MORPHOLOGY_START;
        assertEquals(-1, raw[ParticleDescriptorExtractor.POLARITY], "light particles on a dark background");
        assertEquals(1200.0 / 16384, raw[ParticleDescriptorExtractor.FOREGROUND_FRACTION], 0);
        double perMegapixel = 3 / (16384 / 1e6);
        assertEquals(Math.log10(1 + perMegapixel), raw[ParticleDescriptorExtractor.COMPONENTS_PER_MEGAPIXEL], 1e-12);
        for (int q = 2; q <= 7; q++) { // count- and area-weighted log-area quantiles
            assertEquals(Math.log10(400), raw[m + q], 1e-12, ParticleDescriptorExtractor.featureNames().get(m + q));
        }
        assertEquals(0, raw[m + 11], 1e-12, "elongation of a square: ln 1");
        assertEquals(1, raw[m + 15], 0, "solidity");
        assertEquals(1, raw[m + 17], 0, "rectangularity");
        assertEquals(0, raw[m + 19], 0, "nothing merged");
        assertEquals(0, raw[m + 23], 0, "none touches the border");
        // The foreground mask is exactly the squares.
        byte[] mask = extractor.foregroundMask(image);
        byte[] pixels = TestImages.pixels(image);
        for (int i = 0; i < mask.length; i++) {
            assertEquals(pixels[i] != 0 ? 1 : 0, mask[i], "pixel " + i);
        }
        // Dark squares on white: the same particles, opposite polarity.
        double[] negative = extractor.rawFeatures(TestImages.negative(image));
        assertEquals(1, negative[ParticleDescriptorExtractor.POLARITY]);
        assertArrayEquals(Arrays.copyOfRange(raw, m, D), Arrays.copyOfRange(negative, m, D));
    }

    /**
     * The promised invariance: an image and its negative share the canonical image, so every value from
     * the blur/noise block on is bit-identical, while the intensity block tells them apart.
     */
    @Test
    void polarityFlipLeavesEverythingButIntensityAndIlluminationUnchanged() {
        for (String regime : List.of("round-small-sparse", "minerals-large-dense-noisy", "hair-small-dense-blurred")) {
            BufferedImage image = TestImages.generated(regime, 128, 11);
            double[] raw = extractor.rawFeatures(image);
            double[] flipped = extractor.rawFeatures(TestImages.negative(image));
            int from = ParticleDescriptorExtractor.BLUR_NOISE_START;
            assertArrayEquals(Arrays.copyOfRange(raw, from, D), Arrays.copyOfRange(flipped, from, D), regime);
            assertEquals(-raw[ParticleDescriptorExtractor.POLARITY], flipped[ParticleDescriptorExtractor.POLARITY], regime);
            assertEquals(1 - raw[0], flipped[0], 1e-12, regime + ": mean level mirrors");
            float[] vector = extractor.extract(image);
            float[] flippedVector = extractor.extract(TestImages.negative(image));
            assertArrayEquals(Arrays.copyOfRange(vector, from, D), Arrays.copyOfRange(flippedVector, from, D), regime);
        }
        assertEquals(1, extractor.rawFeatures(TestImages.generated("round-small-sparse", 128, 11))
                [ParticleDescriptorExtractor.POLARITY], "round particles are dark on light");
    }

    @Test
    void normalisedValuesAreClampedAndWeightedPerBlock() {
        double[] extreme = new double[D];
        Arrays.fill(extreme, 1e9);
        float[] vector = ParticleDescriptorExtractor.normalise(extreme);
        // Block weight / sqrt(block length) times the clamp: texture has weight 1 and 41 values.
        assertEquals(5 / Math.sqrt(41), vector[ParticleDescriptorExtractor.TEXTURE_START], 1e-6);
        assertEquals(1.5 * 5 / Math.sqrt(10), vector[ParticleDescriptorExtractor.APPEARANCE_START], 1e-6);
        float[] atMean = ParticleDescriptorExtractor.normalise(ParticleDescriptorReference.MEAN.clone());
        for (float value : atMean) {
            assertEquals(0, value, 1e-9);
        }
        assertThrows(IllegalArgumentException.class, () -> ParticleDescriptorExtractor.normalise(new double[3]));
    }

    @Test
    void sizesAreMeasuredInOriginalPixelsWhenTheImageIsReduced() {
        // 2048 x 32 is reduced by 2 (long side over 1024): the same squares, twice as large, measure the same
        // areas in original pixels as at full resolution.
        BufferedImage small = TestImages.squares(1024, 32, 0, 255, new int[] {100, 8, 12}, new int[] {500, 6, 12});
        BufferedImage large = TestImages.squares(2048, 64, 0, 255, new int[] {200, 16, 24}, new int[] {1000, 12, 24});
        assertEquals(2, ParticleDescriptorExtractor.workingFactor(2048, 64));
        double[] smallRaw = extractor.rawFeatures(small);
        double[] largeRaw = extractor.rawFeatures(large);
        int m = ParticleDescriptorExtractor.MORPHOLOGY_START;
        assertEquals(smallRaw[m + 3] + Math.log10(4), largeRaw[m + 3], 1e-9, "median log area");
        assertEquals(smallRaw[m], largeRaw[m], 1e-12, "foreground fraction");
    }

    private static BufferedImage checkerboard(int width, int height) {
        BufferedImage image = TestImages.uniform(width, height, 0);
        byte[] pixels = TestImages.pixels(image);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = (byte) (((x / 4 + y / 4) % 2) * 255);
            }
        }
        return image;
    }
}
