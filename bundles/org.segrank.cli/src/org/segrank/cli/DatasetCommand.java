package org.segrank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segrank.core.InvalidInputException;
import org.segrank.datasets.corpus.CorpusSpec;
import org.segrank.datasets.io.DatasetExporter;
import org.segrank.datasets.io.DatasetFormat;
import org.segrank.datasets.io.DatasetImporter;
import org.segrank.datasets.io.GeneratedDataset;
import org.segrank.datasets.io.ImportOptions;
import org.segrank.datasets.io.ImportReport;
import org.segrank.workspace.Dataset;
import org.segrank.workspace.DatasetSummary;
import org.segrank.workspace.Workspace;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "dataset", description = "Datasets of particle images with ground-truth masks.",
        subcommands = { DatasetCommand.Generate.class, DatasetCommand.Import.class, DatasetCommand.ListDatasets.class,
                DatasetCommand.Show.class, DatasetCommand.Validate.class, DatasetCommand.Export.class },
        synopsisSubcommandLabel = "COMMAND")
final class DatasetCommand extends CommandGroup {

    /** Where split/role and class come from; default: manifest.csv or splits.csv in the folder. */
    static final class SplitChoice {
        @Option(names = "--splits", paramLabel = "FILE.csv", description = "CSV with columns file,split[,class][,regime].")
        Path csv;
        @Option(names = "--split-folders", description = "Split (and class) from folder names: <split>/[<class>/]<image>.")
        boolean folders;
        @Option(names = "--split", paramLabel = "SPLIT", description = "One split for every image, e.g. candidate.")
        String single;
    }

    static final class ImportSettings {
        @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "mask-pairs (white particles on black, touching particles merge), label-pngs (16-bit instance labels) or coco.")
        String format;
        @ArgGroup(exclusive = true)
        SplitChoice splits;
        @Option(names = "--max-pixels", paramLabel = "N", description = "Refuse images larger than this (decompression bombs; default: ${DEFAULT-VALUE}).")
        long maxPixels = ImportOptions.DEFAULT_MAX_PIXELS;
        @Option(names = "--category", paramLabel = "NAME", description = "Category of mask/label instances (default: ${DEFAULT-VALUE}).")
        String category = ImportOptions.DEFAULT_CATEGORY;
        @Option(names = "--coco-json", paramLabel = "FILE", description = "COCO annotation file (default: annotations.json or the folder's only .json).")
        Path cocoJson;

        DatasetFormat parsedFormat() {
            return DatasetFormat.parse(format);
        }

