package org.segrank.ui.handlers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Named;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.segrank.backbones.ClassifierFineTuning;
import org.segrank.backbones.ExtractorCatalog;
import org.segrank.ui.jobs.UiJobs;
import org.segrank.ui.workspace.UiWorkspace;

/**
 * Run &gt; Train CNN-P...: {@code segrank features train-cnnp} as a cancellable Job showing each epoch; a cancelled
 * run leaves the previous CNN-P weights in place.
 */
public class TrainCnnPHandler {
    private static final String FROM_SCRATCH = "(compact ResNet, from scratch)";

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker broker) {
        List<String> datasets = DatasetDialogs.datasetNamesOrExplain(shell, "Train CNN-P", "The workspace has no dataset yet: import or generate one first.");
        if (datasets.isEmpty()) {
            return;
        }
        DatasetDialogs.Field dataset = DatasetDialogs.Field.choice("Dataset:", datasets);
        List<String> starts = new java.util.ArrayList<>(List.of(FROM_SCRATCH));
        ExtractorCatalog.registeredBackbones(UiWorkspace.get()).forEach(e -> starts.add(e.name()));
        DatasetDialogs.Field start = DatasetDialogs.Field.choice("Start from:", starts);
        DatasetDialogs.Field backbone = DatasetDialogs.Field.text("or a TorchScript backbone file:", "");
        DatasetDialogs dialog = new DatasetDialogs(shell, "Train CNN-P",
                "Trains a particle classifier on the dataset's " + ExtractorCatalog.CLASSIFICATION_SPLIT + " split; its penultimate"
                        + " layer is the cnn-p extractor. Without a backbone a compact ResNet is trained from scratch; with one"
                        + " (e.g. an ImageNet ResNet-50 without fc, registered with Models > Register feature extractor) that"
                        + " network is fine-tuned, which is slow on a CPU.",
                List.of(dataset, start, backbone));
        if (dialog.open() != Window.OK) {
            return;
        }
        Path backboneFile;
        try {
            backboneFile = backbone.value != null && !backbone.value.isBlank() ? Path.of(backbone.value.trim())
                    : FROM_SCRATCH.equals(start.value) ? null : ExtractorCatalog.trainableBackbone(UiWorkspace.get(), start.value);
        } catch (java.io.IOException | RuntimeException e) {
            MessageDialog.openError(shell, "Train CNN-P", e.getMessage());
            return;
        }
        if (backboneFile != null && !Files.isRegularFile(backboneFile)) {
            MessageDialog.openError(shell, "Train CNN-P", "Backbone file not found: " + backboneFile);
            return;
        }
        ClassifierFineTuning.Settings settings = backboneFile == null ? ClassifierFineTuning.Settings.defaults()
                : ClassifierFineTuning.Settings.fineTuningDefaults();
        schedule(shell.getDisplay(), broker, dataset.value, backboneFile, settings);
    }

    /** The menu's Job: trains CNN-P on {@code dataset} ({@code backbone} may be null), each epoch shown. */
    public static Job schedule(Display display, IEventBroker broker, String dataset, Path backboneFile,
            ClassifierFineTuning.Settings settings) {
        return UiJobs.schedule("Training CNN-P on " + dataset, display, broker, monitor -> {
            monitor.beginTask("Training CNN-P", settings.maxEpochs());
            ClassifierFineTuning.TrainingReport report = ExtractorCatalog.trainCnnP(UiWorkspace.get(), dataset, settings,
                    backboneFile, new ClassifierFineTuning.Monitor() {
                        @Override
                        public void epochFinished(int epoch, int maxEpochs, double trainLoss, double validationLoss) {
                            monitor.worked(1);
                            monitor.subTask(String.format(Locale.ROOT, "epoch %d of at most %d: training loss %.4f, validation loss %.4f",
                                    epoch, maxEpochs, trainLoss, validationLoss));
                        }

                        @Override
                        public boolean cancelled() {
                            return monitor.isCanceled();
                        }
                    });
            monitor.done();
            return String.format(Locale.ROOT, "CNN-P trained on %d images (%d for validation): best epoch %d of %d, validation accuracy %.3f (%s)",
                    report.trainImages(), report.validationImages(), report.bestEpoch(), report.epochs().size(),
                    report.best().validationAccuracy(), report.stopReason());
        });
    }
}
