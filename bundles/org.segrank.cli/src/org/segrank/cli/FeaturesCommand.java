package org.segrank.cli;

import java.util.concurrent.Callable;

import org.segrank.backbones.ClassifierFineTuning;
import org.segrank.backbones.ExtractorCatalog;
import org.segrank.features.ExtractionOptions;
import org.segrank.features.ExtractionReport;
import org.segrank.features.FeatureExtraction;
import org.segrank.features.FeatureExtractor;
import org.segrank.features.ParticleDescriptorExtractor;
import org.segrank.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "features", description = "Image feature vectors for retrieval.", subcommands = { FeaturesCommand.Extract.class, FeaturesCommand.TrainCnnP.class },
        synopsisSubcommandLabel = "COMMAND")
final class FeaturesCommand extends CommandGroup {


    @Command(name = "extract", description = {
            "Extracts and stores one vector per image of a dataset (or split). Resumable: images already stored for",
            "the same extractor and settings are skipped, so rerun after an interruption; Ctrl-C loses only the images in flight." })
    static final class Extract implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--extractor", paramLabel = "NAME", description = {
                "particle-descriptor (default, no weights), cnn-p (after 'features train-cnnp'), or any name with --backbone." })
        String extractor = ParticleDescriptorExtractor.NAME;
        @Option(names = "--backbone", paramLabel = "FILE", description = "A backbone file (TorchScript .pt or ONNX) whose output is the feature vector, e.g. an ImageNet ResNet-50 without its fc layer (the paper's CNN-I).")
        java.nio.file.Path backbone;
        @Option(names = "--dataset", required = true, paramLabel = "NAME")
        String dataset;
        @Option(names = "--split", paramLabel = "SPLIT", description = "Only this split (default: all images).")
        String split;
        @Option(names = "--workers", paramLabel = "N", description = "Parallel workers (default: one per processor, at most 8).")
        Integer workers;

        @Override
        public Integer call() throws Exception {
            ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), "images");
            ExtractionOptions options = ExtractionOptions.defaults()
                    .withProgress((done, total, rate) -> progress.progress(done, total))
                    .withCancellation(() -> Thread.currentThread().isInterrupted());
            if (workers != null) {
                options = options.withWorkers(workers);
            }
            if (backbone == null && !ExtractorCatalog.BUILT_IN.contains(extractor)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--extractor: '" + extractor
                        + "' is not built in (" + String.join(", ", ExtractorCatalog.BUILT_IN) + "): give its --backbone FILE");
            }
            if (backbone != null && !org.segrank.djl.DjlEngines.isInitialized()) {
                // a backbone runs at one fixed input size: PyTorch's graph optimizer pays off (it is off by default for
                // Mask R-CNN, whose input size changes); this process runs no Mask R-CNN
                System.setProperty("ai.djl.pytorch.graph_optimizer", "true");
            }
            try (Workspace ws = workspace.open()) {
                FeatureExtractor chosen = ExtractorCatalog.open(extractor, backbone, ws, dataset);
                try {
                    ExtractionReport report = new FeatureExtraction(ws, chosen).run(dataset, split, options);
                    spec.commandLine().getOut().println(report.summary());
                    return report.errors().isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
                } finally {
                    ExtractorCatalog.close(chosen);
                }
            }
        }
    }

    @Command(name = "train-cnnp", description = {
            "Trains CNN-P: a compact ResNet fine-tuned (from scratch) on the dataset's classification-train split, the",
            "image class as label, with a held-out validation part and early stopping; its penultimate layer is the",
            "'cnn-p' extractor of this dataset. Seeded; the training report is stored with the weights." })
    static final class TrainCnnP implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--dataset", required = true, paramLabel = "NAME")
        String dataset;
        @Option(names = "--seed", paramLabel = "S", description = "Training seed (default: the settings' seed).")
        Long seed;
        @Option(names = "--epochs", paramLabel = "N", description = "Most epochs (default: the settings' maximum).")
        Integer epochs;
        @Option(names = "--backbone", paramLabel = "FILE.pt", description = {
                "Fine-tune this TorchScript backbone (e.g. an ImageNet ResNet-50 without fc, as the paper) with a new head",
                "instead of training the compact ResNet from scratch; slow on a CPU (minutes per epoch for a ResNet-50)." })
        java.nio.file.Path backbone;

        @Override
        public Integer call() throws Exception {
            ClassifierFineTuning.Settings settings = backbone == null ? ClassifierFineTuning.Settings.defaults()
                    : ClassifierFineTuning.Settings.fineTuningDefaults();
            if (seed != null) {
                settings = settings.withSeed(seed);
            }
            if (epochs != null) {
                settings = settings.withEpochs(epochs, Math.min(epochs, settings.patience()));
            }
            try (Workspace ws = workspace.open()) {
                spec.commandLine().getErr().println("Training CNN-P on " + dataset + "/" + ExtractorCatalog.CLASSIFICATION_SPLIT + " ...");
                java.io.PrintWriter err = spec.commandLine().getErr();
                ClassifierFineTuning.TrainingReport report = ExtractorCatalog.trainCnnP(ws, dataset, settings, backbone,
                        new ClassifierFineTuning.Monitor() {
                            @Override
                            public void epochFinished(int epoch, int maxEpochs, double trainLoss, double validationLoss) {
                                err.printf(java.util.Locale.ROOT, "  epoch %d/%d: training loss %.4f, validation loss %.4f%n", epoch,
                                        maxEpochs, trainLoss, validationLoss);
                                err.flush();
                            }
                        });
                spec.commandLine().getOut().println(report.toJson());
                spec.commandLine().getOut().println("CNN-P weights: "
                        + (backbone == null ? ExtractorCatalog.cnnPFile(ws, dataset) : ExtractorCatalog.cnnPBackboneFile(ws, dataset)));
                return ExitCodes.OK;
            }
        }
    }
}
