package org.segrank.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.segrank.experiments.ExperimentReport;
import org.segrank.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "report", description = {
        "Writes an experiment's Excel report: summary (what, on what, when, settings, versions), the paper's nDCG tables,",
        "the AP matrix, per-query rankings, best-model frequency and nDCG-vs-k charts, the model registry and the dataset." })
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    WorkspaceOption workspace;
    @Parameters(paramLabel = "EXPERIMENT", description = "Id, or name (the newest with it).")
    String experiment;
    @Option(names = "--out", required = true, paramLabel = "FILE.xlsx")
    Path out;

    @Override
    public Integer call() throws Exception {
        try (Workspace ws = workspace.open()) {
            Path written = ExperimentReport.write(ws, experiment, out);
            spec.commandLine().getOut().println("Excel report: " + written.toAbsolutePath());
            return ExitCodes.OK;
        }
    }
}
