package org.segrank.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.segrank.evaluation.EvaluationRunner;
import org.segrank.experiments.ExperimentConfig;
import org.segrank.experiments.ExperimentOutcome;
import org.segrank.experiments.ExperimentRunner;
import org.segrank.experiments.ExperimentStore;
import org.segrank.experiments.ExperimentText;
import org.segrank.features.ParticleDescriptorExtractor;
import org.segrank.metrics.coco.CocoFileEvaluation;
import org.segrank.metrics.coco.EvalParams;
import org.segrank.segmenters.ModelSelection;
import org.segrank.workspace.RegisteredModel;
import org.segrank.workspace.Workspace;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "experiment", description = "The paper's evaluation protocol, tracked in the workspace: run, list, show, compare, rerun.",
        subcommands = { ExperimentCommand.Run.class, ExperimentCommand.ListExperiments.class, ExperimentCommand.Show.class, ExperimentCommand.Remove.class,
                ExperimentCommand.Compare.class, ExperimentCommand.Rerun.class }, synopsisSubcommandLabel = "COMMAND")
final class ExperimentCommand extends CommandGroup {

    @Command(name = "run", description = {
            "For each extractor and k: representatives of the candidates (PCA, k-means), each query's ranking by the nearest",
            "representative and by the similarity-weighted vote, nDCG (method 1 and 2) at each cut-off, with the Borda, oracle",
            "and random baselines and 95% bootstrap intervals. Needs 'segrank evaluate' on both splits and 'segrank features extract'." })
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Option(names = "--name", paramLabel = "NAME", description = "A label (default: ${DEFAULT-VALUE}).")
        String name = "experiment";
        @Option(names = "--dataset", required = true, paramLabel = "NAME")
        String dataset;
        @Option(names = "--candidates", paramLabel = "SPLIT", description = "Candidate split (default: ${DEFAULT-VALUE}).")
        String candidates = "candidate";
        @Option(names = "--queries", paramLabel = "SPLIT", description = "Query split (default: ${DEFAULT-VALUE}).")
        String queries = "query";
        @Option(names = "--models", paramLabel = "zoo|all|REF,...", split = ",", description = "Models (default: ${DEFAULT-VALUE}).")
        List<String> models = List.of(ModelSelection.ZOO);
        @Option(names = "--extractor", paramLabel = "NAME", split = ",", description = "Extractors with stored features (default: ${DEFAULT-VALUE}).")
        List<String> extractors = List.of(ParticleDescriptorExtractor.NAME);
        @Option(names = "--k", paramLabel = "K,...", split = ",", description = "Representatives (default: 250,125,50,25).")
        List<Integer> ks = ExperimentConfig.PAPER_KS;
        @Option(names = "--pca-dims", paramLabel = "N", description = "PCA components before k-means, 0 = none (default: ${DEFAULT-VALUE}).")
        int pcaDims = 2;
        @Option(names = "--vote-m", paramLabel = "M", description = "m of the weighted-vote strategy, 0 = leave it out (default: ${DEFAULT-VALUE}).")
        int voteM = 5;
        @Option(names = "--cutoffs", paramLabel = "full|N,...", split = ",", description = "nDCG cut-offs (default: full,1,3,5).")
        List<String> cutoffs = List.of("full", "1", "3", "5");
        @Option(names = "--ratio", paramLabel = "R", description = "Method 1's ratio of the best AP (default: ${DEFAULT-VALUE}).")
        double ratio = 0.8;
        @Option(names = "--bootstrap", paramLabel = "N", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
        int bootstrap = 1000;
        @Option(names = "--seed", paramLabel = "S", description = "Seed of k-means, the random baseline and the bootstrap (default: ${DEFAULT-VALUE}).")
        long seed = ExperimentConfig.DEFAULT_SEED;
        @Option(names = "--max-dets", paramLabel = "N|A,B,C", description = "COCO maxDets of the AP results to use (default: ${DEFAULT-VALUE}).")
        String maxDets = Integer.toString(EvalParams.defaults().maxDetections());
        @Option(names = "--index", paramLabel = "exact|hnsw", description = "Vector index of the representatives: exact (default) or hnsw (approximate, Lucene, for very large pools).")
        String index = ExperimentConfig.EXACT_INDEX;

        @Override
        public Integer call() throws Exception {
            List<Integer> cuts;
            try {
                cuts = ExperimentConfig.parseCutoffs(cutoffs);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--cutoffs: " + e.getMessage());
            }
            EvalParams params;
            try {
                params = CocoFileEvaluation.withMaxDetsSetting(EvalParams.defaults(), maxDets);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--max-dets: " + e.getMessage());
            }
            try (Workspace ws = workspace.open()) {
                List<String> refs = ModelSelection.select(ws, models).stream().map(RegisteredModel::qualifiedName).toList();
                ExperimentConfig config;
                try {
                    config = new ExperimentConfig(name, dataset, candidates, queries, refs, extractors, ks, pcaDims, voteM, cuts, ratio,
                            bootstrap, seed, new EvaluationRunner(ws, (w, m) -> null, params, 1).settingsHash(), index);
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                ExperimentOutcome outcome = run(ws, config, spec.commandLine().getErr());
                print(spec.commandLine().getOut(), outcome);
                return ExitCodes.OK;
            }
        }
    }

    static ExperimentOutcome run(Workspace ws, ExperimentConfig config, PrintWriter err) {
        return new ExperimentRunner(ws).run(config, versions(), (message, done, total) -> {
            err.printf(Locale.ROOT, "  [%d/%d] %s%n", done, total, message);
            err.flush();
        }, () -> Thread.currentThread().isInterrupted());
    }

    static Map<String, String> versions() {
        return ExperimentRunner.softwareVersions(SegrankVersion.get());
    }

    static void print(PrintWriter out, ExperimentOutcome outcome) {
        out.printf(Locale.ROOT, "experiment %d: %d queries (%d with AP 0 for every model, excluded; %d left out without results) in %.1f s%n",
                outcome.experimentId(), outcome.queries(), outcome.allZeroQueries(), outcome.leftOutQueries(), outcome.seconds());
        outcome.tables().forEach(out::println);
        outcome.notes().forEach(n -> out.println("note: " + n));
    }

    @Command(name = "list", description = "Stored experiments.")
    static final class ListExperiments implements Callable<Integer> {
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
                for (ExperimentStore.StoredExperiment e : new ExperimentStore(ws.dataSource()).list()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("id", e.id());
                    row.put("name", e.name());
                    row.put("dataset", e.config().dataset());
                    row.put("extractors", String.join(",", e.config().extractors()));
                    row.put("k", e.config().ks().toString());
                    row.put("status", e.status());
                    row.put("finished", e.finishedAt() == null ? "" : e.finishedAt().toString());
                    rows.add(row);
                }
                Output.rows(spec.commandLine().getOut(), json, rows, "id", "name", "dataset", "extractors", "k", "status", "finished");
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "show", description = "An experiment's configuration, versions, checksums and nDCG tables.")
    static final class Show implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(paramLabel = "EXPERIMENT", description = "Id, or name (the newest with it).")
        String ref;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                ExperimentStore store = new ExperimentStore(ws.dataSource());
                ExperimentText.describe(store, store.get(ref)).forEach(spec.commandLine().getOut()::println);
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "remove", description = {
            "Deletes an experiment with its per-query results (other experiments, features and AP results are untouched).",
            "One still running in another process needs --force (a killed or crashed run is listed as interrupted and needs none)." })
    static final class Remove implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(paramLabel = "EXPERIMENT", description = "Id, or name (the newest with it).")
        String ref;
        @Option(names = "--force", description = "Also when it is running in another process.")
        boolean force;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                ExperimentStore store = new ExperimentStore(ws.dataSource());
                ExperimentStore.StoredExperiment e = store.get(ref);
                store.delete(e, force);
                spec.commandLine().getOut().println("removed experiment " + e.id() + " '" + e.name() + "'");
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "compare", description = "Paired per-query difference B - A for every combination both experiments have, with 95% intervals.")
    static final class Compare implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(index = "0", paramLabel = "A")
        String a;
        @Parameters(index = "1", paramLabel = "B")
        String b;
        @Option(names = "--cutoff", paramLabel = "full|N", description = "Only this cut-off (default: ${DEFAULT-VALUE}).")
        String cutoff = "full";

        @Override
        public Integer call() throws Exception {
            int cut;
            try {
                cut = ExperimentConfig.parseCutoffs(List.of(cutoff)).get(0);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--cutoff: " + e.getMessage());
            }
            try (Workspace ws = workspace.open()) {
                ExperimentStore store = new ExperimentStore(ws.dataSource());
                ExperimentStore.StoredExperiment first = store.get(a);
                ExperimentStore.StoredExperiment second = store.get(b);
                ExperimentText.compare(store, first, second, cut).forEach(spec.commandLine().getOut()::println);
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "rerun", description = {
            "Runs a stored experiment's configuration again (same models, extractors, k, seeds) as a new experiment, e.g. after",
            "more results or features were added; 'experiment compare OLD NEW' then shows what changed." })
    static final class Rerun implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        WorkspaceOption workspace;
        @Parameters(paramLabel = "EXPERIMENT", description = "Id, or name (the newest with it).")
        String ref;

        @Override
        public Integer call() throws Exception {
            try (Workspace ws = workspace.open()) {
                ExperimentStore.StoredExperiment stored = new ExperimentStore(ws.dataSource()).get(ref);
                ExperimentOutcome outcome = run(ws, stored.config(), spec.commandLine().getErr());
                spec.commandLine().getOut().println("rerun of experiment " + stored.id() + ":");
                print(spec.commandLine().getOut(), outcome);
                return ExitCodes.OK;
            }
        }
    }
}
