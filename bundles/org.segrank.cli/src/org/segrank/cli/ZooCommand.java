package org.segrank.cli;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segrank.evaluation.EvaluationRunner;
import org.segrank.metrics.coco.EvalParams;
import org.segrank.segmenters.DemoZoo;
import org.segrank.segmenters.ModelSelection;
import org.segrank.segmenters.ZooReport;
import org.segrank.workspace.ApMatrix;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "zoo", description = "The demo zoo: a base compact segmenter and one transfer-learned model per fine-tuning subset.",
        subcommands = { ZooCommand.Build.class, ZooCommand.Report.class }, synopsisSubcommandLabel = "COMMAND")
final class ZooCommand extends CommandGroup {

    @Command(name = "build", description = {
            "Trains (or reuses) the base model on the dataset's classification-train split and one model per finetune:<regime>",
            "subset, and registers them with provenance. Cached: models of the same data and settings are reused; an",
            "interrupted build continues with the models not yet registered." })
    static final class Build implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--dataset", required = true, paramLabel = "NAME", description = "A generated corpus (see 'dataset generate').")
        String dataset;
        @Option(names = "--quick", description = "CI size: fewer training steps (a weaker zoo).")
        boolean quick;
        @Option(names = "--seed", paramLabel = "S", description = "Training seed (default: 20240601), recorded in every model's provenance.")
        Long seed;

        @Override
        public Integer call() throws Exception {
            DemoZoo.Settings settings = quick ? DemoZoo.Settings.quick() : DemoZoo.Settings.defaults();
            if (seed != null) {
                settings = new DemoZoo.Settings(settings.workingSide(), settings.base(), settings.fineTune(), seed);
            }
            try (Workspace ws = workspace.open()) {
                DemoZoo.Report report = build(ws, dataset, settings, spec.commandLine().getErr());
                spec.commandLine().getOut().println(report.describe());
                return ExitCodes.OK;
            }
        }
    }

    static DemoZoo.Report build(Workspace ws, String dataset, DemoZoo.Settings settings, PrintWriter err) throws Exception {
        long[] last = { 0 };
        return new DemoZoo(ws, settings).build(dataset, (message, done, total) -> {
            long now = System.nanoTime();
            if (now - last[0] > 2_000_000_000L || done == total) {
                last[0] = now;
                err.printf(Locale.ROOT, "  [%d/%d models] %s%n", done, total, message);
                err.flush();
            }
        }, () -> Thread.currentThread().isInterrupted());
    }

    @Command(name = "report", description = {
            "How useful the zoo is for ranking, from stored evaluation results: per-image AP spread, how often each model",
            "is best (the paper's figure 14) and which model wins per regime. Run 'segrank evaluate' first." })
    static final class Report implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--dataset", required = true, paramLabel = "NAME")
        String dataset;
        @Option(names = "--split", paramLabel = "SPLIT", description = "Split (default: ${DEFAULT-VALUE}).")
        String split = "candidate";
        @Option(names = "--models", paramLabel = "REF,...", split = ",", description = "Models (default: the zoo's models, tag demo-zoo, without the base).")
        List<String> models;
        @Option(names = "--json", description = "Print as JSON.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                List<RegisteredModel> chosen = ModelSelection.select(ws, models == null ? List.of(ModelSelection.ZOO) : models);
                String settings = new EvaluationRunner(ws, (w, m) -> null, EvalParams.defaults(), 1).settingsHash();
                ApMatrix matrix = ws.results().apMatrix(dataset, split, settings).withModels(chosen);
                ZooReport report = ZooReport.of(matrix);
                PrintWriter out = spec.commandLine().getOut();
                if (json) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("scoredImages", report.scoredImages());
                    row.put("skippedImages", report.skippedImages());
                    row.put("meanAp", report.meanAp());
                    row.put("meanBestAp", report.meanBestAp());
                    row.put("medianSpread", report.medianSpread());
                    row.put("distinctBestModels", report.distinctBestModels());
                    row.put("distinctRegimeWinners", report.distinctRegimeWinners());
                    row.put("bestCounts", report.bestCounts());
                    row.put("modalBestByRegime", report.modalBestByRegime());
                    Output.json(out, row);
                } else {
                    report.lines().forEach(out::println);
                }
                return ExitCodes.OK;
            }
        }
    }
}
