package org.segrank.segmenters;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.segrank.datasets.corpus.CorpusSpec;
import org.segrank.datasets.corpus.GeneratedImage;
import org.segrank.datasets.corpus.ParticleImageGenerator;
import org.segrank.datasets.corpus.Regime;
import org.segrank.datasets.io.GeneratedDataset;
import org.segrank.djl.DjlEngines;
import org.segrank.evaluation.EvaluationRunner;
import org.segrank.evaluation.InstanceSegmenter;
import org.segrank.evaluation.SegmenterGroup;
import org.segrank.metrics.coco.EvalParams;
import org.segrank.workspace.ModelRegistration;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

/**
 * Throughput figures of the compact segmenter and of the evaluation runner, measured in one run so they can be
 * compared: a model alone, a zoo sharing its encoder, and the runner with 1 and 2 workers on the same pairs.
 * Network weights come from a short training run: throughput does not depend on how good they are, but the number
 * of decoded instances does, so untrained (empty) output would flatter the figures.
 */
public final class SegmenterBenchmark {

    private SegmenterBenchmark() {
    }

    /** Figures of {@link #compact}. */
    public record CompactResult(int images, int side, int zooSize, double singleImagesPerSecond,
            double groupImagesPerSecond, String engines) {
        @Override
        public String toString() {
            double groupPairs = groupImagesPerSecond * zooSize;
            return String.format(Locale.ROOT,
                    "compact segmenter, %d generated %dx%d images:%n"
                            + "  one model:                  %6.2f images/s (image to scored RLE masks)%n"
                            + "  %d models, shared encoder:  %6.2f images/s = %.1f model-image pairs/s (%.1fx the one-model pair rate)%n  %s",
                    images, side, side, singleImagesPerSecond, zooSize, groupImagesPerSecond, groupPairs,
                    groupPairs / singleImagesPerSecond, engines);
        }
    }

