package org.segrank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.segrank.core.Workspaces;
import org.segrank.metrics.coco.CocoFileEvaluation;
import org.segrank.metrics.coco.EvalParams;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The README's main job. Until the full method is in place it is a real run of
 * {@code eval coco} on sample data generated into the workspace.
 */
@Command(name = "demo", description = "Main job: generates sample data in the workspace and evaluates it with 'eval coco'.")
final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--workspace", paramLabel = "DIR", description = "Workspace folder (default: ~/.segrank or $SEGRANK_WORKSPACE).")
    Path workspace;

    @Option(names = "--images", paramLabel = "N", description = "Sample images (default: ${DEFAULT-VALUE}).")
    int images = 50;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed, recorded with the sample (default: ${DEFAULT-VALUE}).")
    long seed = 42;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Workspaces.resolve(workspace).resolve("demo").resolve("coco-sample");
        out.println("[1/2] Generating " + images + " sample images (seed " + seed + ") in " + dir);
        SampleCommand.SamplePaths paths = SampleCommand.write(dir, images, 512, seed);
        out.println("[2/2] Evaluating mask AP (COCO, maxDets " + EvalParams.defaults().maxDetections() + ")");
        out.flush();
        CocoFileEvaluation.Report report = CocoFileEvaluation.run(paths.groundTruth(), paths.results(),
                EvalParams.defaults(), new ConsoleProgress(spec.commandLine().getErr(), "images"));
        Path csv = dir.resolve("per-image-ap.csv");
        CocoFileEvaluation.writePerImageCsv(report, csv);
        out.println();
        out.println(report.headerText());
        out.println();
        out.println(report.summaryText());
        out.println();
        out.println("Per-image AP: " + csv);
        return ExitCodes.OK;
    }
}
