package org.segrank.ui.handlers;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
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

/** Run &gt; Experiment...: {@code segrank experiment run} (the paper's protocol on the newest demo zoo) as a Job. */
public class RunExperimentHandler {

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
        DatasetDialogs.Field ks = DatasetDialogs.Field.text("k (representatives):", "250,125,50,25");
        DatasetDialogs.Field name = DatasetDialogs.Field.text("Name:", "experiment");
        fields.add(ks);
        fields.add(name);
        DatasetDialogs dialog = new DatasetDialogs(shell, "Experiment",
                "nDCG of the retrieved rankings (nearest representative, weighted vote) against Borda, oracle and random;"
                        + " several extractors are compared side by side (each needs its features extracted).",
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
        if (extractors.isEmpty()) {
            MessageDialog.openError(shell, "Experiment", "Choose at least one extractor.");
            return;
        }
        List<Integer> kValues = new ArrayList<>();
        try {
            for (String k : ks.value.split(",")) {
                kValues.add(Integer.parseInt(k.strip()));
            }
        } catch (NumberFormatException e) {
            MessageDialog.openError(shell, "Experiment", "k must be whole numbers separated by commas, not '" + ks.value + "'.");
            return;
        }
        UiJobs.schedule("Experiment on " + dataset.value, shell.getDisplay(), broker, monitor -> {
            List<String> models = ModelSelection.select(UiWorkspace.get(), List.of(ModelSelection.ZOO)).stream()
                    .map(RegisteredModel::qualifiedName).toList();
            String settings = new EvaluationRunner(UiWorkspace.get(), (w, m) -> null, EvalParams.defaults(), 1).settingsHash();
            ExperimentConfig config = ExperimentConfig.paper(name.value, dataset.value, models, extractors, settings)
                    .withKs(kValues);
            monitor.beginTask("Experiment " + name.value, 1000);
            int[] reported = { 0 };
            Map<String, String> versions = new LinkedHashMap<>();
            versions.put("Java", System.getProperty("java.version"));
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
}
