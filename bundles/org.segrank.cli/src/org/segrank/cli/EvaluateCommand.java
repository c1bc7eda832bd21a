package org.segrank.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segrank.evaluation.EvaluationRunner;
import org.segrank.metrics.coco.CocoFileEvaluation;
import org.segrank.metrics.coco.EvalParams;
import org.segrank.segmenters.DjlSegmenterFactory;
import org.segrank.segmenters.ModelSelection;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "evaluate", description = {
        "Runs registered models on a dataset's images and stores each pair's mask AP, AP50, AP75, counts and inference time.",
        "Resumable: pairs already stored for the same model version, image and settings are reused, so rerun after an",
        "interruption (Ctrl-C or a crash loses only the pairs in flight). A model failing on an image records the error and",
        "the run goes on; failed pairs are retried by the next run." })
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    WorkspaceOption workspace;
    @Option(names = "--dataset", required = true, paramLabel = "NAME")
    String dataset;
    @Option(names = "--split", paramLabel = "SPLIT", description = "Only this split, e.g. candidate or query (default: all images).")
    String split;
    @Option(names = "--models", paramLabel = "all|REF,...", split = ",", description = {
            "Models: 'all' active models (default), 'zoo' (the newest demo zoo), or names, name:version or aliases,",
            "separated by commas." })
    List<String> models = List.of("all");
    @Option(names = "--workers", paramLabel = "N", description = "Parallel workers (default: ${DEFAULT-VALUE}).")
    int workers = Math.min(2, Runtime.getRuntime().availableProcessors());
    @Option(names = "--max-dets", paramLabel = "N|A,B,C", description = "COCO maxDets (default: ${DEFAULT-VALUE}).")
    String maxDets = Integer.toString(EvalParams.defaults().maxDetections());
    @Option(names = "--json", description = "Print the summary as JSON.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (workers < 1) {
            throw new ParameterException(spec.commandLine(), "--workers must be at least 1, got " + workers);
        }
        EvalParams params;
        try {
            params = CocoFileEvaluation.withMaxDetsSetting(EvalParams.defaults(), maxDets);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--max-dets: " + e.getMessage());
        }
        try (Workspace ws = workspace.open()) {
            List<RegisteredModel> chosen = ModelSelection.select(ws, models);
            int images = ws.datasets().images(dataset, split).size();
            spec.commandLine().getErr().printf(Locale.ROOT, "Evaluating %d models on %d images of %s%s with %d workers%n",
                    chosen.size(), images, dataset, split == null ? "" : "/" + split, workers);
            ConsoleProgress console = new ConsoleProgress(spec.commandLine().getErr(), "pairs");
            EvaluationRunner runner = new EvaluationRunner(ws, new DjlSegmenterFactory(), params, workers);
            EvaluationRunner.Summary summary = runner.run(dataset, split, chosen, (done, total, eta) -> {
                synchronized (console) {
                    console.progress(done, total);
                }
            }, () -> Thread.currentThread().isInterrupted());
            if (json) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("run", summary.runId());
                row.put("pairs", summary.pairs());
                row.put("reused", summary.reused());
                row.put("computed", summary.computed());
                row.put("failed", summary.failed());
                row.put("seconds", summary.seconds());
                row.put("settings", runner.settingsHash());
                Output.json(spec.commandLine().getOut(), row);
            } else {
                spec.commandLine().getOut().println(summary.describe());
                if (summary.failed() > 0) {
                    spec.commandLine().getOut().println("Failed pairs keep their error text in the workspace; rerun to retry them.");
                }
            }
            return summary.failed() == 0 ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
        }
    }
}
