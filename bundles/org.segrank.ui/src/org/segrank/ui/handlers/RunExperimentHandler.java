package org.segrank.ui.handlers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Named;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.segrank.backbones.ExtractorCatalog;
import org.segrank.evaluation.EvaluationRunner;
import org.segrank.experiments.ExperimentConfig;
import org.segrank.experiments.ExperimentOutcome;
import org.segrank.experiments.ExperimentRunner;
import org.segrank.metrics.coco.EvalParams;
import org.segrank.segmenters.ModelSelection;
import org.segrank.ui.jobs.UiJobs;
import org.segrank.ui.workspace.UiWorkspace;
import org.segrank.workspace.RegisteredModel;

/**
 * Run &gt; Experiment...: {@code segrank experiment run} as a Job: the paper's protocol by default, with the extractors,
 * models, splits, k, PCA, vote m, cut-offs, ratio and seed to compare.
 */
public class RunExperimentHandler {
    private static final String ZOO_MODELS = "the newest demo zoo";
    private static final String ALL_MODELS = "all registered models";

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker broker) {
        List<String> datasets = DatasetDialogs.datasetNamesOrExplain(shell, "Experiment", "The workspace has no dataset yet.");
        if (datasets.isEmpty()) {
            return;
        }
        DatasetDialogs.Field dataset = DatasetDialogs.Field.choice("Dataset:", datasets);
        List<DatasetDialogs.Field> fields = new ArrayList<>(List.of(dataset));
        List<DatasetDialogs.Field> extractorBoxes = new ArrayList<>();
        for (String extractor : ExtractorCatalog.names(UiWorkspace.get())) {
            DatasetDialogs.Field box = DatasetDialogs.Field.check("Extractor " + extractor, extractorBoxes.isEmpty());
            extractorBoxes.add(box);
            fields.add(box);
        }
        ExperimentConfig paper = ExperimentConfig.paper("experiment", datasets.get(0), List.of(), List.of("-"), "-");
        DatasetDialogs.Field models = DatasetDialogs.Field.choice("Models:", List.of(ZOO_MODELS, ALL_MODELS));
        DatasetDialogs.Field candidates = DatasetDialogs.Field.text("Candidate split:", paper.candidateSplit());
        DatasetDialogs.Field queries = DatasetDialogs.Field.text("Query split:", paper.querySplit());
        DatasetDialogs.Field ks = DatasetDialogs.Field.text("k (representatives):", join(paper.ks()));
        DatasetDialogs.Field pca = DatasetDialogs.Field.text("PCA components (0 = none):", Integer.toString(paper.pcaDimensions()));
        DatasetDialogs.Field voteM = DatasetDialogs.Field.text("Vote m (0 = nearest only):", Integer.toString(paper.voteM()));
        DatasetDialogs.Field cutoffs = DatasetDialogs.Field.text("nDCG cut-offs:", "full,1,3,5");
        DatasetDialogs.Field ratio = DatasetDialogs.Field.text("Method 1 ratio of the best AP:", Double.toString(paper.relevanceRatio()));
        DatasetDialogs.Field seed = DatasetDialogs.Field.text("Seed:", Long.toString(paper.seed()));
        DatasetDialogs.Field name = DatasetDialogs.Field.text("Name:", "experiment");
        fields.addAll(List.of(models, candidates, queries, ks, pca, voteM, cutoffs, ratio, seed, name));
        DatasetDialogs dialog = new DatasetDialogs(shell, "Experiment",
                "nDCG of the retrieved rankings (nearest representative, weighted vote) against Borda, oracle and random;"
                        + " several extractors are compared side by side (each needs its features extracted). Defaults: the paper's protocol.",
                fields);
        if (dialog.open() != Window.OK) {
            return;
        }
        List<String> extractors = new ArrayList<>();
        for (DatasetDialogs.Field box : extractorBoxes) {
            if (Boolean.parseBoolean(box.value)) {
                extractors.add(box.label.substring("Extractor ".length()));
            }
        }
        ExperimentConfig chosen;
        try {
            chosen = new ExperimentConfig(name.value, dataset.value, candidates.value, queries.value, List.of(), extractors,
                    ExperimentConfig.parseIntegers("k", ks.value), integer("PCA components", pca.value),
                    integer("vote m", voteM.value), ExperimentConfig.parseCutoffs(List.of(cutoffs.value.split(","))),
                    number("method 1 ratio", ratio.value), paper.bootstrapSamples(), longInteger("seed", seed.value), "-",
                    ExperimentConfig.EXACT_INDEX);
        } catch (IllegalArgumentException e) {
            MessageDialog.openError(shell, "Experiment", e.getMessage());
            return;
        }
        schedule(shell.getDisplay(), broker, chosen, ZOO_MODELS.equals(models.value) ? ModelSelection.ZOO : ModelSelection.ALL);
    }

    /**
     * The menu's Job: runs {@code chosen} (its models and evaluation settings are filled in here) on the models of
     * {@code modelSelection} ({@link ModelSelection#ZOO} or {@link ModelSelection#ALL}).
     */
    public static Job schedule(Display display, IEventBroker broker, ExperimentConfig chosen, String modelSelection) {
        return UiJobs.schedule("Experiment on " + chosen.dataset(), display, broker, monitor -> {
            List<String> refs = ModelSelection.select(UiWorkspace.get(), List.of(modelSelection)).stream()
                    .map(RegisteredModel::qualifiedName).toList();
            String settings = new EvaluationRunner(UiWorkspace.get(), (w, m) -> null, EvalParams.defaults(), 1).settingsHash();
            ExperimentConfig config = chosen.withModels(refs).withEvaluationSettings(settings);
            monitor.beginTask("Experiment " + config.name(), 1000);
            int[] reported = { 0 };
            Map<String, String> versions = ExperimentRunner.softwareVersions(
                    org.osgi.framework.FrameworkUtil.getBundle(RunExperimentHandler.class).getVersion().toString());
            ExperimentOutcome outcome = new ExperimentRunner(UiWorkspace.get()).run(config, versions, (message, done, total) -> {
                int permille = total == 0 ? 1000 : 1000 * done / total;
                monitor.worked(Math.max(0, permille - reported[0]));
                reported[0] = Math.max(reported[0], permille);
                monitor.subTask(message);
            }, monitor::isCanceled);
            monitor.done();
            return "experiment " + outcome.experimentId() + ": " + outcome.queries() + " queries; "
                    + String.join(" | ", outcome.tables().subList(0, Math.min(3, outcome.tables().size())));
        });
    }

    private static String join(List<Integer> values) {
        return String.join(",", values.stream().map(String::valueOf).toList());
    }

    private static int integer(String what, String text) {
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text.strip() + "' is not a whole number");
        }
    }

    private static long longInteger(String what, String text) {
        try {
            return Long.parseLong(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text.strip() + "' is not a whole number");
        }
    }

    private static double number(String what, String text) {
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + ": '" + text.strip() + "' is not a number");
        }
    }
}
