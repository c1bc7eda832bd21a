package org.segrank.datasets.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Measures generator throughput on one thread: images generated per second, and images generated and
 * written as grey + label PNG per second. Regimes cycle through the 39 fine-tuning regimes so the
 * figures average over all kinds and densities.
 */
public final class CorpusBenchmark {

    private CorpusBenchmark() {
    }

    /**
     * Runs the benchmark after a warm-up of {@code min(images, 40)} (at least 5) generated images.
     *
     * @param images images per measurement, {@code >= 1}
     * @param width image width, px
     * @param height image height, px
     * @param seed first image seed (image {@code i} uses {@code seed + i})
     * @return printable figures, several lines
     */
    public static String run(int images, int width, int height, long seed) {
        if (images < 1) {
            throw new IllegalArgumentException("images must be >= 1, got " + images);
        }
        ParticleImageGenerator generator = new ParticleImageGenerator();
        List<Regime> regimes = Regime.fineTuningRegimes();
        long instancesSeen = 0;
        int warmUp = Math.max(5, Math.min(images, 40));
        for (int i = 0; i < warmUp; i++) {
            instancesSeen += generator.generate(regimes.get(i % regimes.size()), width, height, seed - 1 - i)
                    .instanceCount();
        }

        long start = System.nanoTime();
        long slowest = 0;
        String slowestRegime = "";
        for (int i = 0; i < images; i++) {
            Regime regime = regimes.get(i % regimes.size());
            long before = System.nanoTime();
            instancesSeen += generator.generate(regime, width, height, seed + i).instanceCount();
            long took = System.nanoTime() - before;
            if (took > slowest) {
                slowest = took;
                slowestRegime = regime.name();
            }
        }
        double generateSeconds = (System.nanoTime() - start) / 1e9;

        Path folder = null;
        double writeSeconds;
        long bytes = 0;
        try {
            folder = Files.createTempDirectory("segrank-corpus-benchmark");
            start = System.nanoTime();
            for (int i = 0; i < images; i++) {
                GeneratedImage image = generator.generate(regimes.get(i % regimes.size()), width, height, seed + i);
                Path grey = folder.resolve("image-" + i + ".png");
                Path labels = folder.resolve("labels-" + i + ".png");
                PngFiles.writeAtomically(image.toLabelImage(), labels);
                PngFiles.writeAtomically(image.toGrayImage(), grey);
            }
            writeSeconds = (System.nanoTime() - start) / 1e9;
            try (Stream<Path> files = Files.list(folder)) {
                for (Path file : files.toList()) {
                    bytes += Files.size(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("benchmark could not write PNGs", e);
        } finally {
            deleteQuietly(folder);
        }
        return String.format(Locale.ROOT,
                "SegRank corpus benchmark (generator %s, %dx%d, %d images, 1 thread, %d instances in total)%n"
                        + "  generate only:        %8.1f images/s  (%6.1f ms/image, slowest %.1f ms: %s)%n"
                        + "  generate + PNG write: %8.1f images/s  (%6.1f ms/image, %.1f KiB/image on disk)%n",
                ParticleImageGenerator.VERSION, width, height, images, instancesSeen,
                images / generateSeconds, 1000 * generateSeconds / images, slowest / 1e6, slowestRegime,
                images / writeSeconds, 1000 * writeSeconds / images, bytes / 1024.0 / images);
    }

    /** {@code [images [width [height [seed]]]]}, defaults 200 512 512 1. */
    public static void main(String[] args) {
        int images = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int width = args.length > 1 ? Integer.parseInt(args[1]) : 512;
        int height = args.length > 2 ? Integer.parseInt(args[2]) : width;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        System.out.print(run(images, width, height, seed));
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            // A leftover temporary folder is harmless; the figures are what matters.
        }
    }
}
