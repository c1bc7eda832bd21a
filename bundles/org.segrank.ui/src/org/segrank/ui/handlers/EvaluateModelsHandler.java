package org.segrank.ui.handlers;

import java.util.List;
import java.util.Locale;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.segrank.evaluation.EvaluationRunner;
import org.segrank.metrics.coco.EvalParams;
import org.segrank.segmenters.DjlSegmenterFactory;
import org.segrank.segmenters.ModelSelection;
import org.segrank.ui.jobs.UiJobs;
import org.segrank.ui.workspace.UiWorkspace;
import org.segrank.workspace.DatasetSummary;
import org.segrank.workspace.RegisteredModel;

/**
 * Run &gt; Evaluate models...: {@code segrank evaluate} as a cancellable Job with progress and ETA. Resumable like the
 * CLI: rerunning after Cancel continues with the pairs not stored yet.
 */
public class EvaluateModelsHandler {
    static final String ZOO = "The newest demo zoo";
    static final String ALL = "All registered models";
    static final String ALL_SPLITS = "(all images)";

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker broker) {
        List<String> datasets = DatasetDialogs.datasetNamesOrExplain(shell, "Evaluate models", "The workspace has no dataset yet: import or generate one first.");
        if (datasets.isEmpty()) {
            return;
        }
        DatasetDialogs.Field dataset = DatasetDialogs.Field.choice("Dataset:", datasets);
        DatasetDialogs.Field split = DatasetDialogs.Field.choice("Split:", List.of("candidate", "query", ALL_SPLITS));
        DatasetDialogs.Field models = DatasetDialogs.Field.choice("Models:", List.of(ZOO, ALL));
        DatasetDialogs.Field workers = DatasetDialogs.Field.text("Parallel workers:",
                Integer.toString(Math.min(2, Runtime.getRuntime().availableProcessors())));
        DatasetDialogs dialog = new DatasetDialogs(shell, "Evaluate models",
                "Runs each model on each image and stores its mask AP. Results already stored are reused.",
                List.of(dataset, split, models, workers));
        if (dialog.open() != Window.OK) {
            return;
        }
        int workerCount;
        try {
            workerCount = Integer.parseInt(workers.value.strip());
        } catch (NumberFormatException e) {
            workerCount = 0;
        }
        if (workerCount < 1) {
            MessageDialog.openError(shell, "Evaluate models", "Parallel workers must be a whole number of at least 1, not '" + workers.value + "'.");
            return;
        }
        schedule(shell.getDisplay(), broker, dataset.value, ALL_SPLITS.equals(split.value) ? null : split.value,
                ZOO.equals(models.value) ? ModelSelection.ZOO : ModelSelection.ALL, workerCount);
    }

    /**
     * The menu's Job: evaluates the chosen models ({@link ModelSelection}) on a dataset (split) with progress, ETA
     * and Cancel; the Job's result message is the run summary.
     */
    public static Job schedule(Display display, IEventBroker broker, String dataset, String split, String models, int workers) {
        return UiJobs.schedule("Evaluating models on " + dataset, display, broker, monitor -> {
            List<RegisteredModel> chosen = ModelSelection.select(UiWorkspace.get(), List.of(models));
            monitor.beginTask("Evaluating " + chosen.size() + " models on " + dataset, 1000);
            int[] reported = { 0 };
            EvaluationRunner runner = new EvaluationRunner(UiWorkspace.get(), new DjlSegmenterFactory(), EvalParams.defaults(), workers);
            EvaluationRunner.Summary summary = runner.run(dataset, split, chosen, (done, total, eta) -> {
                synchronized (reported) {
                    int permille = total == 0 ? 1000 : (int) (1000L * done / total);
                    monitor.worked(Math.max(0, permille - reported[0]));
                    reported[0] = Math.max(reported[0], permille);
                    monitor.subTask(done + " / " + total + " pairs" + (Double.isNaN(eta) ? ""
                            : String.format(Locale.ROOT, ", about %.0f s left", eta)));
                }
            }, monitor::isCanceled);
            monitor.done();
            return summary.describe();
        });
    }
}
