package org.segrank.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.segrank.datasets.corpus.CorpusSpec;
import org.segrank.datasets.io.GeneratedDataset;
import org.segrank.evaluation.EvaluationRunner;
import org.segrank.experiments.ExperimentConfig;
import org.segrank.experiments.ExperimentOutcome;
import org.segrank.features.ExtractionOptions;
import org.segrank.features.FeatureExtraction;
import org.segrank.features.ParticleDescriptorExtractor;
import org.segrank.metrics.coco.EvalParams;
import org.segrank.segmenters.DemoZoo;
import org.segrank.segmenters.DjlSegmenterFactory;
import org.segrank.segmenters.ZooReport;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The README's main job: the whole method on generated data. Every step is cached or resumable in the workspace, so a
 * second run (or a run after an interruption) redoes nothing that is already stored.
 */
@Command(name = "demo", description = {
        "Main job: generates the particle corpus, builds (or reuses) the 39-model demo zoo, evaluates it on candidates and",
        "queries, extracts features, runs the paper's experiment grid and prints the nDCG tables. Cached and resumable." })
final class DemoCommand implements Callable<Integer> {
    static final String DATASET = "demo-corpus";
    static final String QUICK_DATASET = "demo-corpus-quick";

    @Spec
    CommandSpec spec;
    @Mixin
    WorkspaceOption workspace;
    @Option(names = "--quick", description = "CI size: 50/40/40 images of 256 px, 39 x 6 fine-tuning, a weaker zoo, k 40/20/10/5.")
    boolean quick;
    @Option(names = "--workers", paramLabel = "N", description = "Parallel evaluation workers (default: ${DEFAULT-VALUE}).")
    int workers = Math.min(2, Runtime.getRuntime().availableProcessors());

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        String dataset = quick ? QUICK_DATASET : DATASET;
        CorpusSpec corpus = quick ? CorpusSpec.quick() : CorpusSpec.defaults();
        try (Workspace ws = workspace.open()) {
            step(out, 1, "Particle corpus '" + dataset + "' (" + corpus.totalImages() + " images, seed " + corpus.masterSeed() + ")");
            ConsoleProgress generating = new ConsoleProgress(err, "images");
            GeneratedDataset.Result generated = GeneratedDataset.generate(ws, dataset, corpus, GeneratedDataset.defaultFolder(ws, dataset),
                    (phase, done, total) -> generating.progress(done, total), () -> Thread.currentThread().isInterrupted());
            out.println("      " + generated.imported().summary());

            step(out, 2, "Demo zoo: base model + one transfer-learned model per fine-tuning subset");
            DemoZoo.Report zoo = ZooCommand.build(ws, dataset, quick ? DemoZoo.Settings.quick() : DemoZoo.Settings.defaults(), err);
            out.println("      " + zoo.describe());
            List<RegisteredModel> models = zoo.models();

            EvaluationRunner runner = new EvaluationRunner(ws, new DjlSegmenterFactory(), EvalParams.defaults(), workers);
            for (String split : List.of("candidate", "query")) {
                step(out, 3, "Evaluating " + models.size() + " models on the " + split + " images (mask AP per pair)");
                ConsoleProgress pairs = new ConsoleProgress(err, "pairs");
                EvaluationRunner.Summary summary = runner.run(dataset, split, models, (done, total, eta) -> {
                    synchronized (pairs) {
                        pairs.progress(done, total);
                    }
                }, () -> Thread.currentThread().isInterrupted());
                out.println("      " + summary.describe());
            }
            ZooReport usefulness = ZooReport.of(ws.results().apMatrix(dataset, "candidate", runner.settingsHash()).withModels(models));
            out.println("      zoo on candidates: " + usefulness.lines().get(1));
            out.println("      " + usefulness.lines().get(2));

            step(out, 4, "Features (" + ParticleDescriptorExtractor.NAME + ") of candidates and queries");
            for (String split : List.of("candidate", "query")) {
                ConsoleProgress images = new ConsoleProgress(err, "images");
                ExtractionOptions options = ExtractionOptions.defaults().withProgress((done, total, rate) -> images.progress(done, total))
                        .withCancellation(() -> Thread.currentThread().isInterrupted());
                out.println("      " + split + ": " + new FeatureExtraction(ws, new ParticleDescriptorExtractor()).run(dataset, split, options).summary());
            }

            step(out, 5, "Experiment grid (the paper's protocol)");
            ExperimentConfig config = ExperimentConfig.paper("demo", dataset, models.stream().map(RegisteredModel::qualifiedName).toList(),
                    List.of(ParticleDescriptorExtractor.NAME), runner.settingsHash());
            if (quick) {
                config = config.withKs(List.of(40, 20, 10, 5)).withBootstrapSamples(300);
            }
            ExperimentOutcome outcome = ExperimentCommand.run(ws, config, err);

            step(out, 6, "Excel report");
            java.nio.file.Path report = ws.directory().resolve("reports").resolve(dataset + "-experiment-" + outcome.experimentId() + ".xlsx");
            java.nio.file.Files.createDirectories(report.getParent());
            org.segrank.experiments.ExperimentReport.write(ws, Long.toString(outcome.experimentId()), report);
            out.println();
            ExperimentCommand.print(out, outcome);
            out.println();
            out.printf(Locale.ROOT, "Done in %.1f min. Excel report: %s%nWorkspace: %s; experiment %d ('segrank experiment show %d');%n"
                    + "rank the models for an image with 'segrank query IMAGE'.%n", (System.nanoTime() - start) / 60e9,
                    report, workspace.directory(), outcome.experimentId(), outcome.experimentId());
            return ExitCodes.OK;
        }
    }

    private static void step(PrintWriter out, int number, String text) {
        out.printf(Locale.ROOT, "[%d/6] %s%n", number, text);
        out.flush();
    }
}
