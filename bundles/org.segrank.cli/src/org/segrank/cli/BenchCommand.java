package org.segrank.cli;

import java.util.concurrent.Callable;

import org.segrank.metrics.bench.MaskApBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", description = "Benchmarks that print figures.", subcommands = { BenchCommand.Ap.class, BenchCommand.Corpus.class, BenchCommand.Import.class, BenchCommand.Features.class, BenchCommand.Segment.class, BenchCommand.Runner.class, BenchCommand.MaskRcnn.class },
        synopsisSubcommandLabel = "COMMAND")
final class BenchCommand extends CommandGroup {

    /** The generated case every benchmark measures on: image size and the seed that makes it repeatable. */
    static final class ImageCase {
        @Option(names = "--size", paramLabel = "PX", description = "Image width and height (default: ${DEFAULT-VALUE}).")
        int size = 512;

        @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
        long seed = 1;
    }

    @Command(name = "ap", description = "Mask-AP throughput on a dense synthetic case (RLE encoding, IoU, full COCO evaluation).")
    static final class Ap implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--images", paramLabel = "N", description = "Images (default: ${DEFAULT-VALUE}).")
        int images = 20;

        @Mixin
        ImageCase image;

        @Option(names = "--gt", paramLabel = "N", description = "Ground-truth particles per image (default: ${DEFAULT-VALUE}).")
        int groundTruth = 200;

        @Option(names = "--dt", paramLabel = "N", description = "Detections per image (default: ${DEFAULT-VALUE}).")
        int detections = 300;


        @Override
        public Integer call() {
            spec.commandLine().getOut().println(MaskApBenchmark.run(images, image.size, image.size, groundTruth, detections, image.seed));
            return ExitCodes.OK;
        }
    }

    @Command(name = "corpus", description = "Particle corpus generator images/s: generation alone, and with both PNGs written.")
    static final class Corpus implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--images", paramLabel = "N", description = "Images (default: ${DEFAULT-VALUE}).")
        int images = 100;

        @Mixin
        ImageCase image;


        @Override
        public Integer call() {
            spec.commandLine().getOut().println(org.segrank.datasets.corpus.CorpusBenchmark.run(images, image.size, image.size, image.seed));
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", description = "Dataset import throughput (images/s, with RLE encoding, content store and H2) on generated label PNGs.")
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--images", paramLabel = "N", description = "Images (default: ${DEFAULT-VALUE}).")
        int images = 1000;

        @Mixin
        ImageCase image;


        @Override
        public Integer call() throws Exception {
            java.nio.file.Path work = java.nio.file.Files.createTempDirectory("segrank-bench-import");
            try {
                spec.commandLine().getOut().println(org.segrank.datasets.io.ImportBenchmark.run(work, images, image.size, image.seed));
            } finally {
                deleteTree(work);
            }
            return ExitCodes.OK;
        }

        private static void deleteTree(java.nio.file.Path root) throws java.io.IOException {
            try (java.util.stream.Stream<java.nio.file.Path> paths = java.nio.file.Files.walk(root)) {
                for (java.nio.file.Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    java.nio.file.Files.deleteIfExists(p);
                }
            }
        }
    }

    @Command(name = "features", description = "Particle descriptor extraction images/s on generated images, 1 and 2 threads.")
    static final class Features implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--images", paramLabel = "N", description = "Images (default: ${DEFAULT-VALUE}).")
        int images = 60;

        @Mixin
        ImageCase image;


        @Override
        public Integer call() {
            spec.commandLine().getOut().println(org.segrank.features.FeatureBenchmark.run(images, image.size, image.size, image.seed));
            return ExitCodes.OK;
        }
    }

    @Command(name = "segment", description = "Compact segmenter images/s: one model, and a 39-model zoo sharing its encoder.")
    static final class Segment implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--images", paramLabel = "N", description = "Images (default: ${DEFAULT-VALUE}).")
        int images = 20;

        @Option(names = "--zoo", paramLabel = "N", description = "Models sharing the encoder (default: ${DEFAULT-VALUE}).")
        int zoo = 39;

        @Mixin
        ImageCase image;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(org.segrank.segmenters.SegmenterBenchmark.compact(images, image.size, zoo, image.seed));
            return ExitCodes.OK;
        }
    }

    @Command(name = "runner", description = "Evaluation runner pairs/s with 1 and 2 workers (a small zoo on a small generated corpus, temporary workspaces).")
    static final class Runner implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--candidates", paramLabel = "N", description = "Candidate images, each evaluated by 39 models (default: ${DEFAULT-VALUE}).")
        int candidates = 20;

        @Mixin
        ImageCase image;

        @Override
        public Integer call() throws Exception {
            spec.commandLine().getOut().println(org.segrank.segmenters.SegmenterBenchmark.runner(candidates, image.size, image.seed));
            return ExitCodes.OK;
        }
    }

    @Command(name = "maskrcnn", description = {
            "Mask R-CNN seconds per image through DJL (image to scored RLE masks). A ResNet-50 FPN model to time:",
            "/usr/bin/python3 releng/bench/export_maskrcnn_r50.py maskrcnn_r50.onnx" })
    static final class MaskRcnn implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--model", required = true, paramLabel = "FILE", description = "ONNX or TorchScript Mask R-CNN in the torchvision convention.")
        java.nio.file.Path model;

        @Option(names = "--format", paramLabel = "F", description = "onnx or torchscript (default: from the file name).")
        String format;

        @Option(names = "--runs", paramLabel = "N", description = "Timed runs after one warm-up (default: ${DEFAULT-VALUE}).")
        int runs = 5;

        @Mixin
        ImageCase image;

        @Override
        public Integer call() throws Exception {
            String chosen = format != null ? format : model.toString().endsWith(".onnx") ? "onnx" : "torchscript";
            org.segrank.djl.DjlEngines.ensureInitialized();
            try (org.segrank.djl.SegmentationModel loaded = org.segrank.djl.SegmentationModels.load(model, chosen,
                    org.segrank.djl.ModelSettings.defaults())) {
                spec.commandLine().getOut().println(org.segrank.djl.InferenceBenchmark.run(loaded, "model file " + model.toAbsolutePath(),
                        image.size, 1, runs));
            }
            return ExitCodes.OK;
        }
    }
}
