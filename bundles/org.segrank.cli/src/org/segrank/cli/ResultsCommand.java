package org.segrank.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.segrank.workspace.ResultImportSummary;
import org.segrank.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "results", description = "Per-(image, model) evaluation results.", subcommands = ResultsCommand.Import.class,
        synopsisSubcommandLabel = "COMMAND")
final class ResultsCommand extends CommandGroup {

    /** Settings label of results computed outside SegRank (their settings are not ours to hash). */
    static final String EXTERNAL_SETTINGS = "external";

    @Command(name = "import", description = {
            "Imports results computed elsewhere (e.g. on a GPU cluster), in one transaction:",
            "  --csv FILE: AP per (image, model), columns image,model,ap[,ap50,ap75] (image = file name in the",
            "             dataset, model = name[:version] or alias);",
            "  --coco FILE --model M: one model's COCO results JSON on the dataset's COCO export (image ids as in",
            "             'segrank dataset export'), scored here with SegRank's COCO mask AP per image." })
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--dataset", required = true, paramLabel = "NAME")
        String dataset;
        @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
        Source source;
        @Option(names = "--model", paramLabel = "REF", description = "With --coco: the model the detections came from.")
        String model;
        @Option(names = "--split", paramLabel = "SPLIT", description = "With --coco: the split the results cover (default: whole dataset).")
        String split;
        @Option(names = "--max-dets", paramLabel = "N|A,B,C", description = "With --coco: maxDets (default: ${DEFAULT-VALUE}).")
        String maxDets = Integer.toString(org.segrank.metrics.coco.EvalParams.defaults().maxDetections());
        @Option(names = "--settings", paramLabel = "LABEL", description = "With --csv: label of the evaluation settings the numbers came from (default: ${DEFAULT-VALUE}).")
        String settings = EXTERNAL_SETTINGS;

        static final class Source {
            @Option(names = "--csv", required = true, paramLabel = "FILE.csv")
            Path csv;
            @Option(names = "--coco", required = true, paramLabel = "RESULTS.json")
            Path coco;
        }

        @Override
        public Integer call() throws Exception {
            if (source.coco != null) {
                return importCoco();
            }
            Path csv = source.csv;
            try (Workspace ws = workspace.open()) {
                ResultImportSummary summary = ws.results().importApCsv(csv, dataset, settings);
                spec.commandLine().getOut().printf("Imported %d rows (%d new, %d replaced) into dataset %s, run %d%n",
                        summary.rows(), summary.inserted(), summary.updated(), dataset, summary.runId());
            }
            return ExitCodes.OK;
        }

        private int importCoco() throws Exception {
            if (model == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--coco needs --model REF");
            }
            org.segrank.metrics.coco.EvalParams params;
            try {
                params = org.segrank.metrics.coco.CocoFileEvaluation.withMaxDetsSetting(org.segrank.metrics.coco.EvalParams.defaults(), maxDets);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--max-dets: " + e.getMessage());
            }
            try (Workspace ws = workspace.open()) {
                org.segrank.datasets.io.CocoResultsImport.Summary summary = org.segrank.datasets.io.CocoResultsImport.importResults(
                        ws, dataset, split, model, source.coco, params, new ConsoleProgress(spec.commandLine().getErr(), "images"));
                spec.commandLine().getOut().printf(java.util.Locale.ROOT,
                        "Scored %d detections on %d images (%d with undefined AP: no ground truth) as %s, run %d; mean per-image AP %s%n",
                        summary.detections(), summary.images(), summary.undefined(), summary.settingsHash(), summary.runId(),
                        summary.meanAp().isPresent() ? String.format(java.util.Locale.ROOT, "%.4f", summary.meanAp().getAsDouble()) : "undefined");
            }
            return ExitCodes.OK;
        }
    }
}