    /** Figures of {@link #runner}. */
    public record RunnerResult(int pairs, double oneWorkerPairsPerSecond, double twoWorkersPairsPerSecond, int side) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT,
                    "evaluation runner, %d (image, model) pairs of %dx%d images, compact zoo, inference + COCO mask AP/AP50/AP75 + H2:%n"
                            + "  1 worker:  %6.1f pairs/s%n  2 workers: %6.1f pairs/s (%.2fx)",
                    pairs, side, side, oneWorkerPairsPerSecond, twoWorkersPairsPerSecond,
                    twoWorkersPairsPerSecond / oneWorkerPairsPerSecond);
        }
    }

    /** Times one model and a zoo of {@code zooSize} heads on the same generated images. */
    public static CompactResult compact(int images, int side, int zooSize, long seed) {
        String engines = DjlEngines.ensureInitialized().toString();
        List<BufferedImage> inputs = new ArrayList<>();
        ParticleImageGenerator generator = new ParticleImageGenerator();
        List<Regime> regimes = Regime.fineTuningRegimes();
        List<CompactTraining.Example> training = new ArrayList<>();
        for (int i = 0; i < images; i++) {
            GeneratedImage g = generator.generate(regimes.get(i % regimes.size()), side, side, seed + i);
            inputs.add(g.toGrayImage());
            WorkingImage working = WorkingImage.of(g.pixels(), side, side, 256);
            training.add(new CompactTraining.Example(working, TrainingTargets.of(g.labels(), working)));
        }
        int crop = Math.min(128, training.get(0).image().width() & ~1);
        byte[] parameters = CompactTraining.trainBase(training, new CompactSettings.Base(40, 4, crop, 3e-3, 0.2), seed,
                (d, t, l) -> { }, () -> false).parameters();
        CompactModelFile file = new CompactModelFile(256, DemoZoo.THRESHOLD, DemoZoo.MIN_AREA,
                CompactTraining.encoderDigest(parameters), parameters);
        double single;
        try (InstanceSegmenter one = CompactSegmenters.single(file)) {
            single = imagesPerSecond(inputs, image -> one.segment(image));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        double group;
        List<RegisteredModel> fakeIds = new ArrayList<>();
        for (int m = 0; m < zooSize; m++) {
            fakeIds.add(null);
        }
        try (SegmenterGroup zoo = CompactSegmenters.group(fakeIds, Collections.nCopies(zooSize, file))) {
            group = imagesPerSecond(inputs, image -> zoo.segmentAll(image));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return new CompactResult(images, side, zooSize, single, group, engines);
    }

    /**
     * Figures of {@link #memory} after the warm-up (the first third) and at the end: the process's resident set size,
     * and the bytes the C heap has handed out and not got back (glibc's mallinfo2; -1 where unavailable), where
     * libtorch allocates tensors. A leaked native array shows in the C heap; the resident size also moves with the
     * allocator's caching and arenas (more under CPU contention), so it is printed but not the leak criterion.
     */
    public record MemoryResult(int inferences, int side, long rssAfterWarmUpBytes, long rssAtEndBytes, long cHeapAfterWarmUpBytes,
            long cHeapAtEndBytes, double seconds) {
        public double growthMegabytes() {
            return (rssAtEndBytes - rssAfterWarmUpBytes) / 1e6;
        }

        /** Growth of the C heap in use: where native arrays that outlive their call would show. */
        public double nativeGrowthMegabytes() {
            return (cHeapAtEndBytes - cHeapAfterWarmUpBytes) / 1e6;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "compact segmenter, %d inferences on %dx%d images in %.1f s: resident memory %.0f MB after"
                    + " the first %d, %.0f MB at the end (%+.1f MB); C heap in use %.0f MB, then %.0f MB (%+.1f MB)", inferences, side,
                    side, seconds, rssAfterWarmUpBytes / 1e6, Math.max(1, inferences / 3), rssAtEndBytes / 1e6, growthMegabytes(),
                    cHeapAfterWarmUpBytes / 1e6, cHeapAtEndBytes / 1e6, nativeGrowthMegabytes());
        }
    }

    /**
     * Runs one compact model {@code inferences} times over a few generated images and compares the process's resident
     * memory (Linux {@code /proc/self/status}) after the first tenth with the end: native arrays that outlived their
     * call would show as growth.
     */
    public static MemoryResult memory(int inferences, int side, long seed) throws Exception {
        DjlEngines.ensureInitialized();
        ParticleImageGenerator generator = new ParticleImageGenerator();
        List<BufferedImage> inputs = new ArrayList<>();
        List<CompactTraining.Example> training = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            GeneratedImage g = generator.generate(Regime.fineTuningRegimes().get(i * 7), side, side, seed + i);
            inputs.add(g.toGrayImage());
            WorkingImage working = WorkingImage.of(g.pixels(), side, side, 256);
            training.add(new CompactTraining.Example(working, TrainingTargets.of(g.labels(), working)));
        }
        int crop = Math.min(128, training.get(0).image().width() & ~1);
        byte[] parameters = CompactTraining.trainBase(training, new CompactSettings.Base(20, 2, crop, 3e-3, 0.2), seed,
                (d, t, l) -> { }, () -> false).parameters();
        CompactModelFile file = new CompactModelFile(256, DemoZoo.THRESHOLD, DemoZoo.MIN_AREA,
                CompactTraining.encoderDigest(parameters), parameters);
        long start = System.nanoTime();
        long afterWarmUp = 0;
        long cHeapAfterWarmUp = 0;
        try (InstanceSegmenter segmenter = CompactSegmenters.single(file)) {
            int warmUp = Math.max(1, inferences / 3);
            for (int i = 0; i < inferences; i++) {
                segmenter.segment(inputs.get(i % inputs.size()));
                if (i + 1 == warmUp) {
                    afterWarmUp = residentBytes();
                    cHeapAfterWarmUp = org.segrank.djl.NativeHeap.bytesInUse();
                }
            }
        }
        return new MemoryResult(inferences, side, afterWarmUp, residentBytes(), cHeapAfterWarmUp, org.segrank.djl.NativeHeap.bytesInUse(),
                (System.nanoTime() - start) / 1e9);
    }

    /** The process's resident set size from /proc/self/status, or -1 where there is none. */
    static long residentBytes() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }

    @FunctionalInterface
    private interface Work {
        Object run(BufferedImage image) throws Exception;
    }

    private static double imagesPerSecond(List<BufferedImage> images, Work work) throws Exception {
        work.run(images.get(0)); // warm-up
        long start = System.nanoTime();
        for (BufferedImage image : images) {
            work.run(image);
        }
        return images.size() / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * Builds a small zoo on a small generated corpus in a temporary workspace, then evaluates the same pairs with 1
     * worker and (in a second workspace holding the same images and models) with 2 workers.
     */
    public static RunnerResult runner(int candidates, int side, long seed) throws Exception {
        Path dir = Files.createTempDirectory("segrank-bench-runner");
        try {
            CorpusSpec spec = new CorpusSpec(20, candidates, 0, 1, side, side, seed);
            Path corpus = dir.resolve("corpus");
            DemoZoo.Settings settings = new DemoZoo.Settings(256, new CompactSettings.Base(30, 4, Math.min(128, side), 3e-3, 0.2),
                    new CompactSettings.FineTune(5, 1e-2), seed);
            double one;
            double two;
            List<RegisteredModel> zoo;
            int pairs;
            try (Workspace first = Workspace.open(dir.resolve("ws1"))) {
                GeneratedDataset.generate(first, "bench", spec, corpus, (p, d, t) -> { }, () -> false);
                zoo = new DemoZoo(first, settings).build("bench", (m, d, t) -> { }, () -> false).models();
                EvaluationRunner.Summary s = new EvaluationRunner(first, new DjlSegmenterFactory(), EvalParams.defaults(), 1)
                        .run("bench", "candidate", zoo, (d, t, e) -> { }, () -> false);
                pairs = s.computed() + s.failed();
                one = pairs / s.seconds();
                try (Workspace second = Workspace.open(dir.resolve("ws2"))) {
                    GeneratedDataset.generate(second, "bench", spec, corpus, (p, d, t) -> { }, () -> false);
                    List<RegisteredModel> copies = new ArrayList<>();
                    for (RegisteredModel m : zoo) {
                        copies.add(second.models().register(ModelRegistration.builder(m.name(), m.architecture(), m.format())
                                .version(m.version()).artifact(first.resolve(m.artifactSha256())).tags(m.tags()).build()));
                    }
                    EvaluationRunner.Summary s2 = new EvaluationRunner(second, new DjlSegmenterFactory(), EvalParams.defaults(), 2)
                            .run("bench", "candidate", copies, (d, t, e) -> { }, () -> false);
                    two = (s2.computed() + s2.failed()) / s2.seconds();
                }
            }
            return new RunnerResult(pairs, one, two, side);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                p.toFile().setWritable(true);
                Files.deleteIfExists(p);
            }
        }
    }
}
