package org.segrank.cli;

import java.util.List;
import java.util.concurrent.Callable;

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

@Command(name = "features", description = "Image feature vectors for retrieval.", subcommands = FeaturesCommand.Extract.class,
        synopsisSubcommandLabel = "COMMAND")
final class FeaturesCommand extends CommandGroup {

    /** Extractors available without downloaded weights; backbone files (ResNet, DINO, ...) arrive with the DJL bundle. */
    static final List<String> EXTRACTORS = List.of(ParticleDescriptorExtractor.NAME);

    @Command(name = "extract", description = {
            "Extracts and stores one vector per image of a dataset (or split). Resumable: images already stored for",
            "the same extractor and settings are skipped, so rerun after an interruption; Ctrl-C loses only the images in flight." })
    static final class Extract implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--extractor", paramLabel = "NAME", description = "Extractor (default: ${DEFAULT-VALUE}; available: particle-descriptor).")
        String extractor = ParticleDescriptorExtractor.NAME;
        @Option(names = "--dataset", required = true, paramLabel = "NAME")
        String dataset;
        @Option(names = "--split", paramLabel = "SPLIT", description = "Only this split (default: all images).")
        String split;
        @Option(names = "--workers", paramLabel = "N", description = "Parallel workers (default: one per processor, at most 8).")
        Integer workers;

        @Override
        public Integer call() throws Exception {
            if (!EXTRACTORS.contains(extractor)) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "--extractor: unknown extractor '" + extractor + "', available: " + EXTRACTORS);
            }
            FeatureExtractor chosen = new ParticleDescriptorExtractor();
            ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), "images");
            ExtractionOptions options = ExtractionOptions.defaults()
                    .withProgress((done, total, rate) -> progress.progress(done, total))
                    .withCancellation(() -> Thread.currentThread().isInterrupted());
            if (workers != null) {
                options = options.withWorkers(workers);
            }
            try (Workspace ws = workspace.open()) {
                ExtractionReport report = new FeatureExtraction(ws, chosen).run(dataset, split, options);
                spec.commandLine().getOut().println(report.summary());
                return report.errors().isEmpty() ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
            }
        }
    }
}
