package org.segrank.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.segrank.metrics.coco.CocoJson;
import org.segrank.metrics.coco.SyntheticCocoSample;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "sample", description = "Writes generated sample data.", subcommands = SampleCommand.Coco.class,
        synopsisSubcommandLabel = "COMMAND")
final class SampleCommand extends CommandGroup {

    @Command(name = "coco", description = {
            "Writes a seeded synthetic ground-truth.json + results.json pair of particle masks: crowd region,",
            "an image without ground truth, one without detections, all three COCO area ranges." })
    static final class Coco implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write into (created).")
        Path out;

        @Option(names = "--images", paramLabel = "N", description = "Number of images (default: ${DEFAULT-VALUE}).")
        int images = 50;

        @Option(names = "--size", paramLabel = "PX", description = "Image width and height (default: ${DEFAULT-VALUE}).")
        int size = 512;

        @Option(names = "--seed", paramLabel = "S", description = "Random seed, recorded in the output (default: ${DEFAULT-VALUE}).")
        long seed = 42;

        @Override
        public Integer call() throws Exception {
            if (images < 3 || size < 64) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--images must be >= 3 and --size >= 64");
            }
            SamplePaths paths = write(out, images, size, seed);
            PrintWriter printer = spec.commandLine().getOut();
            printer.println("Wrote " + images + " images (seed " + seed + "):");
            printer.println("  ground truth: " + paths.groundTruth());
            printer.println("  results:      " + paths.results());
            return ExitCodes.OK;
        }
    }

    record SamplePaths(Path groundTruth, Path results) {
    }

    static SamplePaths write(Path dir, int images, int size, long seed) throws java.io.IOException {
        Files.createDirectories(dir);
        SyntheticCocoSample.Sample sample = SyntheticCocoSample.generate(images, size, size, seed);
        Path groundTruth = dir.resolve("ground-truth.json");
        Path results = dir.resolve("results.json");
        CocoJson.writeGroundTruth(sample.groundTruth(), groundTruth);
        CocoJson.writeResults(sample.detections(), results);
        Files.writeString(dir.resolve("sample.properties"),
                "generator=SyntheticCocoSample\nimages=" + images + "\nsize=" + size + "\nseed=" + seed + "\n");
        return new SamplePaths(groundTruth, results);
    }
}
