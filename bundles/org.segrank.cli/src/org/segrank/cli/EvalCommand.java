package org.segrank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.segrank.metrics.coco.CocoFileEvaluation;
import org.segrank.metrics.coco.EvalParams;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "eval", description = "Evaluates segmentation results.", subcommands = EvalCommand.Coco.class,
        synopsisSubcommandLabel = "COMMAND")
final class EvalCommand extends CommandGroup {

    @Command(name = "coco", description = {
            "COCO mask AP of a results file against a ground truth, identical to pycocotools COCOeval(iouType='segm').",
            "Prints the summary; AP per image is COCOeval restricted to that image (undefined without ground truth)." })
    static final class Coco implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--gt", required = true, paramLabel = "GT.json", description = "Ground truth, COCO instances JSON.")
        Path groundTruth;

        @Option(names = "--results", required = true, paramLabel = "RESULTS.json", description = "Detections, COCO results JSON (segmentation as RLE or polygons, score).")
        Path results;

        @Option(names = "--max-dets", paramLabel = "N|A,B,C", description = {
                "Detections kept per image, best scores first: N (> 10) means 1,10,N (default: ${DEFAULT-VALUE};",
                "COCO's 100 silently drops particles on dense images). AP uses the last value." })
        String maxDets = Integer.toString(EvalParams.defaults().maxDetections());

        @Option(names = "--per-image", paramLabel = "FILE.csv", description = "Also write AP per image as CSV.")
        Path perImageCsv;

        @Option(names = "--quiet", description = "No progress on stderr.")
        boolean quiet;

        @Override
        public Integer call() throws Exception {
            EvalParams params;
            try {
                params = CocoFileEvaluation.withMaxDetsSetting(EvalParams.defaults(), maxDets);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-dets: " + e.getMessage());
            }
            PrintWriter out = spec.commandLine().getOut();
            CocoFileEvaluation.Report report = CocoFileEvaluation.run(groundTruth, results,
                    params, quiet ? ConsoleProgress.silent() : new ConsoleProgress(spec.commandLine().getErr(), "images"));
            out.println(report.headerText());
            out.println();
            out.println(report.summaryText());
            if (perImageCsv != null) {
                CocoFileEvaluation.writePerImageCsv(report, perImageCsv);
                out.println();
                out.println("Per-image AP: " + perImageCsv.toAbsolutePath());
            }
            return ExitCodes.OK;
        }
    }
}