        ImportOptions options() {
            ImportOptions options = ImportOptions.defaults().withMaxPixels(maxPixels).withCategory(category);
            if (cocoJson != null) {
                options = options.withCocoJson(cocoJson);
            }
            if (splits != null) {
                if (splits.csv != null) {
                    options = options.withSplitCsv(splits.csv);
                } else if (splits.folders) {
                    options = options.withSplitsFromFolders();
                } else if (splits.single != null) {
                    options = options.withSingleSplit(splits.single);
                }
            }
            return options;
        }
    }

    static Map<String, Object> row(DatasetSummary summary) {
        Dataset d = summary.dataset();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", d.name());
        row.put("images", summary.imageCount());
        row.put("instances", summary.instanceCount());
        row.put("splits", new LinkedHashMap<>(summary.imagesPerSplit()));
        row.put("seed", d.seed());
        row.put("generator", d.generator());
        row.put("created_at", d.createdAt());
        return row;
    }

    @Command(name = "generate", description = {
            "Generates the seeded particle corpus (5 kinds, 39 fine-tuning regimes) with the paper's splits and imports it.",
            "Resumable: rerun the same command after an interruption." })
    static final class Generate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--name", required = true, paramLabel = "NAME")
        String name;
        @Option(names = "--quick", description = "Small preset for CI and tries: 50/40/40 images, 39x6 fine-tuning, 256x256.")
        boolean quick;
        @Option(names = "--classification", paramLabel = "N", description = "Classification-training images (paper: 449).")
        Integer classification;
        @Option(names = "--candidates", paramLabel = "N", description = "Representative candidates (paper: 250).")
        Integer candidates;
        @Option(names = "--queries", paramLabel = "N", description = "Query images (paper: 275).")
        Integer queries;
        @Option(names = "--finetune-per-subset", paramLabel = "N", description = "Images per fine-tuning subset (39 subsets).")
        Integer finetune;
        @Option(names = "--size", paramLabel = "PX", description = "Image width and height (default 512, quick 256).")
        Integer size;
        @Option(names = "--seed", paramLabel = "S", description = "Master seed, recorded with the dataset.")
        Long seed;
        @Option(names = "--out", paramLabel = "DIR", description = "Corpus folder (default: <workspace>/corpora/<name>).")
        Path out;

        @Override
        public Integer call() throws Exception {
            CorpusSpec corpus = quick ? CorpusSpec.quick() : CorpusSpec.defaults();
            if (classification != null) {
                corpus = corpus.withClassificationImages(classification);
            }
            if (candidates != null) {
                corpus = corpus.withCandidateImages(candidates);
            }
            if (queries != null) {
                corpus = corpus.withQueryImages(queries);
            }
            if (finetune != null) {
                corpus = corpus.withFineTuningImagesPerRegime(finetune);
            }
            if (size != null) {
                corpus = corpus.withImageSize(size, size);
            }
            if (seed != null) {
                corpus = corpus.withMasterSeed(seed);
            }
            PrintWriter printer = spec.commandLine().getOut();
            try (Workspace ws = workspace.open()) {
                Path folder = out != null ? out : GeneratedDataset.defaultFolder(ws, name);
                printer.printf("Generating %d images (%dx%d, seed %d) into %s%n", corpus.totalImages(), corpus.width(),
                        corpus.height(), corpus.masterSeed(), folder);
                printer.flush();
                ConsoleProgress generating = new ConsoleProgress(spec.commandLine().getErr(), "images generated");
                ConsoleProgress importing = new ConsoleProgress(spec.commandLine().getErr(), "images imported");
                GeneratedDataset.Result result = GeneratedDataset.generate(ws, name, corpus, folder,
                        (phase, done, total) -> (phase == GeneratedDataset.Phase.GENERATING ? generating : importing).progress(done, total),
                        () -> Thread.currentThread().isInterrupted());
                printer.printf("Wrote %d images (%d already there) in %.1f s%n", result.written().written(), result.written().skipped(),
                        result.written().elapsed().toMillis() / 1000.0);
                printer.println(result.imported().summary());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", description = {
            "Imports a folder of images with ground truth. All or nothing: any invalid item stops the import and the",
            "workspace stays as it was, unless --skip-invalid. Re-importing the same files changes nothing." })
    static final class Import implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--name", required = true, paramLabel = "NAME", description = "Dataset to create or add to.")
        String name;
        @Mixin
        ImportSettings settings;
        @Option(names = "--skip-invalid", description = "Import the valid items and report the skipped ones.")
        boolean skipInvalid;
        @Parameters(paramLabel = "FOLDER")
        Path folder;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), "images");
                ImportReport report = new DatasetImporter(ws).importInto(name, folder, settings.parsedFormat(),
                        settings.options().withSkipInvalid(skipInvalid), progress::progress, () -> Thread.currentThread().isInterrupted());
                spec.commandLine().getOut().println(report.summary());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "validate", description = "Checks a folder as 'import' would, without touching the workspace; exit 3 when something is invalid.")
    static final class Validate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        ImportSettings settings;
        @Parameters(paramLabel = "FOLDER")
        Path folder;

        @Override
        public Integer call() throws Exception {
            ImportReport report = DatasetImporter.validate(folder, settings.parsedFormat(), settings.options());
            spec.commandLine().getOut().println(report.summary());
            return report.hasProblems() ? ExitCodes.INVALID_INPUT : ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "Datasets with image counts per split.")
    static final class ListDatasets implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--json", description = "JSON output.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                ws.datasets().list().forEach(s -> rows.add(row(s)));
                Output.rows(spec.commandLine().getOut(), json, rows, "name", "images", "instances", "seed", "splits");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "One dataset: provenance and images per split.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(paramLabel = "NAME")
        String name;
        @Option(names = "--json", description = "JSON output.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                DatasetSummary summary = ws.datasets().list().stream().filter(s -> s.dataset().name().equals(name)).findFirst()
                        .orElseThrow(() -> new InvalidInputException("workspace " + ws.directory(), "dataset '" + name + "'", "no such dataset"));
                Map<String, Object> details = row(summary);
                details.put("description", summary.dataset().description());
                details.put("source", summary.dataset().source());
                details.put("generator_settings", summary.dataset().generatorSettings());
                Output.record(spec.commandLine().getOut(), json, details);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", description = "Writes a dataset (or one split) as COCO: annotations.json, images/, splits.csv.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--name", required = true, paramLabel = "NAME")
        String name;
        @Option(names = "--split", paramLabel = "SPLIT", description = "Only this split.")
        String split;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Missing or empty folder to write.")
        Path out;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                ConsoleProgress progress = new ConsoleProgress(spec.commandLine().getErr(), "images");
                DatasetExporter.ExportReport report = new DatasetExporter(ws).export(name, split, out, progress::progress,
                        () -> Thread.currentThread().isInterrupted());
                spec.commandLine().getOut().printf("Exported %d images, %d annotations, categories %s to %s%n", report.images(),
                        report.annotations(), report.categories(), report.folder());
            }
            return ExitCodes.OK;
        }
    }
}
