package org.segrank.ui.handlers;

import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;
import org.segrank.datasets.io.DatasetExporter;
import org.segrank.ui.jobs.UiJobs;
import org.segrank.ui.workspace.UiWorkspace;

/** File &gt; Export dataset as COCO...: annotations.json + images/ + splits.csv into a new folder. */
public class ExportDatasetHandler {
    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker broker) {
        List<String> names = DatasetDialogs.datasetNamesOrExplain(shell, "Export dataset", "The workspace has no dataset yet.");
        if (names.isEmpty()) {
            return;
        }
        DatasetDialogs.Field dataset = DatasetDialogs.Field.choice("Dataset:", names);
        DatasetDialogs.Field split = DatasetDialogs.Field.text("Only split (empty = all):", "");
        if (new DatasetDialogs(shell, "Export dataset as COCO", "Choose the dataset, then an empty target folder.",
                List.of(dataset, split)).open() != Window.OK) {
            return;
        }
        DirectoryDialog folderDialog = new DirectoryDialog(shell);
        folderDialog.setText("Empty folder to export into");
        String chosen = folderDialog.open();
        if (chosen == null) {
            return;
        }
        Path out = Path.of(chosen).resolve(dataset.value + "-coco");
        UiJobs.schedule("Exporting " + dataset.value, shell.getDisplay(), broker, monitor -> {
            monitor.beginTask("Exporting " + dataset.value, 1000);
            DatasetExporter.ExportReport report = new DatasetExporter(UiWorkspace.get()).export(dataset.value,
                    split.value.isBlank() ? null : split.value, out, UiJobs.slice(monitor, "images"), monitor::isCanceled);
            monitor.done();
            return "Exported " + report.images() + " images to " + report.folder();
        });
    }
}
