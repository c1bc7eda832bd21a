package org.segrank.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segrank.backbones.ClassifierFineTuning;
import org.segrank.backbones.ExtractorCatalog;
import org.segrank.features.ExtractionOptions;
import org.segrank.features.ExtractionReport;
import org.segrank.features.FeatureExtraction;
import org.segrank.features.FeatureExtractor;
import org.segrank.features.FeatureSet;
import org.segrank.features.FeatureStore;
import org.segrank.features.ParticleDescriptorExtractor;
import org.segrank.features.RegisteredExtractor;
import org.segrank.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "features", description = "Image feature vectors for retrieval.", subcommands = { FeaturesCommand.Extract.class, FeaturesCommand.Register.class, FeaturesCommand.ListExtractors.class,
        FeaturesCommand.TrainCnnP.class },
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
                "particle-descriptor (default, no weights), cnn-p (after 'features train-cnnp'), a registered backbone",
                "('features register'), or any name with --backbone." })
        String extractor = ParticleDescriptorExtractor.NAME;
        @Option(names = "--backbone", paramLabel = "FILE", description = {
                "A backbone file (TorchScript .pt or ONNX) whose output is the feature vector, e.g. an ImageNet ResNet-50",
                "without its fc layer (the paper's CNN-I); it is registered under --extractor, so later commands need only the name." })
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
            if (!ExtractorCatalog.BUILT_IN.contains(extractor) && !org.segrank.djl.DjlEngines.isInitialized()) {
                // a backbone runs at one fixed input size: PyTorch's graph optimizer pays off (it is off by default for
                // Mask R-CNN, whose input size changes); this process runs no Mask R-CNN
                System.setProperty("ai.djl.pytorch.graph_optimizer", "true");
            }
            try (Workspace ws = workspace.open()) {
                if (backbone != null) {
                    ExtractorCatalog.registerBackbone(ws, extractor, backbone, null);
                } else if (!ExtractorCatalog.names(ws).contains(extractor)) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--extractor: '" + extractor
                            + "' is neither built in nor registered (" + String.join(", ", ExtractorCatalog.names(ws))
                            + "): register it with 'segrank features register', or give its --backbone FILE");
                }
                FeatureExtractor chosen = ExtractorCatalog.open(extractor, null, ws, dataset);
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

    @Command(name = "register", description = {
            "Registers a backbone file (TorchScript or ONNX) whose output is the feature vector as a named extractor: the",
            "file is loaded and probed, copied into the workspace store with its SHA-256, and from then on 'features",
            "extract', 'experiment run', 'query' and the UI know it by name. The same file again changes nothing; other",
            "weights under the same name become its newest version." })
    static final class Register implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "e.g. resnet50-imagenet (letters, digits, . _ + -).")
        String name;
        @Option(names = "--backbone", required = true, paramLabel = "FILE", description = "The TorchScript (.pt) or ONNX (.onnx) file.")
        java.nio.file.Path backbone;
        @Option(names = "--format", paramLabel = "FORMAT", description = "torchscript or onnx (default: from the file name).")
        String format;
        @Option(names = "--json", description = "JSON output.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            org.segrank.backbones.BackboneFormat chosenFormat;
            try {
                chosenFormat = format == null ? null : org.segrank.backbones.BackboneFormat.parse(format);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format: " + e.getMessage());
            }
            try (Workspace ws = workspace.open()) {
                RegisteredExtractor registered = ExtractorCatalog.registerBackbone(ws, name, backbone, chosenFormat);
                Output.record(spec.commandLine().getOut(), json, row(registered, null));
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "list", description = {
            "The extractors the workspace knows: built-in ones, CNN-P and registered backbone files, each version with its",
            "dimension, weights and the vectors stored (in one dataset with --dataset)." })
    static final class ListExtractors implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--dataset", paramLabel = "NAME", description = "Count the vectors of this dataset only.")
        String dataset;
        @Option(names = "--json", description = "JSON output.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                FeatureStore store = FeatureStore.of(ws);
                List<Long> datasetIds = dataset != null ? List.of(ws.datasets().get(dataset).id())
                        : ws.datasets().list().stream().map(d -> d.dataset().id()).toList();
                Map<Long, Integer> vectors = new HashMap<>();
                for (long datasetId : datasetIds) {
                    for (FeatureSet set : store.featureSets(datasetId)) {
                        vectors.merge(set.extractorId(), store.count(set), Integer::sum);
                    }
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                List<RegisteredExtractor> registered = store.extractors();
                for (String builtIn : ExtractorCatalog.BUILT_IN) {
                    if (registered.stream().noneMatch(e -> e.name().equals(builtIn))) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("name", builtIn);
                        row.put("kind", ExtractorCatalog.builtInKind(builtIn));
                        row.put("vectors", 0);
                        rows.add(row);
                    }
                }
                for (RegisteredExtractor e : registered) {
                    rows.add(row(e, vectors.getOrDefault(e.id(), 0)));
                }
                Output.rows(spec.commandLine().getOut(), json, rows, "name", "version", "dimension", "kind", "weights", "vectors");
                return ExitCodes.OK;
            }
        }
    }

    private static Map<String, Object> row(RegisteredExtractor extractor, Integer vectors) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", extractor.name());
        row.put("version", extractor.version());
        row.put("dimension", extractor.dimension());
        row.put("kind", ExtractorCatalog.kind(extractor));
        row.put("weights", extractor.artifactSha256());
        if (vectors != null) {
            row.put("vectors", vectors);
        }
        return row;
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
        @Option(names = "--backbone", paramLabel = "NAME|FILE.pt", description = {
                "Fine-tune this TorchScript backbone (a registered one by name, or a file; e.g. an ImageNet ResNet-50 without",
                "fc, as the paper) with a new head instead of training the compact ResNet from scratch; slow on a CPU",
                "(minutes per epoch for a ResNet-50)." })
        String backbone;

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
                java.nio.file.Path backboneFile = backbone == null ? null : ExtractorCatalog.trainableBackbone(ws, backbone);
                ClassifierFineTuning.TrainingReport report = ExtractorCatalog.trainCnnP(ws, dataset, settings, backboneFile,
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
