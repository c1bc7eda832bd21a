package org.segrank.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segrank.core.InvalidInputException;
import org.segrank.workspace.ArtifactVerification;
import org.segrank.workspace.ModelAlias;
import org.segrank.workspace.ModelFormat;
import org.segrank.workspace.ModelRegistration;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "model", description = "The model registry: register, list, show, verify, alias, remove, restore.",
        subcommands = { ModelCommand.Register.class, ModelCommand.ListModels.class, ModelCommand.Show.class,
                ModelCommand.Verify.class, ModelCommand.Alias.class, ModelCommand.Remove.class, ModelCommand.Restore.class },
        synopsisSubcommandLabel = "COMMAND")
final class ModelCommand extends CommandGroup {

    static Map<String, Object> row(RegisteredModel m) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", m.name());
        row.put("version", m.version());
        row.put("architecture", m.architecture());
        row.put("format", m.format().id());
        row.put("fine_tuned_on", m.fineTunedOnDataset());
        row.put("base_model", m.baseModel());
        row.put("sha256", m.artifactSha256() == null ? null : m.artifactSha256().substring(0, 12));
        row.put("size_bytes", m.sizeBytes());
        row.put("tags", m.tags());
        row.put("status", m.isRemoved() ? "removed" : "active");
        return row;
    }

    static Map<String, Object> details(RegisteredModel m) {
        Map<String, Object> row = row(m);
        row.put("sha256", m.artifactSha256());
        row.put("input_size", m.inputWidth() == null ? null : m.inputWidth() + "x" + m.inputHeight());
        row.put("normalization_mean", m.normalizationMean());
        row.put("normalization_std", m.normalizationStd());
        row.put("score_threshold", m.scoreThreshold());
        row.put("mask_threshold", m.maskThreshold());
        row.put("label_filter", m.labelFilter());
        row.put("notes", m.notes());
        row.put("provenance", m.provenance());
        row.put("created_at", m.createdAt());
        row.put("removed_at", m.removedAt());
        return row;
    }

    @Command(name = "register", description = {
            "Registers one model (artifact copied into the workspace store, checksum recorded) or, with --manifest,",
            "every model of a CSV/JSON manifest in one transaction (all or none). Without --artifact only metadata",
            "is registered (for results computed elsewhere)." })
    static final class Register implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--manifest", paramLabel = "FILE", description = "Bulk registration from a .csv or .json manifest.")
        Path manifest;
        @Option(names = "--name", paramLabel = "NAME")
        String name;
        @Option(names = "--version", paramLabel = "V", description = "Version (default: 1).")
        String version;
        @Option(names = "--architecture", paramLabel = "A", description = "e.g. mask_rcnn_resnet50_fpn")
        String architecture;
        @Option(names = "--format", paramLabel = "F", description = "onnx, torchscript or djl")
        String format;
        @Option(names = "--artifact", paramLabel = "FILE", description = "The model file.")
        Path artifact;
        @Option(names = "--fine-tuned-on", paramLabel = "DATASET")
        String fineTunedOn;
        @Option(names = "--base-model", paramLabel = "REF")
        String baseModel;
        @Option(names = "--input-size", paramLabel = "WxH")
        String inputSize;
        @Option(names = "--mean", split = ",", paramLabel = "M")
        List<Double> mean;
        @Option(names = "--std", split = ",", paramLabel = "S")
        List<Double> std;
        @Option(names = "--score-threshold", paramLabel = "T")
        Double scoreThreshold;
        @Option(names = "--mask-threshold", paramLabel = "T")
        Double maskThreshold;
        @Option(names = "--label-filter", split = ",", paramLabel = "LABEL", description = "Only detections with these output labels count (default: all).")
        List<Integer> labelFilter;
        @Option(names = "--tag", paramLabel = "TAG")
        List<String> tags;
        @Option(names = "--notes", paramLabel = "TEXT")
        String notes;
        @Option(names = "--json", description = "JSON output.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = workspace.open()) {
                List<RegisteredModel> registered;
                if (manifest != null) {
                    registered = ws.models().registerManifest(manifest);
                } else {
                    registered = List.of(ws.models().register(registration()));
                }
                if (json) {
                    Output.json(out, registered.stream().map(ModelCommand::details).toList());
                } else {
                    out.println("Registered " + registered.size() + " model(s):");
                    Output.table(out, registered.stream().map(ModelCommand::row).toList(), "name", "version", "format", "sha256", "fine_tuned_on");
                }
            }
            return ExitCodes.OK;
        }

        private ModelRegistration registration() {
            if (name == null || architecture == null || format == null) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                        "give --manifest FILE, or --name, --architecture and --format");
            }
            ModelFormat parsed = ModelFormat.parse(format).orElseThrow(() -> new picocli.CommandLine.ParameterException(
                    spec.commandLine(), "--format must be onnx, torchscript or djl, got '" + format + "'"));
            ModelRegistration.Builder builder = ModelRegistration.builder(name, architecture, parsed).version(version)
                    .fineTunedOnDataset(fineTunedOn).baseModel(baseModel).scoreThreshold(scoreThreshold)
                    .maskThreshold(maskThreshold).tags(tags).notes(notes).labelFilter(labelFilter);
            if (artifact != null) {
                builder.artifact(artifact);
            }
            if (inputSize != null) {
                String[] wh = inputSize.toLowerCase(java.util.Locale.ROOT).split("x");
                try {
                    builder.inputSize(Integer.valueOf(wh[0].trim()), Integer.valueOf(wh[1].trim()));
                } catch (RuntimeException e) {
                    throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--input-size must look like 512x512, got '" + inputSize + "'");
                }
            }
            if (mean != null || std != null) {
                builder.normalization(mean, std);
            }
            return builder.build();
        }
    }

    @Command(name = "list", description = "Lists registered models (active ones unless --all).")
    static final class ListModels implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--all", description = "Include soft-removed models.")
        boolean all;
        @Option(names = "--json", description = "JSON output.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                List<Map<String, Object>> rows = new ArrayList<>();
                ws.models().list(all).forEach(m -> rows.add(row(m)));
                Output.rows(spec.commandLine().getOut(), json, rows, "name", "version", "architecture", "format",
                        "fine_tuned_on", "sha256", "size_bytes", "tags", "status");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "All recorded metadata and provenance of one model.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(paramLabel = "REF", description = "name, name:version or alias")
        String ref;
        @Option(names = "--json", description = "JSON output.")
        boolean json;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                RegisteredModel model = ws.models().find(ref, true)
                        .orElseThrow(() -> new InvalidInputException("model registry", "model '" + ref + "'", "no such model"));
                Map<String, Object> details = details(model);
                List<String> aliases = ws.models().aliases().stream().filter(a -> a.model().id() == model.id())
                        .map(ModelAlias::alias).toList();
                details.put("aliases", aliases);
                details.put("versions", ws.models().versions(model.name()).stream().map(RegisteredModel::version).toList());
                Output.record(spec.commandLine().getOut(), json, details);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "verify", description = "Re-hashes model artifacts against their recorded checksums; exit 3 on a mismatch or missing file.")
    static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(paramLabel = "REF", arity = "0..1", description = "One model (default: all).")
        String ref;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                List<ArtifactVerification> results = ref == null ? ws.models().verifyAll() : List.of(ws.models().verify(ref));
                boolean allOk = true;
                for (ArtifactVerification v : results) {
                    spec.commandLine().getOut().printf("%-14s %s  %s%n", v.status(), v.model().qualifiedName(), v.message());
                    allOk &= v.isOk();
                }
                return allOk ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
            }
        }
    }

    @Command(name = "alias", description = "Sets ALIAS to REF, removes it (--remove), or lists aliases (no arguments).")
    static final class Alias implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(index = "0", arity = "0..1", paramLabel = "ALIAS")
        String alias;
        @Parameters(index = "1", arity = "0..1", paramLabel = "REF")
        String ref;
        @Option(names = "--remove", description = "Remove ALIAS.")
        boolean remove;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Workspace ws = workspace.open()) {
                if (alias == null) {
                    ws.models().aliases().forEach(a -> out.println(a.alias() + " -> " + a.model().qualifiedName()));
                } else if (remove) {
                    if (!ws.models().removeAlias(alias)) {
                        throw new InvalidInputException("model registry", "alias '" + alias + "'", "no such alias");
                    }
                    out.println("Removed alias " + alias);
                } else {
                    if (ref == null) {
                        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "give ALIAS REF, ALIAS --remove, or nothing to list");
                    }
                    ModelAlias set = ws.models().setAlias(alias, ref);
                    out.println(set.alias() + " -> " + set.model().qualifiedName());
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "remove", description = "Soft-removes a model: hidden from lists and rankings, kept with its results; see 'restore'.")
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(paramLabel = "REF")
        String ref;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                RegisteredModel removed = ws.models().softRemove(ref);
                spec.commandLine().getOut().println("Removed " + removed.qualifiedName() + " (restore with: segrank model restore " + removed.qualifiedName() + ")");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "restore", description = "Undoes 'remove'.")
    static final class Restore implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(paramLabel = "NAME:VERSION")
        String ref;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                spec.commandLine().getOut().println("Restored " + ws.models().restore(ref).qualifiedName());
            }
            return ExitCodes.OK;
        }
    }
}
