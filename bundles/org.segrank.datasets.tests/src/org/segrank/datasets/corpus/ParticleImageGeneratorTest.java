package org.segrank.datasets.corpus;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class ParticleImageGeneratorTest {

    private static final int SIDE = 128;
    private final ParticleImageGenerator generator = new ParticleImageGenerator();

    @Test
    void sameSeedGivesBitIdenticalImagesLabelsAndMetadata() {
        for (ParticleKind kind : ParticleKind.values()) {
            Regime regime = new Regime(kind, SizeClass.SMALL, DensityClass.DENSE, ImagingStyle.NOISY);
            GeneratedImage first = generator.generate(regime, SIDE, 96, 42);
            GeneratedImage second = new ParticleImageGenerator().generate(regime, SIDE, 96, 42);
            assertArrayEquals(first.pixels(), second.pixels(), regime.name());
            assertArrayEquals(first.labels(), second.labels(), regime.name());
            assertEquals(first.instances(), second.instances(), regime.name());
            assertEquals(first.conditions(), second.conditions(), regime.name());
            assertTrue(first.instanceCount() > 0, regime.name());
        }
    }

    @Test
    void generationDoesNotDependOnThreadScheduling() {
        List<Regime> regimes = Regime.fineTuningRegimes();
        List<GeneratedImage> sequential = IntStream.range(0, 16)
                .mapToObj(i -> generator.generate(regimes.get(i), 96, 96, i)).toList();
        List<GeneratedImage> parallel = IntStream.range(0, 16).parallel()
                .mapToObj(i -> generator.generate(regimes.get(i), 96, 96, i)).toList();
        for (int i = 0; i < 16; i++) {
            assertArrayEquals(sequential.get(i).pixels(), parallel.get(i).pixels());
            assertArrayEquals(sequential.get(i).labels(), parallel.get(i).labels());
        }
    }

    @Test
    void differentSeedsOrRegimesGiveDifferentImages() {
        Regime regime = Regime.byName("minerals-small-dense");
        GeneratedImage image = generator.generate(regime, SIDE, SIDE, 1);
        GeneratedImage otherSeed = generator.generate(regime, SIDE, SIDE, 2);
        GeneratedImage otherRegime = generator.generate(Regime.byName("minerals-small-dense-noisy"), SIDE, SIDE, 1);
        assertFalse(Arrays.equals(image.pixels(), otherSeed.pixels()));
        assertFalse(Arrays.equals(image.labels(), otherSeed.labels()));
        assertFalse(Arrays.equals(image.pixels(), otherRegime.pixels()));
        assertFalse(Arrays.equals(image.labels(), otherRegime.labels()));
    }

    @Test
    void everyRegimeLabelsInstancesOneToNWithAtLeastTheMinimumArea() {
        List<Regime> regimes = Regime.fineTuningRegimes();
        for (int r = 0; r < regimes.size(); r++) {
            GeneratedImage image = generator.generate(regimes.get(r), SIDE, SIDE, 1000 + r);
            int n = image.instanceCount();
            assertTrue(n > 0, regimes.get(r).name());
            int[] labels = image.labels();
            assertTrue(Arrays.stream(labels).allMatch(label -> label >= 0 && label <= n), regimes.get(r).name());
            int[] areas = LabelStatistics.areas(labels, n);
            for (int id = 1; id <= n; id++) {
                assertTrue(areas[id] >= ParticleImageGenerator.DEFAULT_MIN_VISIBLE_AREA,
                        regimes.get(r).name() + " instance " + id + " has area " + areas[id]);
            }
        }
    }

    @Test
    void aLargerMinimumVisibleAreaDropsSmallerInstances() {
        Regime regime = Regime.byName("bread-small-dense");
        GeneratedImage strict = new ParticleImageGenerator(80).generate(regime, SIDE, SIDE, 5);
        GeneratedImage lenient = generator.generate(regime, SIDE, SIDE, 5);
        assertTrue(strict.instances().stream().allMatch(instance -> instance.area() >= 80));
        assertTrue(strict.instanceCount() < lenient.instanceCount());
        assertArrayEquals(strict.pixels(), lenient.pixels(), "the minimum only changes labels");
    }

    @Test
    void metadataMatchesTheLabelMap() {
        for (Regime regime : List.of(Regime.byName("hair-small-dense"), Regime.byName("square-small-dense"),
                Regime.byName("round-large-sparse"), Regime.byName("bread-small-dense-noisy"))) {
            GeneratedImage image = generator.generate(regime, 160, 120, 7);
            int[] labels = image.labels();
            int n = image.instanceCount();
            int[] areas = LabelStatistics.areas(labels, n);
            boolean[] touching = new boolean[n + 1];
            for (long pair : LabelStatistics.touchingPairs(labels, 160, 120)) {
                touching[(int) (pair / 65536)] = true;
                touching[(int) (pair % 65536)] = true;
            }
            for (int id = 1; id <= n; id++) {
                InstanceInfo instance = image.instances().get(id - 1);
                assertEquals(id, instance.id());
                assertEquals(regime.kind(), instance.kind());
                assertEquals(areas[id], instance.area(), regime + " area of " + id);
                assertTrue(instance.unoccludedArea() >= instance.area());
                assertEquals(touching[id], instance.touching(), regime + " touching of " + id);
                int minX = Integer.MAX_VALUE;
                int minY = Integer.MAX_VALUE;
                int maxX = -1;
                int maxY = -1;
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] == id) {
                        minX = Math.min(minX, i % 160);
                        maxX = Math.max(maxX, i % 160);
                        minY = Math.min(minY, i / 160);
                        maxY = Math.max(maxY, i / 160);
                    }
                }
                assertEquals(List.of(minX, minY, maxX - minX + 1, maxY - minY + 1),
                        List.of(instance.x(), instance.y(), instance.width(), instance.height()), regime + " box of " + id);
            }
        }
    }

    @Test
    void denseRegimesProduceTouchingAndOccludedInstancesAndSparseOnesFewer() {
        for (ParticleKind kind : ParticleKind.values()) {
            int denseTouching = 0;
            int sparseTouching = 0;
            int denseOccluded = 0;
            for (long seed = 0; seed < 3; seed++) {
                GeneratedImage dense = generator.generate(
                        new Regime(kind, SizeClass.SMALL, DensityClass.DENSE, ImagingStyle.STANDARD), 192, 192, seed);
                GeneratedImage sparse = generator.generate(
                        new Regime(kind, SizeClass.SMALL, DensityClass.SPARSE, ImagingStyle.STANDARD), 192, 192, seed);
                denseTouching += LabelStatistics.touchingPairs(dense.labels(), 192, 192).size();
                sparseTouching += LabelStatistics.touchingPairs(sparse.labels(), 192, 192).size();
                denseOccluded += (int) dense.instances().stream().filter(InstanceInfo::occluded).count();
            }
            assertTrue(denseTouching >= 10, kind + " dense touching pairs: " + denseTouching);
            assertTrue(denseOccluded >= 3, kind + " dense occluded instances: " + denseOccluded);
            assertTrue(sparseTouching * 3 < denseTouching, kind + ": sparse " + sparseTouching + " vs dense " + denseTouching);
            if (kind != ParticleKind.BREAD_BUBBLES) {
                assertEquals(0, sparseTouching, kind + " sparse layouts keep a gap");
            }
        }
    }

    @Test
    void kindsAndSizeClassesGiveMeasurablyDifferentInstances() {
        // Fibres are longer than the image, so every fibre piece counts; compact shapes count when whole.
        double hairElongation = meanElongation("hair-small-dense", false);
        double roundElongation = meanElongation("round-small-dense", true);
        assertTrue(hairElongation > 4, "hair elongation " + hairElongation);
        assertTrue(roundElongation < 1.3, "round elongation " + roundElongation);
        assertTrue(hairElongation > 3 * roundElongation);

        double smallArea = meanUnoccludedArea("round-small-sparse");
        double largeArea = meanUnoccludedArea("round-large-sparse");
        assertTrue(largeArea > 3 * smallArea, "large " + largeArea + " vs small " + smallArea);
    }

    @Test
    void labelledPixelsHaveThePolarityOfTheirRegime() {
        // Dark-on-light: instances darker than background; light-on-dark and inverted: the reverse.
        assertTrue(particleMinusBackground("round-small-dense") < -20);
        assertTrue(particleMinusBackground("round-large-sparse-inverted") > 20);
        assertTrue(particleMinusBackground("minerals-small-dense") > 20);
        assertTrue(particleMinusBackground("minerals-small-dense-inverted") < -20);
        assertTrue(particleMinusBackground("hair-large-dense") < -10);
        double lowContrast = Math.abs(particleMinusBackground("round-small-dense-low-contrast"));
        double standard = Math.abs(particleMinusBackground("round-small-dense"));
        assertTrue(lowContrast < 0.6 * standard, "low contrast " + lowContrast + " vs standard " + standard);
    }

    @Test
    void blurredRegimesHaveSofterEdgesAndNoisyRegimesMoreNoise() {
        double standardEdge = relativeEdgeJump("round-large-dense");
        double blurredEdge = relativeEdgeJump("round-large-dense-blurred");
        assertTrue(blurredEdge < 0.7 * standardEdge, "blurred " + blurredEdge + " vs standard " + standardEdge);

        double standardNoise = backgroundNoise("round-small-sparse");
        double noisyNoise = backgroundNoise("round-small-sparse-noisy");
        assertTrue(noisyNoise > 2 * standardNoise, "noisy " + noisyNoise + " vs standard " + standardNoise);
    }

    @Test
    void exportedImagesCarryTheSamePixelsAndLabels() {
        GeneratedImage image = generator.generate(Regime.byName("square-small-dense"), 80, 64, 3);
        BufferedImage gray = image.toGrayImage();
        BufferedImage labels = image.toLabelImage();
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, gray.getType());
        assertEquals(BufferedImage.TYPE_USHORT_GRAY, labels.getType());
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 80; x++) {
                assertEquals(image.pixel(x, y), gray.getRaster().getSample(x, y, 0));
                assertEquals(image.label(x, y), labels.getRaster().getSample(x, y, 0));
            }
        }
    }

    @Test
    void rejectsInvalidArguments() {
        Regime regime = Regime.fineTuningRegimes().get(0);
        assertThrows(IllegalArgumentException.class, () -> generator.generate(regime, 8, 64, 1));
        assertThrows(IllegalArgumentException.class, () -> generator.generate(regime, 64, 9000, 1));
        assertThrows(NullPointerException.class, () -> generator.generate(null, 64, 64, 1));
        assertThrows(IllegalArgumentException.class, () -> new ParticleImageGenerator(0));
    }

    private double meanElongation(String regimeName, boolean wholeOnly) {
        double sum = 0;
        int count = 0;
        for (long seed = 0; seed < 3; seed++) {
            GeneratedImage image = generator.generate(Regime.byName(regimeName), 192, 192, seed);
            int[] labels = image.labels();
            for (InstanceInfo instance : image.instances()) {
                // Whole: unoccluded and away from the border.
                boolean whole = !instance.occluded() && instance.x() > 0 && instance.y() > 0
                        && instance.x() + instance.width() < 192 && instance.y() + instance.height() < 192;
                if (whole || !wholeOnly) {
                    sum += LabelStatistics.elongation(labels, 192, instance.id());
                    count++;
                }
            }
        }
        assertTrue(count >= 5, regimeName + " has too few whole instances: " + count);
        return sum / count;
    }

    private double meanUnoccludedArea(String regimeName) {
        return IntStream.range(0, 4)
                .mapToObj(seed -> generator.generate(Regime.byName(regimeName), 256, 256, seed))
                .flatMap(image -> image.instances().stream())
                .mapToInt(InstanceInfo::unoccludedArea).average().orElseThrow();
    }

    /** Mean grey of labelled pixels minus mean grey of background pixels, over three seeds. */
    private double particleMinusBackground(String regimeName) {
        double sum = 0;
        for (long seed = 0; seed < 3; seed++) {
            GeneratedImage image = generator.generate(Regime.byName(regimeName), SIDE, SIDE, seed);
            byte[] pixels = image.pixels();
            int[] labels = image.labels();
            double inside = 0;
            double outside = 0;
            int insideCount = 0;
            for (int i = 0; i < pixels.length; i++) {
                if (labels[i] != 0) {
                    inside += pixels[i] & 0xFF;
                    insideCount++;
                } else {
                    outside += pixels[i] & 0xFF;
                }
            }
            sum += inside / insideCount - outside / (pixels.length - insideCount);
        }
        return sum / 3;
    }

    /** Mean grey step across horizontal background/instance boundaries, relative to the overall contrast. */
    private double relativeEdgeJump(String regimeName) {
        double sum = 0;
        for (long seed = 0; seed < 3; seed++) {
            GeneratedImage image = generator.generate(Regime.byName(regimeName), 192, 192, seed);
            double jump = 0;
            int edges = 0;
            for (int y = 0; y < 192; y++) {
                for (int x = 0; x + 1 < 192; x++) {
                    boolean left = image.label(x, y) != 0;
                    boolean right = image.label(x + 1, y) != 0;
                    if (left != right) {
                        jump += Math.abs(image.pixel(x + 1, y) - image.pixel(x, y));
                        edges++;
                    }
                }
            }
            sum += jump / edges / Math.abs(contrastOf(image));
        }
        return sum / 3;
    }

    private static double contrastOf(GeneratedImage image) {
        double inside = 0;
        double outside = 0;
        int insideCount = 0;
        int outsideCount = 0;
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                if (image.label(x, y) != 0) {
                    inside += image.pixel(x, y);
                    insideCount++;
                } else {
                    outside += image.pixel(x, y);
                    outsideCount++;
                }
            }
        }
        return inside / insideCount - outside / outsideCount;
    }

    /** Mean absolute difference of horizontally adjacent background pixels, over three seeds. */
    private double backgroundNoise(String regimeName) {
        double sum = 0;
        for (long seed = 0; seed < 3; seed++) {
            GeneratedImage image = generator.generate(Regime.byName(regimeName), SIDE, SIDE, seed);
            double difference = 0;
            int pairs = 0;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x + 1 < SIDE; x++) {
                    if (image.label(x, y) == 0 && image.label(x + 1, y) == 0) {
                        difference += Math.abs(image.pixel(x + 1, y) - image.pixel(x, y));
                        pairs++;
                    }
                }
            }
            sum += difference / pairs;
        }
        return sum / 3;
    }
}
