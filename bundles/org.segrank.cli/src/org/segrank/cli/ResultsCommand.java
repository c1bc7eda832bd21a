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
final class ResultsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing sub-command: results import");
    }

    /** Settings label of results computed outside SegRank (their settings are not ours to hash). */
    static final String EXTERNAL_SETTINGS = "external";

    @Command(name = "import", description = {
            "Imports AP computed elsewhere (e.g. on a GPU cluster) in one transaction: a CSV with columns",
            "image,model,ap[,ap50,ap75] (image = file name in the dataset, model = name[:version] or alias)." })
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--dataset", required = true, paramLabel = "NAME")
        String dataset;
        @Option(names = "--csv", required = true, paramLabel = "FILE.csv")
        Path csv;
        @Option(names = "--settings", paramLabel = "LABEL", description = "Label of the evaluation settings the numbers came from (default: ${DEFAULT-VALUE}).")
        String settings = EXTERNAL_SETTINGS;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                ResultImportSummary summary = ws.results().importApCsv(csv, dataset, settings);
                spec.commandLine().getOut().printf("Imported %d rows (%d new, %d replaced) into dataset %s, run %d%n",
                        summary.rows(), summary.inserted(), summary.updated(), dataset, summary.runId());
            }
            return ExitCodes.OK;
        }
    }
}
