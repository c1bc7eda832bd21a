package org.segrank.ui.handlers;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;
import org.segrank.datasets.io.DatasetFormat;
import org.segrank.datasets.io.DatasetImporter;
import org.segrank.datasets.io.ImportOptions;
import org.segrank.datasets.io.ImportReport;
import org.segrank.ui.jobs.UiJobs;
import org.segrank.ui.workspace.UiWorkspace;

/** File &gt; Import dataset...: the same importer as {@code segrank dataset import}, as a Job. */
public class ImportDatasetHandler {
    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, IEventBroker broker) {
        DirectoryDialog folderDialog = new DirectoryDialog(shell);
        folderDialog.setText("Folder with images and ground truth");
        String chosen = folderDialog.open();
        if (chosen == null) {
            return;
        }
        Path folder = Path.of(chosen);
        DatasetDialogs.Field name = DatasetDialogs.Field.text("Dataset name:", folder.getFileName().toString());
        DatasetDialogs.Field format = DatasetDialogs.Field.choice("Format:",
                Arrays.stream(DatasetFormat.values()).map(DatasetFormat::cliName).toList());
        DatasetDialogs.Field skip = DatasetDialogs.Field.check("Skip invalid items (default: import nothing if any is invalid)", false);
        DatasetDialogs dialog = new DatasetDialogs(shell, "Import dataset",
                "mask-pairs: white particles on black (touching particles merge); label-pngs: 16-bit instance labels; coco: COCO JSON."
                        + " Splits from manifest.csv/splits.csv.",
                List.of(name, format, skip));
        if (dialog.open() != Window.OK) {
            return;
        }
        DatasetFormat parsed = DatasetFormat.parse(format.value);
        ImportOptions options = ImportOptions.defaults().withSkipInvalid(Boolean.parseBoolean(skip.value));
        UiJobs.schedule("Importing " + folder.getFileName() + " into " + name.value, shell.getDisplay(), broker, monitor -> {
            monitor.beginTask("Importing " + folder.getFileName(), 1000);
            ImportReport report = new DatasetImporter(UiWorkspace.get()).importInto(name.value, folder, parsed, options,
                    UiJobs.slice(monitor, "images"), monitor::isCanceled);
            monitor.done();
            return report.summary();
        });
    }
}
