package org.segrank.cli;

import java.util.concurrent.Callable;

import org.segrank.metrics.bench.MaskApBenchmark;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "bench", description = "Benchmarks that print figures.", subcommands = { BenchCommand.Ap.class, BenchCommand.Corpus.class, BenchCommand.Import.class, BenchCommand.Features.class },
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
}
