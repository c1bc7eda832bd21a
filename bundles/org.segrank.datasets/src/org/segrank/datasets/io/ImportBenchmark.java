package org.segrank.datasets.io;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.segrank.workspace.Workspace;

/**
 * Throughput of a label-PNG import: generates {@code images} synthetic grey images with 16-bit label PNGs
 * (random overlapping discs) in the corpus layout ({@code images/}, {@code labels/}), then measures
 * {@link DatasetImporter#validate} (decode, label scan, RLE encoding, hashing) and a full
 * {@link DatasetImporter#importInto} (the same plus copying into the content store and the database insert)
 * into a new workspace. Self-contained so it does not depend on the corpus generator.
 */
public final class ImportBenchmark {
    private static final int MIN_DISCS = 20;
    private static final int MAX_DISCS = 60;
    private static final int WARM_UP_IMAGES = 12;

    private ImportBenchmark() {
    }

    /**
     * The figures of one run.
     *
     * @param validateSeconds wall time of the validation pass
     * @param importSeconds wall time of the import (validation included)
     */
    public record Result(int images, int size, long instances, int threads, double generateSeconds,
            double validateSeconds, double importSeconds) {

        public double validatedImagesPerSecond() {
            return images / validateSeconds;
        }

        public double importedImagesPerSecond() {
            return images / importSeconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "label-PNG import of %d images of %dx%d (%d instances, %d threads):%n"
                    + "  generate inputs  %7.2f s%n"
                    + "  validate         %7.2f s  %8.1f images/s (decode + labels + RLE + sha256)%n"
                    + "  import           %7.2f s  %8.1f images/s (validate + content store + DB insert)",
                    images, size, size, instances, threads, generateSeconds, validateSeconds,
                    validatedImagesPerSecond(), importSeconds, importedImagesPerSecond());
        }
    }

    /**
     * Runs the benchmark in {@code workDir} (inputs in {@code workDir/input} and {@code workDir/warm-up},
     * workspace in {@code workDir/workspace}; created as needed, input folders replaced).
     */
    public static Result run(Path workDir, int images, int size, long seed) throws IOException {
        if (images < 1 || size < 16) {
            throw new IllegalArgumentException("need images >= 1 and size >= 16, got " + images + " and " + size);
        }
        Path input = workDir.resolve("input");
        deleteRecursively(input); // leftovers of a larger earlier run would be imported too
        long start = System.nanoTime();
        long instances = writeInputs(input, images, size, seed);
        double generateSeconds = seconds(start);

        ImportOptions options = ImportOptions.defaults().withSingleSplit("candidate");
        // Warm-up on a few separate images so the timed passes measure compiled code, not the JIT.
        Path warmUp = workDir.resolve("warm-up");
        deleteRecursively(warmUp);
        writeInputs(warmUp, WARM_UP_IMAGES, size, ~seed);
        DatasetImporter.validate(warmUp, DatasetFormat.LABEL_PNGS, options);
        start = System.nanoTime();
        ImportReport validation = DatasetImporter.validate(input, DatasetFormat.LABEL_PNGS, options);
        double validateSeconds = seconds(start);
        if (validation.hasProblems() || validation.importedInstances() != instances) {
            throw new IllegalStateException("benchmark inputs did not validate: " + validation.summary());
        }

        try (Workspace workspace = Workspace.open(workDir.resolve("workspace"))) {
            String dataset = "import-benchmark-" + System.currentTimeMillis();
            start = System.nanoTime();
            ImportReport report = new DatasetImporter(workspace).importInto(dataset, input, DatasetFormat.LABEL_PNGS,
                    options);
            double importSeconds = seconds(start);
            if (report.imported().size() != images) {
                throw new IllegalStateException("benchmark import stored " + report.imported().size() + " images");
            }
            return new Result(images, size, instances, options.threads(), generateSeconds, validateSeconds,
                    importSeconds);
        }
    }

    /** Writes the inputs; returns the number of instances (labels still visible after overlaps). */
    static long writeInputs(Path folder, int images, int size, long seed) throws IOException {
        Path imageFolder = folder.resolve(ImportPlanner.IMAGES_FOLDER);
        Path labelFolder = folder.resolve(ImportPlanner.LABELS_FOLDER);
        Files.createDirectories(imageFolder);
        Files.createDirectories(labelFolder);
        SplittableRandom random = new SplittableRandom(seed);
        long instances = 0;
        for (int i = 0; i < images; i++) {
            BufferedImage grey = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
            BufferedImage labels = new BufferedImage(size, size, BufferedImage.TYPE_USHORT_GRAY);
            int[] labelOf = new int[size * size];
            int discs = random.nextInt(MIN_DISCS, MAX_DISCS + 1);
            for (int label = 1; label <= discs; label++) {
                int radius = random.nextInt(Math.max(2, size / 64), Math.max(3, size / 20));
                int cx = random.nextInt(size);
                int cy = random.nextInt(size);
                for (int y = Math.max(0, cy - radius); y <= Math.min(size - 1, cy + radius); y++) {
                    for (int x = Math.max(0, cx - radius); x <= Math.min(size - 1, cx + radius); x++) {
                        if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) {
                            labelOf[y * size + x] = label; // later discs cover earlier ones, as particles do
                        }
                    }
                }
            }
            WritableRaster greyPixels = grey.getRaster();
            WritableRaster labelPixels = labels.getRaster();
            boolean[] visible = new boolean[discs + 1];
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int label = labelOf[y * size + x];
                    visible[label] = true;
                    labelPixels.setSample(x, y, 0, label);
                    greyPixels.setSample(x, y, 0, (label == 0 ? 40 : 170) + random.nextInt(40));
                }
            }
            for (int label = 1; label <= discs; label++) {
                instances += visible[label] ? 1 : 0;
            }
            String name = String.format(Locale.ROOT, "bench-%05d.png", i);
            ImageIO.write(grey, "png", imageFolder.resolve(name).toFile());
            ImageIO.write(labels, "png", labelFolder.resolve(name).toFile());
        }
        return instances;
    }

    private static void deleteRecursively(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** {@code ImportBenchmark <workDir> [images=200] [size=512] [seed=1]}: prints the figures. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: ImportBenchmark <workDir> [images] [size] [seed]");
            System.exit(2);
        }
        int images = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 512;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 1;
        System.out.println(run(Path.of(args[0]), images, size, seed));
    }
}
