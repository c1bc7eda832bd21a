package org.segrank.ui.handlers;

import java.util.List;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;
import org.segrank.backbones.ExtractorCatalog;
import org.segrank.features.ExtractionOptions;
import org.segrank.features.FeatureExtractor;
import org.segrank.features.FeatureExtraction;
import org.segrank.ui.jobs.UiJobs;
import org.segrank.ui.workspace.UiWorkspace;
import org.segrank.workspace.DatasetSummary;

/** Run &gt; Extract features...: {@code segrank features extract} as a cancellable, resumable Job. */
public class ExtractFeaturesHandler {
    static final String ALL_SPLITS = "(all images)";

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker broker) {
        List<String> datasets = DatasetDialogs.datasetNamesOrExplain(shell, "Extract features", "The workspace has no dataset yet: import or generate one first.");
        if (datasets.isEmpty()) {
            return;
        }
        DatasetDialogs.Field dataset = DatasetDialogs.Field.choice("Dataset:", datasets);
        DatasetDialogs.Field split = DatasetDialogs.Field.choice("Split:", List.of(ALL_SPLITS, "candidate", "query"));
        DatasetDialogs.Field extractor = DatasetDialogs.Field.choice("Extractor:", ExtractorCatalog.names(UiWorkspace.get()));
        DatasetDialogs dialog = new DatasetDialogs(shell, "Extract features",
                "Stores one feature vector per image for similarity search. Vectors already stored are kept. Backbone files"
                        + " registered with Models > Register feature extractor are listed by name.",
                List.of(dataset, split, extractor));
        if (dialog.open() != Window.OK) {
            return;
        }
        String chosenSplit = ALL_SPLITS.equals(split.value) ? null : split.value;
        UiJobs.schedule("Extracting features of " + dataset.value, shell.getDisplay(), broker, monitor -> {
            monitor.beginTask("Extracting " + extractor.value + " features", 1000);
            var slice = UiJobs.slice(monitor, "images");
            ExtractionOptions options = ExtractionOptions.defaults()
                    .withProgress((done, total, rate) -> slice.progress(done, total))
                    .withCancellation(monitor::isCanceled);
            FeatureExtractor chosen = ExtractorCatalog.open(extractor.value, null, UiWorkspace.get(), dataset.value);
            String summary;
            try {
                summary = new FeatureExtraction(UiWorkspace.get(), chosen).run(dataset.value, chosenSplit, options).summary();
            } finally {
                ExtractorCatalog.close(chosen);
            }
            monitor.done();
            return summary;
        });
    }
}
